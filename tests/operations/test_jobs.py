"""Scheduled jobs: each command exists and is idempotent; runs are recorded and logged; the health check reads."""

import io
import logging
import sqlite3
import subprocess
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from catalogue.models import OfferPage
from operations.management.commands.run_scheduler import Command as Scheduler
from operations.models import JobRun
from operations.runner import job_status, run_job
from operations.schedule import JOBS, Job, job
from search.models import PendingChange

pytestmark = pytest.mark.django_db


def quiet(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize("scheduled", JOBS, ids=lambda j: j.name)
def test_every_scheduled_job_is_a_management_command(scheduled):
    assert scheduled.name in get_commands()


def test_periods_follow_the_crontab():
    assert job("sync_search_index").period == timedelta(minutes=1)
    assert job("publish_scheduled").period == timedelta(minutes=5)
    assert job("remind_reviews").period == timedelta(days=1)


def test_a_successful_run_is_recorded_and_logged(use_database, caplog):
    with caplog.at_level(logging.INFO, logger="operations.jobs"):
        assert run_job(job("sync_search_index"))
    run = JobRun.objects.get(name="sync_search_index")
    assert run.last_outcome == JobRun.OK and run.last_success == run.last_finished
    assert run.last_message == "0 pending changes applied."
    assert "job sync_search_index succeeded" in caplog.text


def test_a_failed_run_is_recorded_logged_and_does_not_raise(caplog):
    broken = Job("no_such_command", "* * * * *", "fails")
    with caplog.at_level(logging.INFO, logger="operations.jobs"):
        assert not run_job(broken)
        assert not run_job(broken)
    run = JobRun.objects.get(name="no_such_command")
    assert run.last_outcome == JobRun.FAILED and run.last_success is None and run.failures_in_a_row == 2
    assert "Unknown command" in run.last_message
    assert "job no_such_command failed" in caplog.text


def test_job_status_reports_age_and_overdue():
    now = timezone.now()
    JobRun.objects.create(name="sync_search_index", last_success=now - timedelta(seconds=90), last_outcome="ok")
    JobRun.objects.create(name="publish_scheduled", last_success=now - timedelta(minutes=11), last_outcome="ok")
    status = {s["name"]: s for s in job_status(now)}
    assert status["sync_search_index"]["seconds_since_success"] == 90
    assert not status["sync_search_index"]["overdue"]
    assert status["publish_scheduled"]["overdue"]  # two periods of five minutes have passed
    assert status["remind_reviews"] == {
        "name": "remind_reviews",
        "schedule": "0 7 * * *",
        "last_success": None,
        "seconds_since_success": None,
        "overdue": True,
        "last_outcome": "",
        "failures_in_a_row": 0,
    }


def test_scheduler_runs_jobs_that_are_behind_at_once_and_the_others_on_time():
    JobRun.objects.create(name="remind_reviews", last_success=timezone.now() - timedelta(hours=1))
    scheduled = {j.id: j for j in Scheduler.build().get_jobs()}
    assert set(scheduled) == {j.name for j in JOBS}
    assert scheduled["sync_search_index"].next_run_time <= timezone.now()  # never succeeded: runs at start
    assert not hasattr(scheduled["remind_reviews"], "next_run_time")  # succeeded today: first run from its crontab
    assert scheduled["remind_reviews"].args == (job("remind_reviews"),)


def test_run_scheduler_once_records_and_refuses_unknown_jobs(use_database):
    assert "remind_reviews" in quiet("run_scheduler", "--list")
    quiet("run_scheduler", "--once", "publish_scheduled")
    assert JobRun.objects.get(name="publish_scheduled").last_outcome == JobRun.OK
    with pytest.raises(CommandError, match="Unknown job"):
        quiet("run_scheduler", "--once", "make_coffee")


# -- idempotency: a second run right after the first changes nothing and sends nothing ------------------------


def test_publish_scheduled_twice_publishes_once(use_database, offers):
    offer = offers.make("Sprachcafé")
    draft = offer.get_latest_revision_as_object()
    draft.title = "Sprachcafé Hilden"
    draft.go_live_at = timezone.now() - timedelta(minutes=1)
    revision = draft.save_revision()
    revision.publish()
    OfferPage.objects.filter(pk=offer.pk).update(title="Sprachcafé", go_live_at=None)
    from wagtail.models import Revision

    # Only the edited revision waits for the timer, as Wagtail leaves it; marking every revision would tie on
    # `approved_go_live_at`, and PostgreSQL may then publish the older one last.
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    quiet("publish_scheduled")
    assert OfferPage.objects.get(pk=offer.pk).title == "Sprachcafé Hilden"
    assert not Revision.objects.filter(object_id=str(offer.pk), approved_go_live_at__isnull=False).exists()
    published = OfferPage.objects.get(pk=offer.pk).last_published_at
    quiet("publish_scheduled")
    assert OfferPage.objects.get(pk=offer.pk).last_published_at == published


def test_remind_reviews_twice_on_one_day_mails_each_editor_once(use_database, offers, settings):
    offers.make("Alt und vergessen", last_reviewed=date(2020, 1, 1), review_due=date.today() - timedelta(1))
    first = quiet("remind_reviews")
    assert "1 offers due, 1 reminders sent" in first and len(mail.outbox) == 1
    second = quiet("remind_reviews")
    assert "1 offers due, 0 reminders sent (1 already reminded today)" in second and len(mail.outbox) == 1


def test_sync_search_index_twice_replays_once(use_database, offers):
    """On the database engine there is nothing to replay, and the queue is the Elasticsearch process's to consume
    (tests/search/test_engines.py replays it on a real node); a run twice is harmless either way."""
    offers.make("Workshop")
    PendingChange.objects.create(document_id=1)
    assert "0 pending changes applied." in quiet("sync_search_index")
    assert "0 pending changes applied." in quiet("sync_search_index")
    assert PendingChange.objects.filter(document_id=1).exists()


def test_backup_database_twice_keeps_the_newest_dumps(use_database, offers, settings, tmp_path):
    settings.BACKUP_DIR, settings.BACKUP_KEEP = tmp_path / "backups", 2
    offers.make("Workshop Zivilcourage")
    for _ in range(3):
        assert "Database dumped to" in quiet("backup_database")
    dumps = sorted((tmp_path / "backups").iterdir())
    assert len(dumps) <= 2 and not any(p.name.endswith(".partial") for p in dumps)
    titles = dumped_page_titles(dumps[-1])
    if connection.vendor == "postgresql":
        # pg_dump reads through a connection of its own, so it sees what is committed (not this test's offer,
        # which rolls back): the pages the migrations made.
        assert "Root" in titles
    else:
        assert "Workshop Zivilcourage" in titles


def dumped_page_titles(dump):
    """The page titles a dump holds, read back the way it is restored: pg_restore on PostgreSQL, SQLite itself."""
    if connection.vendor == "postgresql":
        restored = subprocess.run(
            ["pg_restore", "--data-only", "--table=wagtailcore_page", "--file=-", str(dump)],
            capture_output=True,
            text=True,
            check=True,
        )
        return restored.stdout
    copy = sqlite3.connect(dump)
    try:
        return [row[0] for row in copy.execute("SELECT title FROM wagtailcore_page")]
    finally:
        copy.close()


def test_backup_database_fails_clearly_when_the_folder_cannot_be_written(use_database, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.BACKUP_DIR = blocker / "backups"
    with pytest.raises(CommandError, match="Backup failed"):
        quiet("backup_database")


# -- the health check reads only --------------------------------------------------------------------------------


def test_health_reports_job_ages_and_replays_nothing(use_database, client):
    PendingChange.objects.create(document_id=42)
    JobRun.objects.create(
        name="sync_search_index", last_success=timezone.now() - timedelta(seconds=30), last_outcome="ok"
    )
    body = client.get("/api/v1/health/").json()
    assert PendingChange.objects.filter(document_id=42).exists()  # only the scheduled replay consumes the queue
    assert body["pending"] == 1 and "synced" not in body
    jobs = {j["name"]: j for j in body["jobs"]}
    assert set(jobs) == {j.name for j in JOBS}
    assert 30 <= jobs["sync_search_index"]["seconds_since_success"] < 3600
    assert jobs["remind_reviews"]["overdue"] and jobs["remind_reviews"]["last_success"] is None
