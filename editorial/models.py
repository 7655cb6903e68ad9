"""Which Wagtail group edits which city's offers ("Redaktion Hilden" → Hilden)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class CityTeam(models.Model):
    group = models.OneToOneField(Group, verbose_name=_("Gruppe"), on_delete=models.CASCADE, related_name="city_team")
    city = models.ForeignKey("catalogue.City", verbose_name=_("Stadt"), on_delete=models.CASCADE, related_name="teams")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verantwortlich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Erhält die Prüf-Erinnerungen der Stadt und wird Eigentümer der Vorschläge für die Stadt. "
            "Leer: alle Mitglieder der Gruppe."
        ),
    )

    class Meta:
        verbose_name = _("Stadtredaktion")
        verbose_name_plural = _("Stadtredaktionen")

    def __str__(self):
        return f"{self.group.name} → {self.city.name}"


class ReviewReminder(models.Model):
    """One reminder mail sent: a second run of ``remind_reviews`` on the same day mails nobody twice."""

    recipient = models.EmailField()
    sent_on = models.DateField()
    offer_count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "sent_on"], name="one_reminder_a_day")]

    def __str__(self):
        return f"{self.recipient} {self.sent_on}"
