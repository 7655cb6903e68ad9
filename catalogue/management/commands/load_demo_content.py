from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.importing import import_rows, read_table
from search.models import Synonym

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "offers.csv"
DEMO_SYNONYMS = [
    "Flüchtlinge, Geflüchtete, Geflüchteten",
    "Azubi, Azubis, Auszubildende",
    "Rechtsextremismus, Rechtsradikalismus, extreme Rechte",
    "Lehrkräfte, Lehrer, Lehrerinnen",
    "Fortbildung, Weiterbildung, Schulung",
]


class Command(BaseCommand):
    help = "Load the demo offers (published) and synonyms. Safe to run again: it updates, never duplicates."

    def handle(self, *args, **options):
        report = import_rows(read_table(DEMO_FILE), publish=True)
        if not report.ok:
            raise CommandError("Demo data is invalid:\n" + "\n".join(map(str, report.errors)))
        for terms in DEMO_SYNONYMS:
            Synonym.objects.get_or_create(terms=terms)
        self.stdout.write(self.style.SUCCESS(
            f"Demo content: {len(report.created)} offers created, {len(report.updated)} updated."))
