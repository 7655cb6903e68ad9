"""Personal data of the suggestion form: kept for a fixed time, and found or erased on request (DSGVO).

A submission (name, e-mail, organisation, note) is needed while the Fachstelle decides on the proposal and
for questions soon after; ``SUBMISSION_RETENTION_DAYS`` after the decision it is deleted, with the admin's
log entries that name it. See docs/data_protection.md.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, TaskState, WorkflowState

from catalogue.models import OfferPage

from .models import Submission

# A proposal is decided when the Fachstelle approved it or asked for changes (the submitter cannot make them in
# the admin, so that is the refusal); only a review still in progress keeps it undecided.
OPEN = (WorkflowState.STATUS_IN_PROGRESS,)


def decided_at(submission):
    """When the Fachstelle decided on the proposal; ``None`` while it is still under review.

    The last finished review task of the offer; an offer deleted (or never reviewed) counts from the
    submission's own date, so nothing is kept longer than the period after it arrived.
    """
    if submission.offer_id is None:
        return submission.created_at
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(submission.offer_id)
    )
    if states.filter(status__in=OPEN).exists():
        return None
    finished = TaskState.objects.filter(workflow_state__in=states).aggregate(last=Max("finished_at"))
    return finished["last"] or submission.created_at


def expired_submissions(now=None):
    """Submissions decided more than ``SUBMISSION_RETENTION_DAYS`` ago."""
    limit = (now or timezone.now()) - timedelta(days=settings.SUBMISSION_RETENTION_DAYS)
    return [s for s in Submission.objects.filter(created_at__lt=limit) if (d := decided_at(s)) and d < limit]


@transaction.atomic
def erase(submissions):
    """Delete these submissions and the admin log entries that carry their names; returns how many."""
    submissions = list(submissions)
    if not submissions:
        return 0
    content_type = ContentType.objects.get_for_model(Submission)
    ModelLogEntry.objects.filter(content_type=content_type, object_id__in=[str(s.pk) for s in submissions]).delete()
    Submission.objects.filter(pk__in=[s.pk for s in submissions]).delete()
    return len(submissions)


def personal_data(email):
    """Everything stored about the person with this e-mail address (Art. 15), as readable lines."""
    lines = []
    for s in Submission.objects.filter(email__iexact=email).select_related("offer"):
        lines.append(
            f"Vorschlag #{s.pk} vom {timezone.localtime(s.created_at):%d.%m.%Y}: Name „{s.name}“, "
            f"E-Mail {s.email}, Organisation „{s.organisation}“, Hinweis „{s.note}“, "
            f"Angebot „{s.offer.title if s.offer else '(gelöscht)'}“; {notification_consent(s)}"
        )
    for user in get_user_model().objects.filter(email__iexact=email):
        last = f"{timezone.localtime(user.last_login):%d.%m.%Y}" if user.last_login else "nie"
        lines.append(
            f"Redaktionskonto „{user.get_username()}“ (Name „{user.get_full_name()}“, letzte Anmeldung "
            f"{last}): Änderung oder Löschung durch die Administration (Admin → Benutzer)."
        )
    for offer in OfferPage.objects.filter(email__iexact=email):
        lines.append(
            f"Kontakt-E-Mail des Angebots „{offer.title}“ (#{offer.pk}, öffentlich, "
            f"Ansprechperson „{offer.contact_name}“): Änderung im Seiteneditor."
        )
    return lines


def notification_consent(submission):
    """The double opt-in for the publication notice, as a sentence with its dates."""

    def day(moment):
        return f"{timezone.localtime(moment):%d.%m.%Y}"

    if not submission.notify_requested:
        return "Benachrichtigung nicht gewünscht"
    text = "Benachrichtigung bei Veröffentlichung gewünscht"
    if submission.notify_confirmed_at is None:
        return text + ", nicht bestätigt"
    text += f", bestätigt am {day(submission.notify_confirmed_at)}"
    if submission.notified_at:
        text += f", benachrichtigt am {day(submission.notified_at)}"
    return text


def erase_person(email):
    """Erase a person's suggestion-form data (Art. 17); accounts and offer contacts are listed, not touched."""
    return erase(Submission.objects.filter(email__iexact=email))
