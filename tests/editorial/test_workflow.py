"""The path through the review workflow "Prüfung": submit, reject with a comment, resubmit, approve, live and found."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from search.service import search_service
from tests.search.helpers import run, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(group_member):
    return group_member("hilden", "Redaktion Hilden"), group_member("fachstelle", "Fachstelle")


def act(task_state, user, action, comment=""):
    task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)


def test_submit_reject_resubmit_approve_publish(use_database, offers, people, django_capture_on_commit_callbacks):
    editor, reviewer = people
    offer = offers.make("Workshop Zivilcourage Hilden", cities=["hilden"], publish=False)
    workflow = offer.get_workflow()
    assert workflow.name == "Prüfung"

    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(offer, editor)
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Prüfung durch die Fachstelle"
    assert not [n for n, *_ in state.current_task_state.task.specific.get_actions(offer, editor)]

    act(state.current_task_state, reviewer, "reject", comment="Bitte Termine ergänzen.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Bitte Termine ergänzen."
    assert titles(run(search_service(), "q=Zivilcourage")) == []

    with django_capture_on_commit_callbacks(execute=True):
        state.resume(editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    with django_capture_on_commit_callbacks(execute=True):
        act(state.current_task_state, reviewer, "approve")
    state.refresh_from_db()
    offer.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED and offer.live
    assert titles(run(search_service(), "q=Zivilcourage")) == ["Workshop Zivilcourage Hilden"]
    assert any("hilden@example.org" in m.to for m in mail.outbox)  # the editor heard about the decisions
