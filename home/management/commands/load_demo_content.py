"""Fill the site with demo content: offers (through the importer) and the knowledge base.

Synonyms need no demo: a starter set ships with the search app's migrations."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from catalogue.importing import import_rows, read_table
from knowledge import demo as knowledge_demo

DEMO_FILE = Path(apps.get_app_config("catalogue").path) / "demo" / "offers.csv"


class Command(BaseCommand):
    help = (
        "Load the demo offers (published), glossary, documents, articles and events. "
        "Safe to run again: it updates, never duplicates."
    )

    def handle(self, *args, **options):
        report = import_rows(read_table(DEMO_FILE), publish=True)
        if not report.ok:
            raise CommandError("Demo data is invalid:\n" + "\n".join(map(str, report.errors)))
        created = knowledge_demo.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(report.created)} offers created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged; knowledge base: "
                + ", ".join(f"{count} {name}" for name, count in created.items())
                + " created."
            )
        )
