"""Who proposed an offer: kept apart from the offer page so it is never published."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import OfferPage


class Submission(models.Model):
    offer = models.ForeignKey(
        OfferPage, verbose_name=_("Angebot (Entwurf)"), null=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    note = models.TextField(_("Hinweis an die Fachstelle"), blank=True)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True)
    # Double opt-in (DSGVO): the wish to hear of the publication counts only once the address confirmed it.
    notify_requested = models.BooleanField(_("Benachrichtigung gewünscht"), default=False)
    notify_language = models.CharField(_("Sprache der Benachrichtigung"), max_length=8, blank=True)
    notify_confirmed_at = models.DateTimeField(_("Benachrichtigung bestätigt"), null=True, blank=True)
    notified_at = models.DateTimeField(_("über Veröffentlichung benachrichtigt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")

    def __str__(self):
        return f"{self.name} – {self.offer.title if self.offer else '?'}"
