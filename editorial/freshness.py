"""Keeping offers current: which are due for review, who is told, which leave the catalogue."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import OfferPage

from .models import ReviewReminder

REMINDER_RECORD_DAYS = 30  # the record of sent reminders is kept this long, then deleted


def due_offers(today=None):
    """Live offers whose review date has passed (stale: still online, marked for editors)."""
    today = today or timezone.localdate()
    return OfferPage.objects.live().filter(review_due__lt=today).order_by("review_due")


def remind(today=None):
    """One mail per responsible editor (the page owner, else the Fachstelle) listing their due offers; at most
    one a day each, so a repeated run (a restarted scheduler, a manual run) mails nobody twice. Returns the
    due offers by address and the addresses mailed now (not those already reminded today)."""
    today = today or timezone.localdate()
    by_address = defaultdict(list)
    for offer in due_offers(today).select_related("owner"):
        address = offer.owner.email if offer.owner and offer.owner.email else settings.FACHSTELLE_EMAIL
        by_address[address].append(offer)
    ReviewReminder.objects.filter(sent_on__lt=today - timedelta(days=REMINDER_RECORD_DAYS)).delete()
    already = set(ReviewReminder.objects.filter(sent_on=today).values_list("recipient", flat=True))
    mailed = []
    for address, offers in by_address.items():
        if address in already:
            continue
        lines = [
            f"- {o.title} (prüfen bis {o.review_due:%d.%m.%Y}): "
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{o.pk}/edit/"
            for o in offers
        ]
        send_mail(
            subject=_("%(count)d Angebote warten auf Ihre Prüfung") % {"count": len(offers)},
            message=_(
                "Guten Tag,\n\nbitte prüfen Sie diese Angebote und tragen Sie das Prüfdatum ein:\n\n%(list)s\n\n"
                "Ohne Prüfung gehen sie %(days)d Tage nach dem Prüftermin offline."
            )
            % {"list": "\n".join(lines), "days": settings.REVIEW_GRACE_DAYS},
            from_email=None,
            recipient_list=[address],
        )
        ReviewReminder.objects.create(recipient=address, sent_on=today, offer_count=len(offers))
        mailed.append(address)
    return by_address, mailed


def unpublish_overdue(today=None):
    """Take offers offline whose review is more than the grace period overdue (not deleted)."""
    today = today or timezone.localdate()
    overdue = list(OfferPage.objects.live().filter(review_due__lt=today - timedelta(days=settings.REVIEW_GRACE_DAYS)))
    for offer in overdue:
        offer.unpublish(log_action="wagtail.unpublish")
    return overdue
