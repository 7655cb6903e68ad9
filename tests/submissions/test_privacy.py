"""Retention periods and a person's data on request (DSGVO Art. 5(1)(e), 15, 17)."""

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from catalogue.models import OfferPage
from search.models import ZeroResultQuery
from submissions.models import Submission
from tests.submissions.test_suggest_offer import GOOD

pytestmark = pytest.mark.django_db


def purge():
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def propose(client, title, email="lea@example.org", days_ago=0):
    assert client.post("/vorschlagen/", {**GOOD, "title": title, "submitter_email": email}).status_code == 302
    submission = Submission.objects.get(offer__title=title)
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return submission


def decide(submission, days_ago, admin_user):
    state = WorkflowState.objects.get(object_id=str(submission.offer_id))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, admin_user, "reject")
    TaskState.objects.filter(pk=task_state.pk).update(finished_at=timezone.now() - timedelta(days=days_ago))


def test_submissions_go_six_months_after_the_decision_and_purging_twice_changes_nothing(client, admin_user):
    old_decided = propose(client, "Alt entschieden", days_ago=400)
    decide(old_decided, 200, admin_user)
    recently_decided = propose(client, "Kürzlich entschieden", days_ago=400)
    decide(recently_decided, 100, admin_user)
    undecided = propose(client, "Noch in Prüfung", days_ago=400)
    orphan = propose(client, "Angebot gelöscht", days_ago=200)
    OfferPage.objects.get(pk=orphan.offer_id).delete()
    log(old_decided, "wagtail.edit")
    assert ModelLogEntry.objects.filter(object_id=str(old_decided.pk)).exists()

    assert purge().startswith("2 Vorschläge gelöscht")
    assert set(Submission.objects.values_list("pk", flat=True)) == {recently_decided.pk, undecided.pk}
    assert not ModelLogEntry.objects.filter(object_id=str(old_decided.pk)).exists()  # the log named the person
    assert purge().startswith("0 Vorschläge gelöscht")


def test_search_log_keeps_only_the_week_after_90_days_and_nothing_after_two_years():
    now = timezone.now()
    wednesday = timezone.make_aware(datetime(2026, 8, 19, 15, 37))  # more than 90 days before "now" below
    recent = ZeroResultQuery.objects.create(query="nazi symbole")
    old = ZeroResultQuery.objects.create(query="max mustermann")
    ancient = ZeroResultQuery.objects.create(query="uralt")
    ZeroResultQuery.objects.filter(pk=old.pk).update(created_at=wednesday)
    ZeroResultQuery.objects.filter(pk=ancient.pk).update(created_at=now - timedelta(days=800))
    recent_time = ZeroResultQuery.objects.get(pk=recent.pk).created_at

    from search.retention import coarsen_search_log

    assert coarsen_search_log(now=timezone.make_aware(datetime(2026, 11, 30, 12, 0))) == (1, 1)
    assert timezone.localtime(ZeroResultQuery.objects.get(pk=old.pk).created_at) == timezone.make_aware(
        datetime(2026, 8, 17, 0, 0)
    )  # the Monday of its week
    assert ZeroResultQuery.objects.get(pk=recent.pk).created_at == recent_time
    assert not ZeroResultQuery.objects.filter(pk=ancient.pk).exists()
    assert coarsen_search_log(now=timezone.make_aware(datetime(2026, 11, 30, 12, 0))) == (0, 0)


def test_a_persons_data_is_listed_and_erased_by_email(client, django_user_model):
    propose(client, "Erster Vorschlag", email="Lea@Example.org")
    propose(client, "Zweiter Vorschlag", email="lea@example.org")
    propose(client, "Von jemand anderem", email="other@example.org")
    django_user_model.objects.create_user("lea", "lea@example.org", "pw", first_name="Lea")
    out = io.StringIO()
    call_command("personal_data", "lea@example.org", stdout=out)
    listed = out.getvalue()
    assert listed.count("Vorschlag #") == 2 and "Lea Brandt" in listed and "Redaktionskonto „lea“" in listed
    call_command("personal_data", "LEA@example.org", "--erase", stdout=io.StringIO())
    assert list(Submission.objects.values_list("email", flat=True)) == ["other@example.org"]
    out = io.StringIO()
    call_command("personal_data", "lea@example.org", stdout=out)
    assert "Vorschlag #" not in out.getvalue()
