from django.core.management.base import BaseCommand, CommandError

from search.engines.base import EngineUnavailable
from search.service import search_service


class Command(BaseCommand):
    help = "Send Elasticsearch the index changes it missed while it was unreachable."

    def handle(self, *args, **options):
        try:
            count = search_service().sync()
        except EngineUnavailable as exc:
            raise CommandError(f"Elasticsearch is still unreachable: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} pending changes applied."))
