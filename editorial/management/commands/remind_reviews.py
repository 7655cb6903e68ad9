from django.core.management.base import BaseCommand

from editorial.freshness import remind, unpublish_overdue


class Command(BaseCommand):
    help = (
        "Daily: unpublish offers whose review is more than REVIEW_GRACE_DAYS overdue, then mail each responsible "
        "editor the offers due for review and the offers just taken offline. Run `publish_scheduled` too, for "
        "dated offers that expire."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-unpublish", action="store_true", help="only send the reminders")

    def handle(self, *args, no_unpublish, **options):
        # Offline first: the mail then lists what is still due (with the day it goes offline) apart from what
        # this run took offline, and never promises time an offer no longer has.
        gone = [] if no_unpublish else unpublish_overdue()
        reminded, mailed = remind(taken_offline=gone)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len({o.pk for v in reminded.values() for o in v})} offers due, {len(mailed)} reminders sent "
                f"({len(set(reminded) - set(mailed))} already reminded today), "
                f"{len(gone)} offers unpublished after the grace period."
            )
        )
