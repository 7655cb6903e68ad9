from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.importing import ImportFileError, import_rows, read_table


class Command(BaseCommand):
    help = "Import offers from a UTF-8 CSV file or the first sheet of an XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, change nothing")
        parser.add_argument("--publish", action="store_true", help="publish at once instead of saving drafts")

    def handle(self, *args, file, dry_run, publish, **options):
        try:
            rows = read_table(file)
        except FileNotFoundError as exc:
            raise CommandError(f"Datei nicht gefunden: {file}") from exc
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc

        with tqdm(total=len(rows), unit="Angebot", disable=len(rows) < 50 or dry_run, file=self.stderr._out) as bar:
            try:
                report = import_rows(rows, publish=publish, dry_run=dry_run, progress=bar.update)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc

        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(report.errors)} Fehler in {len({e.row for e in report.errors})} Zeilen – "
                "nichts wurde importiert."
            )
        if dry_run:
            for outcome in report.rows:
                self.stdout.write(str(outcome))
        prefix = "Probelauf: würde " if dry_run else ""
        state = "veröffentlicht" if publish else "als Entwurf zur Prüfung gespeichert"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(report.created)} neu angelegt, {len(report.updated)} aktualisiert, "
                f"{len(report.unchanged)} unverändert" + ("" if dry_run else f" ({state}).")
            )
        )
