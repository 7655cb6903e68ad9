"""Import offers from CSV or XLSX: parse and validate every row first, then save all in one transaction.

The same code serves ``manage.py import_offers`` and, later, the import in the admin. A file with any
bad row changes nothing; the report names each bad row (as numbered in a spreadsheet) and column.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.batch import collecting
from core.bulk import gc_paused
from core.spreadsheets import from_csv_cell
from core.text import CONTROL_CHARACTERS

from .models import CatalogueIndexPage, OfferDate, OfferPage, OfferTag
from .permissions import offer_change_refusal
from .public_fields import PUBLIC_FIELDS, Kind, organisation_name, plain_text, public_values
from .publishing import publish_new_pages
from .slugs import german_slugify
from .tables import MAX_FILE_BYTES, TableTooLarge, read_cells
from .taxonomy import City, Language, OfferFormat, OfferKind, Organisation, TargetGroup

# The columns every file has (the format partners fill in since the first import), in their order.
COLUMNS = [
    "external_id",
    "kind",
    "title",
    "summary",
    "description",
    "target_groups",
    "cities",
    "tags",
    "provider",
    "cost",
    "languages",
    "contact_name",
    "email",
    "phone",
    "website",
    "street",
    "postcode",
    "town",
    "dates",
    "registration_url",
]
# Columns a file may leave out: every other public field's (``public_fields``), in their declared order.
OPTIONAL_COLUMNS = [f.file_column for f in PUBLIC_FIELDS if f.file_column and f.file_column not in COLUMNS]
REQUIRED_VALUES = ["external_id", "kind", "title", "summary"]
# Columns taken as they stand (checked only for length and line breaks), and the parsed values an offer
# keeps as they are (the description becomes HTML, names become objects).
TEXT_COLUMNS = [f.file_column for f in PUBLIC_FIELDS if f.kind in (Kind.TEXT, Kind.RICH_TEXT, Kind.PHONE)]
MODEL_VALUES = [
    f.name
    for f in PUBLIC_FIELDS
    if f.file_column and f.kind in (Kind.TEXT, Kind.PHONE, Kind.EMAIL, Kind.URL, Kind.CHOICE, Kind.YES_NO, Kind.NUMBER)
]
SEPARATOR = "|"
TRUE_WORDS = {"ja", "yes", "true", "1", "x", "wahr"}
FALSE_WORDS = {"nein", "no", "false", "0", "falsch"}
MAX_LENGTHS = {
    "external_id": 100,
    "title": 255,
    "summary": 500,
    "cost": 200,
    "contact_name": 200,
    "phone": 50,
    "street": 200,
    "postcode": 10,
    "town": 100,
    "provider": 200,
}
SINGLE_LINE = set(MAX_LENGTHS) - {"summary"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, header)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"Zeile {self.row}, Spalte „{self.column}“: {self.message}"


@dataclass
class RowOutcome:
    """What the import does (or, in a dry run, would do) with one row: "new", "changed" or "unchanged"."""

    row: int
    external_id: str
    status: str
    columns: list = field(default_factory=list)  # the columns that differ, for "changed"
    title: str = ""

    @property
    def label(self):
        return {"new": "neu", "changed": "geändert", "unchanged": "unverändert"}[self.status]

    def __str__(self):
        detail = f" ({', '.join(self.columns)})" if self.columns else ""
        return f"Zeile {self.row}, {self.external_id}: {self.label}{detail}"


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # one RowOutcome per row
    saved: list = field(default_factory=list)  # the offers written, as (RowOutcome, page)

    @property
    def ok(self):
        return not self.errors


def read_table(path_or_file, filename=None):
    """Rows of the first sheet (XLSX) or of a UTF-8 CSV file, as dicts keyed by lower-case header."""
    name = filename or str(path_or_file)
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(f"Unbekanntes Dateiformat „{suffix or name}“: erwartet wird .csv oder .xlsx.")
    if hasattr(path_or_file, "read"):
        raw = path_or_file.read(MAX_FILE_BYTES + 1)
    else:
        path = Path(path_or_file)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError(f"Die Datei ist größer als {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        raw = path.read_bytes()
    try:
        table = read_cells(raw, suffix)
    except TableTooLarge as exc:
        raise ImportFileError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"Die CSV-Datei ist nicht UTF-8-kodiert ({exc.reason} bei Byte {exc.start}).") from exc
    except Exception as exc:  # csv/zipfile/openpyxl raise many kinds for a damaged file
        raise ImportFileError(f"Die Datei kann nicht gelesen werden: {exc}") from exc
    if not table:
        raise ImportFileError("Die Datei ist leer.")

    headers = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in COLUMNS if c not in headers]
    unknown = [h for h in headers if h and h not in COLUMNS + OPTIONAL_COLUMNS]
    problems = []
    if missing:
        problems.append("fehlende Spalten: " + ", ".join(missing))
    if unknown:
        problems.append("unbekannte Spalten: " + ", ".join(unknown))
    if problems:
        raise ImportFileError("Kopfzeile passt nicht – " + "; ".join(problems) + ".")
    rows = []
    for values in table[1:]:
        cells = {h: _cell(v) for h, v in zip(headers, values, strict=False) if h}
        if any(cells.values()):
            rows.append(cells)
    return rows


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, datetime) else str(value).strip()


class RowParser:
    """Turns one row of cells into the values of an offer, collecting every problem on the way."""

    def __init__(self):
        self.cities = {c.slug: c for c in City.objects.all()}
        self.target_groups = {t.slug: t for t in TargetGroup.objects.all()}
        self.languages = {lang.slug: lang for lang in Language.objects.all()}
        self.email = EmailValidator()
        self.url = URLValidator(schemes=["http", "https"])
        self.labels = {}  # per choices class and taxonomy: lower-case label → value, built once per file

    def by_label(self, key, pairs):
        if key not in self.labels:
            self.labels[key] = {str(label).lower(): value for value, label in pairs()}
        return self.labels[key]

    def parse(self, number, cells, errors):
        def error(column, message):
            errors.append(RowError(number, column, message))

        cells = {column: from_csv_cell(value) for column, value in cells.items()}  # our exports' apostrophes

        for column in REQUIRED_VALUES:
            if not cells.get(column):
                error(column, "Pflichtangabe fehlt.")
        for column, limit in MAX_LENGTHS.items():
            if len(str(cells.get(column, ""))) > limit:
                error(column, f"zu lang (höchstens {limit} Zeichen).")
            if column in SINGLE_LINE and CONTROL_CHARACTERS.search(str(cells.get(column, ""))):
                error(column, "enthält Zeilenumbrüche oder Steuerzeichen (nur eine Zeile erlaubt).")

        values = {column: cells.get(column, "") for column in TEXT_COLUMNS}
        values["kind"] = self.choice(cells.get("kind", ""), OfferKind, "kind", error)
        values["format"] = self.choice(cells.get("format", ""), OfferFormat, "format", error) or OfferFormat.IN_PERSON
        values["target_groups"] = self.terms(cells.get("target_groups", ""), self.target_groups, "target_groups", error)
        values["cities"] = self.terms(cells.get("cities", ""), self.cities, "cities", error)
        values["languages"] = self.terms(cells.get("languages", ""), self.languages, "languages", error)
        values["tags"] = split(cells.get("tags", ""))
        values["provider"] = cells.get("provider", "")
        for column in ("website", "registration_url"):
            values[column] = self.checked(
                cells.get(column, ""), self.url, column, "keine gültige http(s)-Adresse", error
            )
        values["email"] = self.checked(
            cells.get("email", ""), self.email, "email", "keine gültige E-Mail-Adresse", error
        )
        values["dates"] = self.dates(cells.get("dates", ""), error)
        values["is_free"] = bool(self.yes_no(cells.get("free", ""), "free", error))
        values["barrier_free"] = self.yes_no(cells.get("barrier_free", ""), "barrier_free", error)
        values["age_min"] = self.age(cells.get("age_min", ""), "age_min", error)
        values["age_max"] = self.age(cells.get("age_max", ""), "age_max", error)
        if values["age_min"] is not None and values["age_max"] is not None and values["age_min"] > values["age_max"]:
            error("age_max", "liegt unter age_min.")
        return values

    def choice(self, value, choices, column, error):
        if not value:
            return ""
        by_label = self.by_label(choices, lambda: choices.choices)
        key = value if value in choices.values else by_label.get(value.lower())
        if key is None:
            error(column, f"unbekannter Wert „{value}“ (erlaubt: {', '.join(choices.values)}).")
        return key or ""

    def terms(self, cell, known, column, error):
        found = []
        by_label = self.by_label(column, lambda: [(term, term.name) for term in known.values()])
        for value in split(cell):
            term = known.get(value.lower()) or by_label.get(value.lower())
            if term is None:
                error(column, f"unbekannter Wert „{value}“.")
            elif term not in found:
                found.append(term)
        return found

    @staticmethod
    def checked(value, validator, column, message, error):
        if not value:
            return ""
        try:
            validator(value)
        except ValidationError:
            error(column, f"{message}: „{value}“.")
        return value

    @staticmethod
    def yes_no(value, column, error):
        value = str(value).strip().lower()
        if not value:
            return None
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        error(column, f"„{value}“ ist weder ja noch nein.")
        return None

    @staticmethod
    def age(value, column, error):
        value = str(value).strip()
        if not value:
            return None
        if not value.isdigit() or int(value) > 120:
            error(column, f"„{value}“ ist kein Alter in Jahren.")
            return None
        return int(value)

    @staticmethod
    def dates(cell, error):
        dates = []
        for value in split(cell):
            start_text, _, end_text = value.partition("/")
            try:
                start = parse_local(start_text)
                end = parse_local(end_text) if end_text else None
            except ValueError:
                error("dates", f"„{value}“ ist kein ISO-8601-Datum (z. B. 2026-03-05T09:00/2026-03-05T16:00).")
                continue
            if end and end < start:
                error("dates", f"Ende vor Beginn in „{value}“.")
                continue
            dates.append((start, end))
        return dates


def split(cell):
    return [part.strip() for part in str(cell or "").split(SEPARATOR) if part.strip()]


def parse_local(text):
    value = text if isinstance(text, datetime) else datetime.fromisoformat(text.strip())
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def validate(rows):
    """Parse every row; returns (parsed rows, errors). Nothing is written."""
    parser = RowParser()
    errors, parsed, seen = [], [], {}
    for number, cells in enumerate(rows, start=2):  # row 1 is the header
        values = parser.parse(number, cells, errors)
        external_id = values["external_id"]
        if external_id in seen:
            errors.append(RowError(number, "external_id", f"doppelt (schon in Zeile {seen[external_id]})."))
        seen.setdefault(external_id, number)
        parsed.append(values)
    return parsed, errors


@gc_paused()  # thousands of objects live until the commit and the reindex after it: no cycle collection
def import_rows(rows, *, publish=False, dry_run=False, user=None, progress=None, review=False, check=None):
    """Validate all rows, then create or update their offers in one transaction (or none on error).

    ``review`` submits every saved draft to the page's workflow; ``check(values, page)`` may return an extra
    problem per row as ``(column, message)``, seeing both the offer as it would become (``values``) and as it
    is (``page``, the existing offer with this external id, or ``None``): see ``editor_check``.
    """
    parsed, errors = validate(rows)
    existing, problems = plan(parsed, check)
    report = ImportReport(errors=errors + problems)
    if report.errors:
        return report
    if dry_run:
        record_outcomes(report, parsed, existing, publish)
        return report
    if CatalogueIndexPage.objects.first() is None:
        raise ImportFileError("Es gibt noch keine Katalogseite, unter der Angebote angelegt werden könnten.")
    try:
        with transaction.atomic():
            catalogue = lock_catalogue()
            # Decided again under the lock: an import that ran meanwhile may have created some of these offers.
            existing, report.errors = plan(parsed, check)
            if report.errors:
                return report
            record_outcomes(report, parsed, existing, publish)
            # The search index and the page cache follow once, after the commit, not once per offer.
            with collecting():  # one reindex, one page-cache purge, one look-up per receiver (core.batch)
                new_offers = NewOffers(catalogue, user)  # new offers to publish: saved all at once below
                for values, outcome in zip(parsed, report.rows, strict=True):
                    waiting = len(new_offers.pages)
                    if outcome.status != "unchanged":  # an unchanged row writes nothing: no revision, no new date
                        page = existing.get(values["external_id"])
                        saved = save_offer(catalogue, page, values, publish=publish, user=user, batch=new_offers)
                        if review and not publish:
                            submit_for_review(saved, user)
                        report.saved.append((outcome, saved))
                    if progress and len(new_offers.pages) == waiting:  # a batched row counts once it is saved
                        progress(1)
                new_offers.publish()
                if progress and new_offers.pages:
                    progress(len(new_offers.pages))
    except IntegrityError as exc:  # an offer written outside the import (the page editor) with the same id
        raise ImportFileError(
            "Während des Imports wurde gleichzeitig ein Angebot mit einer dieser external_id "
            "gespeichert; nichts wurde importiert. Bitte starten Sie den Import erneut."
        ) from exc
    return report


def plan(parsed, check):
    """The existing offers of these rows by external id, and the ``check``'s problems with each row."""
    existing = {p.external_id: p for p in OfferPage.objects.filter(external_id__in=[v["external_id"] for v in parsed])}
    problems = []
    if check:
        for number, values in enumerate(parsed, start=2):
            problem = check(values, existing.get(values["external_id"]))
            if problem:
                problems.append(RowError(number, *problem))
    return existing, problems


def lock_catalogue():
    """The catalogue page, locked until the transaction ends: imports run one at a time.

    PostgreSQL holds the row lock (``SELECT … FOR UPDATE``); SQLite runs every transaction with
    ``transaction_mode=IMMEDIATE`` (settings), which already takes the one write lock at the start.
    """
    return CatalogueIndexPage.objects.select_for_update().order_by("pk").first()


def record_outcomes(report, parsed, existing, publish):
    """Decide per row: new, changed (with the columns) or unchanged; nothing is written."""
    report.rows = []
    for number, values in enumerate(parsed, start=2):
        page = existing.get(values["external_id"])
        columns = changed_columns(page, values, publish=publish) if page else []
        report.rows.append(
            RowOutcome(
                number,
                values["external_id"],
                "new" if page is None else ("changed" if columns else "unchanged"),
                columns,
                values["title"],
            )
        )
    report.created = [o.external_id for o in report.rows if o.status == "new"]
    report.updated = [o.external_id for o in report.rows if o.status == "changed"]
    report.unchanged = [o.external_id for o in report.rows if o.status == "unchanged"]


def changed_columns(page, values, *, publish):
    """The import columns in which ``values`` differ from the offer's latest revision (nothing is written).

    Publishing also counts as a change while the offer is not live or has unpublished changes.
    """
    current = page.get_latest_revision_as_object()
    before = offer_to_row(current)
    apply_values(
        current, {**BLANK_VALUES, **values}, Organisation(name=values["provider"]) if values.get("provider") else None
    )
    after = {**offer_to_row(current), "tags": SEPARATOR.join(sorted(values["tags"]))}
    columns = [column for column in before if before[column] != after[column]]
    if publish and not columns and (not page.live or page.has_unpublished_changes):
        columns = ["(veröffentlichen)"]
    return columns


def submit_for_review(page, user):
    """Start the page's workflow, or resume it where the reviewers asked for changes (as the page editor does)."""
    state = page.current_workflow_state
    if state is None:
        workflow = page.get_workflow()
        if workflow:
            workflow.start(page, user)
    elif state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)


def editor_check(user):
    """The page editor's rules for ``user`` as an import check (``permissions.offer_change_refusal``)."""

    def check(values, page):
        return offer_change_refusal(user, page, [city.slug for city in values["cities"]])

    return check


def blank(field):
    """What an offer has in a public field when a source (the public form, an import without optional
    columns) does not say; every source gives title, summary, kind and format."""
    if field.kind in (Kind.TERMS, Kind.TAGS, Kind.DATES):
        return []
    if field.kind == Kind.YES_NO:
        return None if field.nullable else False
    if field.kind == Kind.NUMBER:
        return None if field.nullable else 0
    return ""


ALWAYS_GIVEN = {"title", "summary", "kind", "format"}
BLANK_VALUES = {f.name: blank(f) for f in PUBLIC_FIELDS if f.file_column and f.name not in ALWAYS_GIVEN}
BLANK_VALUES["external_id"] = None  # no external id is NULL, not "": the column is unique


def save_offer(catalogue, page, values, *, publish, user, batch=None):
    """Create or update one offer; without ``publish`` the change waits as a draft revision.

    The one place offers are written from outside the admin (import and the public form); missing values
    are taken from ``BLANK_VALUES``. ``user`` becomes the owner of a new offer, and of an existing one that
    has none: the owner is who the freshness reminders reach. With ``batch`` (``NewOffers``), a new offer to
    publish is only built and added to it (unsaved): ``batch.publish()`` saves it together with the others.
    """
    values = {**BLANK_VALUES, **values}
    if page is None and publish and batch is not None:
        return batch.add(values)
    if page is None:
        page = new_offer(catalogue, values, provider_named(values["provider"]), user=user)
        catalogue.add_child(instance=page)
    else:
        if user is not None and page.owner_id is None:
            OfferPage.objects.filter(pk=page.pk, owner__isnull=True).update(owner=user)
        page = page.get_latest_revision_as_object()
        apply_values(page, values, provider_named(values["provider"]))
        page.tags.set(values["tags"], clear=True)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return page


def new_offer(catalogue, values, provider, *, user, taken=None, tags=None):
    """A new offer in memory (not saved), with a slug no child of ``catalogue`` has (nor one in ``taken``).

    ``tags``: the tag objects for ``values["tags"]`` when the caller has them (else looked up by name).
    """
    values = {**BLANK_VALUES, **values}
    page = OfferPage(live=False, owner=user)
    apply_values(page, values, provider)
    if tags is None:
        page.tags.set(values["tags"], clear=True)
    else:  # what ``tags.set`` adds, without its lookups
        page.tagged_items = [OfferTag(tag=tag) for tag in dict.fromkeys(tags)]
    page.slug = free_slug(catalogue, german_slugify(values["title"])[:70].strip("-") or "angebot", taken)
    return page


def provider_named(name, known=None):
    """The provider organisation of this name (created if new), or ``None``; ``known`` caches them by name."""
    if not name:
        return None
    if known is not None and name in known:
        return known[name]
    provider = Organisation.objects.get_or_create(name=name)[0]
    if known is not None:
        known[name] = provider
    return provider


class NewOffers:
    """New offers of an import, collected and then published in one go (``publishing.publish_new_pages``).

    Wagtail's three saves per offer cost ~50 ms each; this writes thousands of offers in seconds. The slugs
    are kept free among the catalogue's children and among each other, the providers looked up once each.
    """

    def __init__(self, catalogue, user):
        self.catalogue, self.user = catalogue, user
        self.pages, self.providers, self.tags, self.taken = [], {}, {}, None

    def add(self, values):
        if self.taken is None:  # the catalogue's slugs, read once: the import holds the catalogue's lock
            self.taken = set(self.catalogue.get_children().values_list("slug", flat=True))
        provider = provider_named(values.get("provider"), self.providers)
        tags = self.tags_named(values.get("tags", []))
        page = new_offer(self.catalogue, values, provider, user=self.user, taken=self.taken, tags=tags)
        self.taken.add(page.slug)
        self.pages.append(page)
        return page

    def tags_named(self, names):
        """The tags of these names, created if new, as taggit's ``set`` finds them (exact name), kept by name."""
        if getattr(settings, "TAGGIT_CASE_INSENSITIVE", False):
            return list(names)  # taggit's own lookup, by case-insensitive name
        missing = [name for name in names if name not in self.tags]
        if missing:
            tag_model = OfferTag.tag_model()
            self.tags.update({tag.name: tag for tag in tag_model.objects.filter(name__in=missing)})
            for name in missing:
                if name not in self.tags:
                    self.tags[name] = tag_model.objects.create(name=name)
        return [self.tags[name] for name in names]

    def publish(self):
        publish_new_pages(self.catalogue, self.pages, user=self.user)


def apply_values(page, values, provider):
    """Set an offer's fields (but its tags, which ``set`` would write) from parsed values, in memory."""
    for name in MODEL_VALUES:
        setattr(page, name, values[name])
    page.description = paragraphs_html(values["description"])
    page.provider = provider
    page.cities = values["cities"]
    page.target_groups = values["target_groups"]
    page.languages = values["languages"]
    page.dates = [OfferDate(start=start, end=end) for start, end in values["dates"]]


def offer_to_row(offer):
    """One offer as an import row (all columns), so that an export can be imported again unchanged."""
    return row_from(public_values(offer))


def row_from(values):
    """An offer's public values (``public_fields``) in the import's columns; an offer without an external id
    gets one from its page id, so that a re-import finds it."""
    cells = {f.file_column: cell(f.kind, values[f.name]) for f in PUBLIC_FIELDS if f.file_column}
    cells["external_id"] = cells["external_id"] or f"offer-{values['id']}"
    return {column: cells[column] for column in COLUMNS + OPTIONAL_COLUMNS}


def cell(kind, value):
    """How a file writes one kind of value; ``RowParser`` reads it back."""
    if kind == Kind.CHOICE:
        return value.slug
    if kind == Kind.TERMS:
        return SEPARATOR.join(term.slug for term in value)
    if kind == Kind.TAGS:
        return SEPARATOR.join(value)
    if kind == Kind.ORGANISATION:
        return organisation_name(value)
    if kind == Kind.RICH_TEXT:
        return plain_text(value)
    if kind == Kind.NUMBER:
        return "" if value is None else str(value)
    if kind == Kind.YES_NO:
        return "" if value is None else ("ja" if value else "nein")
    if kind == Kind.DATES:
        return SEPARATOR.join(local_minutes(d.start) + (f"/{local_minutes(d.end)}" if d.end else "") for d in value)
    return value


def local_minutes(moment):
    return moment.astimezone(timezone.get_current_timezone()).replace(tzinfo=None).isoformat(timespec="minutes")


def paragraphs_html(text):
    """Plain text with blank-line-separated paragraphs as safe rich-text HTML."""
    from django.utils.html import escape

    return "".join(f"<p>{escape(p.strip())}</p>" for p in str(text).split("\n\n") if p.strip())


def free_slug(parent, slug, taken=None):
    """``slug``, or ``slug-2``, ``slug-3`` … whichever no child of ``parent`` has yet.

    ``taken``: the slugs of ``parent``'s children and of those about to be added, when the caller has them.
    """
    if taken is None:
        taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
