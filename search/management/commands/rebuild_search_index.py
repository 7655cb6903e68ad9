from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import documents
from search.service import search_service


class Command(BaseCommand):
    help = (
        "Rebuild the search index from all live offers and knowledge content. Elasticsearch gets a new "
        "versioned index and the alias moves atomically, so searches never see an empty index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for scripts and logs)")

    def handle(self, *args, no_progress, **options):
        service = search_service()
        with tqdm(total=documents.count(), unit="Eintrag", disable=no_progress, file=self.stderr._out) as bar:
            count = service.rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt ({service.primary.name}): {count} entries."))
