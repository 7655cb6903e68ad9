"""Apply the retention periods of docs/data_protection.md; safe to run as often as you like (nightly)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.retention import coarsen_search_log
from submissions.privacy import erase, expired_submissions


class Command(BaseCommand):
    help = (
        "Delete suggestion-form submissions decided more than SUBMISSION_RETENTION_DAYS ago, keep only the week "
        "of search-log records older than SEARCH_LOG_DETAIL_DAYS, delete those older than "
        "SEARCH_LOG_RETENTION_DAYS, and expired sessions. Idempotent."
    )

    def handle(self, *args, **options):
        submissions = erase(expired_submissions())
        coarsened, deleted = coarsen_search_log()
        call_command("clearsessions")
        self.stdout.write(
            f"{submissions} Vorschläge gelöscht; Suchprotokoll: {coarsened} auf die Woche gekürzt, "
            f"{deleted} gelöscht; abgelaufene Sitzungen entfernt."
        )
