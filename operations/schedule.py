"""The scheduled jobs: which management command runs when. The one place to change a schedule.

Crontab expressions in ``TIME_ZONE`` (Europe/Berlin), run by ``manage.py run_scheduler``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings


@dataclass(frozen=True)
class Job:
    name: str  # the management command
    cron: str
    purpose: str

    def trigger(self):
        return CronTrigger.from_crontab(self.cron, timezone=ZoneInfo(settings.TIME_ZONE))

    @property
    def period(self) -> timedelta:
        """The longest gap between two runs over the next week (a job may run at uneven times)."""
        trigger, now = self.trigger(), datetime.now(ZoneInfo(settings.TIME_ZONE))
        previous, longest = trigger.get_next_fire_time(None, now), timedelta(0)
        while previous and previous - now < timedelta(days=7):
            following = trigger.get_next_fire_time(previous, previous + timedelta(seconds=1))
            longest = max(longest, following - previous)
            previous = following
        return longest


JOBS = (
    Job("sync_search_index", "* * * * *", "Elasticsearch bekommt die Änderungen, die es verpasst hat"),
    Job("publish_scheduled", "*/5 * * * *", "geplante Veröffentlichungen und Abläufe (Wagtail)"),
    Job("remind_reviews", "0 7 * * *", "Prüf-Erinnerungen; überfällige Angebote gehen offline"),
    Job("purge_personal_data", "30 3 * * *", "personenbezogene Daten nach ihrer Frist löschen"),
    Job("backup_database", "0 2 * * *", "Datenbank-Sicherung nach BACKUP_DIR, die neuesten BACKUP_KEEP bleiben"),
)


def job(name):
    for candidate in JOBS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
