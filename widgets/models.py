"""Which partner sites use the catalogue's widgets, counted from the Origin of their API requests."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WidgetOrigin(models.Model):
    origin = models.CharField(_("Herkunft"), max_length=200, unique=True)
    requests = models.PositiveIntegerField(_("Abrufe"), default=0)
    first_seen = models.DateTimeField(_("zuerst gesehen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("zuletzt gesehen"), default=timezone.now)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("Partner-Website")
        verbose_name_plural = _("Partner-Websites mit Widgets")

    def __str__(self):
        return self.origin

    @classmethod
    def count(cls, origin):
        """One more request from ``origin`` (an update, or the first row)."""
        updated = cls.objects.filter(origin=origin).update(requests=F("requests") + 1, last_seen=timezone.now())
        if not updated:
            cls.objects.get_or_create(origin=origin, defaults={"requests": 1})
