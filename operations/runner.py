"""Run one scheduled job and record its outcome, so a failure is logged and visible in the health check."""

import io
import logging
import time

from django.core.management import call_command
from django.utils import timezone

from .models import JobRun
from .schedule import JOBS

logger = logging.getLogger("operations.jobs")


def run_job(job):
    """Run ``job``'s command once; returns True on success. Never raises: the scheduler must outlive a job."""
    started = timezone.now()
    JobRun.objects.update_or_create(name=job.name, defaults={"last_started": started, "last_outcome": JobRun.RUNNING})
    output, clock = io.StringIO(), time.monotonic()
    try:
        call_command(job.name, stdout=output, stderr=output)
    except Exception as exc:  # any failure is recorded and logged (with its traceback); the next run tries again
        seconds = time.monotonic() - clock
        logger.error("job %s failed after %.1f s: %s", job.name, seconds, exc, exc_info=True)
        _finish(job.name, ok=False, message=f"{type(exc).__name__}: {exc}")
        return False
    seconds = time.monotonic() - clock
    message = _last_line(output.getvalue())
    logger.info("job %s succeeded in %.1f s: %s", job.name, seconds, message)
    _finish(job.name, ok=True, message=message)
    return True


def _finish(name, ok, message):
    now = timezone.now()
    run = JobRun.objects.get(name=name)
    run.last_finished, run.last_outcome, run.last_message = now, JobRun.OK if ok else JobRun.FAILED, message[:2000]
    if ok:
        run.last_success, run.failures_in_a_row = now, 0
    else:
        run.failures_in_a_row += 1
    run.save()


def _last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def job_status(now=None):
    """For the health check: per job, when it last succeeded, how long ago, and whether that is overdue
    (no success for two of its periods)."""
    now = now or timezone.now()
    runs = {run.name: run for run in JobRun.objects.filter(name__in=[job.name for job in JOBS])}
    status = []
    for job in JOBS:
        run = runs.get(job.name)
        success = run.last_success if run else None
        age = int((now - success).total_seconds()) if success else None
        status.append(
            {
                "name": job.name,
                "schedule": job.cron,
                "last_success": success,
                "seconds_since_success": age,
                "overdue": age is None or age > 2 * job.period.total_seconds(),
                "last_outcome": run.last_outcome if run else "",
                "failures_in_a_row": run.failures_in_a_row if run else 0,
            }
        )
    return status
