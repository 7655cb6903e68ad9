import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from operations.models import JobRun
from operations.runner import run_job
from operations.schedule import JOBS, job


def run_in_worker(scheduled):
    """A job in one of the scheduler's threads: fresh database connection in, none left behind."""
    close_old_connections()
    try:
        run_job(scheduled)
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (operations/schedule.py) until stopped; exactly one per deployment. "
        "A job whose last success is older than its period runs at start, so a restart skips nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", dest="list_jobs", action="store_true", help="print the schedule and exit")
        parser.add_argument("--once", metavar="JOB", help="run one job now (recorded like a scheduled run) and exit")

    def handle(self, *args, list_jobs, once, **options):
        if list_jobs:
            for scheduled in JOBS:
                self.stdout.write(f"{scheduled.cron:<14} {scheduled.name:<22} {scheduled.purpose}")
            return
        if once:
            try:
                scheduled = job(once)
            except KeyError:
                raise CommandError(f"Unknown job {once!r}; jobs: {', '.join(j.name for j in JOBS)}") from None
            if not run_job(scheduled):
                raise CommandError(f"{once} failed; see the log above.")
            return
        scheduler = self.build()
        signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
        self.stdout.write(f"Scheduler running {len(JOBS)} jobs; stop with SIGTERM or Ctrl-C.")
        try:
            scheduler.start()
        except KeyboardInterrupt:
            pass

    @staticmethod
    def build():
        # coalesce: after a pause, one catch-up run instead of many; max_instances: never two runs of one job.
        scheduler = BlockingScheduler(job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
        successes = dict(JobRun.objects.values_list("name", "last_success"))
        now = timezone.now()
        for scheduled in JOBS:
            success = successes.get(scheduled.name)
            behind = success is None or now - success > scheduled.period
            extra = {"next_run_time": now} if behind else {}
            scheduler.add_job(
                run_in_worker, scheduled.trigger(), args=[scheduled], id=scheduled.name, name=scheduled.name, **extra
            )
        connection.close()
        return scheduler
