"""Keeping offers current: which are due for review, who is told, which leave the catalogue."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from catalogue.models import OfferPage
from catalogue.review import OFFLINE_OVERDUE
from core.public_address import admin_base

from .models import ReviewReminder
from .teams import team_contacts

REMINDER_RECORD_DAYS = 30  # the record of sent reminders is kept this long, then deleted


def due_offers(today=None):
    """Live offers whose review date has passed (stale: still online, marked for editors)."""
    today = today or timezone.localdate()
    return OfferPage.objects.live().filter(review_due__lt=today).order_by("review_due")


def offline_on(offer):
    """The day an unreviewed offer leaves the catalogue (the first day past the grace period)."""
    return offer.review_due + timedelta(days=settings.REVIEW_GRACE_DAYS + 1)


def recipients(offer):
    """Who is reminded of an offer: its owner and its city team (``teams.team_contacts``); the Fachstelle when
    nobody else answers for it (district-wide offers without an owner)."""
    addresses = []
    owner = offer.owner
    if owner is not None and owner.is_active and owner.email:
        addresses.append(owner.email)
    for user in team_contacts(offer.cities.values_list("slug", flat=True)):
        if user.email not in addresses:
            addresses.append(user.email)
    return addresses or [settings.FACHSTELLE_EMAIL]


def remind(today=None, taken_offline=()):
    """One mail per responsible address listing its due offers and the offers this run took offline.

    At most one reminder a day each, so a repeated run (a restarted scheduler, a manual run) mails nobody
    twice; news of offers taken offline is always sent. Returns the due offers by address and the addresses
    mailed now.
    """
    today = today or timezone.localdate()
    due, gone = defaultdict(list), defaultdict(list)
    for offer in due_offers(today).select_related("owner"):
        for address in recipients(offer):
            due[address].append(offer)
    for offer in taken_offline:
        for address in recipients(offer):
            gone[address].append(offer)
    ReviewReminder.objects.filter(sent_on__lt=today - timedelta(days=REMINDER_RECORD_DAYS)).delete()
    already = set(ReviewReminder.objects.filter(sent_on=today).values_list("recipient", flat=True))
    mailed = []
    for address in list(due) + [a for a in gone if a not in due]:
        offers = [] if address in already else due.get(address, [])
        if not offers and not gone.get(address):
            continue
        send_mail(
            subject=reminder_subject(len(offers), len(gone.get(address, []))),
            message=reminder_text(offers, gone.get(address, [])),
            from_email=None,
            recipient_list=[address],
        )
        ReviewReminder.objects.update_or_create(
            recipient=address, sent_on=today, defaults={"offer_count": len(offers) + len(gone.get(address, []))}
        )
        mailed.append(address)
    return due, mailed


def edit_link(offer):
    return f"{admin_base()}/admin/pages/{offer.pk}/edit/"


def reminder_subject(due_count, gone_count):
    parts = []
    if due_count:
        parts.append(
            ngettext(
                "%(count)d Angebot wartet auf Ihre Prüfung",
                "%(count)d Angebote warten auf Ihre Prüfung",
                due_count,
            )
            % {"count": due_count}
        )
    if gone_count:
        parts.append(
            ngettext(
                "%(count)d Angebot wurde offline genommen",
                "%(count)d Angebote wurden offline genommen",
                gone_count,
            )
            % {"count": gone_count}
        )
    return ", ".join(parts)


def reminder_text(offers, gone):
    """The mail: each due offer with the day it goes offline, and each offer taken offline today by name."""
    sections = [_("Guten Tag,")]
    if offers:
        lines = [
            _("- %(title)s (prüfen bis %(due)s, geht ohne Prüfung am %(offline)s offline): %(url)s")
            % {
                "title": o.title,
                "due": f"{o.review_due:%d.%m.%Y}",
                "offline": f"{offline_on(o):%d.%m.%Y}",
                "url": edit_link(o),
            }
            for o in offers
        ]
        sections.append(
            _(
                "bitte prüfen Sie diese Angebote. Ist ein Angebot noch richtig, genügt in der Liste "
                "„Prüfung fällig“ ein Klick auf „geprüft, unverändert“; sonst ändern Sie es und reichen es zur "
                "Prüfung ein:"
            )
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("Liste „Prüfung fällig“: %(url)s") % {"url": f"{admin_base()}/admin/reports/pruefung-faellig/"}
        )
    if gone:
        lines = [
            _("- %(title)s (prüfen bis %(due)s): %(url)s")
            % {"title": o.title, "due": f"{o.review_due:%d.%m.%Y}", "url": edit_link(o)}
            for o in gone
        ]
        sections.append(
            ngettext(
                "Dieses Angebot wurde heute offline genommen, weil seine Prüfung mehr als %(days)d Tage "
                "überfällig war. Es ist nicht gelöscht: Prüfen Sie es und reichen Sie es zur Prüfung ein, "
                "dann kann es wieder veröffentlicht werden.",
                "Diese Angebote wurden heute offline genommen, weil ihre Prüfung mehr als %(days)d Tage "
                "überfällig war. Sie sind nicht gelöscht: Prüfen Sie sie und reichen Sie sie zur Prüfung ein, "
                "dann können sie wieder veröffentlicht werden.",
                len(gone),
            )
            % {"days": settings.REVIEW_GRACE_DAYS}
            + "\n\n"
            + "\n".join(lines)
        )
    return "\n\n".join(sections)


def unpublish_overdue(today=None):
    """Take offers offline whose review is more than the grace period overdue (not deleted)."""
    today = today or timezone.localdate()
    overdue = list(OfferPage.objects.live().filter(review_due__lt=today - timedelta(days=settings.REVIEW_GRACE_DAYS)))
    for offer in overdue:
        offer.unpublish(log_action=OFFLINE_OVERDUE)  # the offer form shows this reason (catalogue/review.py)
    return overdue


def mark_reviewed(offer, user, today=None):
    """ "Geprüft, unverändert": the offer is current as it is; its next review falls due one interval from today.

    Written to the offer and to its latest revision alike (a draft published later must not bring the old
    review date back); no new revision and no workflow: nothing the public sees changes.
    """
    today = today or timezone.localdate()
    due = today + timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    OfferPage.objects.filter(pk=offer.pk).update(last_reviewed=today, review_due=due)
    revision = offer.latest_revision
    if revision is not None:
        revision.content.update(last_reviewed=today.isoformat(), review_due=due.isoformat())
        revision.save(update_fields=["content"])
    log(instance=offer, action="editorial.reviewed", user=user, data={"review_due": due.isoformat()})
    offer.last_reviewed, offer.review_due = today, due
    return offer
