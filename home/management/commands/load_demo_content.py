"""Fill the site with demo content: offers (through the importer), synonyms and the knowledge base."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from catalogue.importing import import_rows, read_table
from knowledge import demo as knowledge_demo
from search.models import Synonym

DEMO_FILE = Path(apps.get_app_config("catalogue").path) / "demo" / "offers.csv"
DEMO_SYNONYMS = [
    "Flüchtlinge, Geflüchtete, Geflüchteten",
    "Azubi, Azubis, Auszubildende",
    "Rechtsextremismus, Rechtsradikalismus, extreme Rechte",
    "Lehrkräfte, Lehrer, Lehrerinnen",
    "Fortbildung, Weiterbildung, Schulung",
]


class Command(BaseCommand):
    help = ("Load the demo offers (published), synonyms, glossary, documents, articles and events. "
            "Safe to run again: it updates, never duplicates.")

    def handle(self, *args, **options):
        report = import_rows(read_table(DEMO_FILE), publish=True)
        if not report.ok:
            raise CommandError("Demo data is invalid:\n" + "\n".join(map(str, report.errors)))
        for terms in DEMO_SYNONYMS:
            Synonym.objects.get_or_create(terms=terms)
        created = knowledge_demo.load()
        self.stdout.write(self.style.SUCCESS(
            f"Demo content: {len(report.created)} offers created, {len(report.updated)} updated; knowledge base: "
            + ", ".join(f"{count} {name}" for name, count in created.items()) + " created."))
