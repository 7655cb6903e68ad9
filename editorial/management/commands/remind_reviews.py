from django.core.management.base import BaseCommand

from editorial.freshness import remind, unpublish_overdue


class Command(BaseCommand):
    help = (
        "Daily: mail each responsible editor the offers due for review, and unpublish offers whose review "
        "is more than REVIEW_GRACE_DAYS overdue. Run `publish_scheduled` too, for dated offers that expire."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-unpublish", action="store_true", help="only send the reminders")

    def handle(self, *args, no_unpublish, **options):
        reminded, mailed = remind()
        sent = len(mailed)
        gone = [] if no_unpublish else unpublish_overdue()
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(len(v) for v in reminded.values())} offers due, {sent} reminders sent "
                f"({len(reminded) - sent} already reminded today), "
                f"{len(gone)} offers unpublished after the grace period."
            )
        )
