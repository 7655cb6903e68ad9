"""The review step has one name ("Prüfung"), the reviewer's comment is in view, approving says "veröffentlicht"."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from catalogue.models import OfferPage
from tests.editorial.forms import offer_form

pytestmark = pytest.mark.django_db

OTHER_WORDS = ("Moderation", "abgelehnt", "Freigabe durch", "Prüfung und Freigabe")


@pytest.fixture
def people(group_member):
    return group_member("hilden", "Redaktion Hilden"), group_member("fachstelle", "Fachstelle")


def reject(offer, reviewer, comment):
    state = WorkflowState.objects.get(object_id=str(offer.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, reviewer, "reject", comment=comment)


def test_mails_name_the_review_step_one_way(use_database, offers, people, django_capture_on_commit_callbacks):
    editor, reviewer = people
    offer = offers.make("Workshop Hilden", cities=["hilden"], publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        offer.get_workflow().start(offer, editor)
        reject(offer, reviewer, "Bitte Termine ergänzen.")
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        text = message.subject + message.body
        assert "Prüfung" in text, text
        assert not [word for word in OTHER_WORDS if word in text], text
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert to_editor and "Änderungen angefordert" in to_editor[-1].subject + to_editor[-1].body
    assert "Bitte Termine ergänzen." in to_editor[-1].body


def test_the_editor_sees_the_reviewers_comment_at_the_top_of_the_form(client, use_database, offers, people):
    editor, reviewer = people
    offer = offers.make("Workshop Hilden", cities=["hilden"], publish=False)
    offer.get_workflow().start(offer, editor)
    reject(offer, reviewer, "Bitte Termine ergänzen.")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{offer.pk}/edit/").content.decode()
    assert "Die Fachstelle hat Änderungen angefordert" in html
    assert "<blockquote>Bitte Termine ergänzen.</blockquote>" in html
    assert "Zur Prüfung einreichen" in html or "erneut zur Prüfung" in html


def test_no_feedback_box_without_an_open_request(client, use_database, offers, people):
    editor, _reviewer = people
    offer = offers.make("Workshop Hilden", cities=["hilden"])
    client.force_login(editor)
    html = client.get(f"/admin/pages/{offer.pk}/edit/").content.decode()
    assert "Die Fachstelle hat Änderungen angefordert" not in html


def test_approving_in_the_editor_says_published(client, use_database, offers, people):
    editor, reviewer = people
    offer = offers.make("Workshop Hilden", cities=["hilden"], publish=False)
    offer.get_workflow().start(offer, editor)
    client.force_login(reviewer)
    data = offer_form("Workshop Hilden", slug=offer.slug)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(f"/admin/pages/{offer.pk}/edit/", data, follow=True)
    assert OfferPage.objects.get(pk=offer.pk).live
    html = response.content.decode()
    assert "Seite ‚Workshop Hilden‘ wurde veröffentlicht." in html
    assert "wurde aktualisiert" not in html
