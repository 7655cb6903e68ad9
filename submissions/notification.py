"""Tell a submitter once that their proposed offer is published, only after they confirmed their address.

Double opt-in (DSGVO): the form's unticked checkbox asks for it; the address then gets one mail with fixed text
and a signed, expiring link (no text the visitor typed, not even the title: the public form must not become a
mail relay); only a confirmed wish leads to the one notification when the offer goes live.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.batch import defer
from core.mail import send_after_commit
from core.public_address import public_url

from .models import Submission

SALT = "submissions.notification"
CONFIRMATION_DAYS = 7


class LinkRefused(Exception):
    """A confirmation link that does not confirm anything; the message says why, for the visitor."""


def _signer(submission):
    # The address is part of the salt: a link stays bound to the address it was sent to.
    return f"{SALT}:{submission.email.lower()}"


def confirmation_token(submission):
    return signing.dumps(submission.pk, salt=_signer(submission))


def confirmation_url(submission):
    path = reverse("submissions:confirm_notification", args=[submission.pk, confirmation_token(submission)])
    return public_url(None, path)


def request_confirmation(submission):
    """Queue the one confirmation mail: fixed text and the link, nothing the visitor typed."""
    send_after_commit(
        subject=_("Bitte bestätigen Sie: Benachrichtigung aus dem Präventionskatalog"),
        message=_(
            "Guten Tag,\n\n"
            "über das Formular „Angebot vorschlagen“ des Präventionskatalogs im Kreis Mettmann wurde ein Angebot "
            "vorgeschlagen und darum gebeten, diese E-Mail-Adresse zu benachrichtigen, sobald das Angebot "
            "veröffentlicht ist.\n\n"
            "Benachrichtigung bestätigen:\n%(url)s\n\n"
            "Der Link gilt %(days)d Tage. Wenn Sie das nicht waren, ignorieren Sie diese E-Mail bitte: "
            "ohne Bestätigung schreiben wir Ihnen nicht.\n\n"
            "Präventionskatalog Kreis Mettmann"
        )
        % {"url": confirmation_url(submission), "days": CONFIRMATION_DAYS},
        recipient_list=[submission.email],
    )


def find_confirmable(pk, token):
    """The submission this link confirms; ``LinkRefused`` with a clear reason otherwise."""
    submission = Submission.objects.filter(pk=pk, notify_requested=True).first()
    if submission is None:
        raise LinkRefused(_("Diesen Vorschlag gibt es nicht (mehr), oder er hat keine Benachrichtigung angefordert."))
    try:
        signed_pk = signing.loads(token, salt=_signer(submission), max_age=timedelta(days=CONFIRMATION_DAYS))
    except signing.SignatureExpired:
        raise LinkRefused(
            _(
                "Dieser Bestätigungslink ist abgelaufen (er gilt %(days)d Tage). Ihr Vorschlag wird trotzdem "
                "geprüft; eine Benachrichtigung erhalten Sie nicht."
            )
            % {"days": CONFIRMATION_DAYS}
        ) from None
    except signing.BadSignature:
        signed_pk = None
    if signed_pk != submission.pk:
        raise LinkRefused(
            _("Dieser Bestätigungslink ist ungültig. Bitte öffnen Sie den Link genau so, wie er in der E-Mail steht.")
        )
    return submission


def confirm(submission):
    """Record the confirmation (the first one counts); True when it was new.

    An offer the Fachstelle published before the confirmation came is announced at once: its publication
    will not happen again.
    """
    new = bool(
        Submission.objects.filter(pk=submission.pk, notify_confirmed_at__isnull=True).update(
            notify_confirmed_at=timezone.now()
        )
    )
    if new and submission.offer is not None and submission.offer.live:
        notify_published([submission.offer.specific])
    return new


def notify_published(offers):
    """The one mail per confirmed submission of these offers, when they go live; never a second one.

    ``notified_at`` is set in the same update that picks the submission, so two publications at once cannot
    both send; the mail itself goes out after commit. A wish the Fachstelle withdrew on request (unticked in the
    admin) sends nothing.
    """
    pending = Submission.objects.filter(
        offer__in=offers, notify_requested=True, notify_confirmed_at__isnull=False, notified_at__isnull=True
    ).select_related("offer")
    for submission in pending:
        offer = submission.offer
        if not Submission.objects.filter(pk=submission.pk, notified_at__isnull=True).update(notified_at=timezone.now()):
            continue
        with translation.override(submission.notify_language or settings.LANGUAGE_CODE):
            send_after_commit(
                subject=_("Ihr vorgeschlagenes Angebot ist jetzt im Präventionskatalog"),
                message=_(
                    "Guten Tag,\n\n"
                    "Ihr vorgeschlagenes Angebot ist jetzt im Präventionskatalog des Kreises Mettmann "
                    "veröffentlicht:\n\n%(title)s\n%(url)s\n\n"
                    "Vielen Dank für Ihren Vorschlag! Dies ist die einzige Benachrichtigung, die Sie dazu erhalten.\n\n"
                    "Präventionskatalog Kreis Mettmann"
                )
                % {"title": offer.title, "url": public_url(None, offer.get_url())},
                recipient_list=[submission.email],
            )


def on_page_published(sender, instance, **kwargs):
    defer(notify_published, instance)  # an import publishing many offers asks once (core.batch)
