from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operations.backup import backup_directory, dump, prune


class Command(BaseCommand):
    help = (
        "Dump the database into BACKUP_DIR (pg_dump custom format on PostgreSQL) and keep the newest "
        "BACKUP_KEEP dumps. Restore: see docs/operations.md."
    )

    def handle(self, *args, **options):
        directory = backup_directory()
        try:
            path = dump(directory, timezone.now())
        except (OSError, RuntimeError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        gone = prune(directory, settings.BACKUP_KEEP)
        self.stdout.write(
            self.style.SUCCESS(
                f"Database dumped to {path} ({path.stat().st_size} bytes); {len(gone)} older dumps deleted."
            )
        )
