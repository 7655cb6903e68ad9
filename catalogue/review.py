"""Where an offer stands in the review ("Prüfung") and what the reviewer last said, for the editor and dashboards.

Wagtail keeps the reviewer's comment on the task state and shows it only behind "Details anschauen"; a city
team must see at once what the Fachstelle asked for.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

# The log actions of an offer going offline by itself, and why (editorial's daily run logs the first).
OFFLINE_OVERDUE = "catalogue.offline_overdue"
OFFLINE_REASONS = {
    OFFLINE_OVERDUE: _("weil seine Prüfung zu lange überfällig war"),
    "wagtail.unpublish.scheduled": _("weil sein Ablaufdatum (der letzte Termin) vorbei war"),
}


@dataclass
class Feedback:
    comment: str
    by: object  # the reviewer (a user) or None
    at: object  # when
    changes_requested: bool


def latest_feedback(page):
    """The latest reviewer decision on ``page`` that came with a comment or asked for changes, else ``None``."""
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(page.pk),
            status__in=[TaskState.STATUS_REJECTED, TaskState.STATUS_APPROVED],
        )
        .exclude(comment="", status=TaskState.STATUS_APPROVED)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if state is None:
        return None
    return Feedback(state.comment, state.finished_by, state.finished_at, state.status == TaskState.STATUS_REJECTED)


@dataclass
class Offline:
    reason: str
    at: object


def offline_reason(page):
    """Why a page that is not live went offline by itself (review overdue, expired), else ``None``."""
    if page.live or not page.pk:
        return None
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=["wagtail.unpublish", *OFFLINE_REASONS])
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None or entry.action not in OFFLINE_REASONS:
        return None
    return Offline(OFFLINE_REASONS[entry.action], entry.timestamp)


def review_status(page, today=None):
    """One word for an offer's state, for the city team's list: what it needs from them next."""
    from django.utils import timezone

    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "changes_requested", _("Änderungen angefordert")
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "in_review", _("in Prüfung")
    if page.live and page.review_due and page.review_due < (today or timezone.localdate()):
        return "overdue", _("Prüfung überfällig")
    if page.live:
        return "live", _("veröffentlicht")
    if offline_reason(page):
        return "offline", _("offline genommen")
    return "draft", _("Entwurf")


class ReviewFeedbackPanel(Panel):
    """At the top of the offer form: the Fachstelle's request for changes, with its comment, while it is open;
    and why the offer went offline by itself, while it is offline."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "catalogue/admin/review_feedback_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            page = self.instance
            state = page.current_workflow_state if page.pk else None
            open_request = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
            self.feedback = latest_feedback(page) if open_request else None
            self.offline = offline_reason(page)

        def is_shown(self):
            return self.feedback is not None or self.offline is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(feedback=self.feedback, offline=self.offline)
            return context
