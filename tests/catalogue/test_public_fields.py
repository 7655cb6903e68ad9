"""An offer's public fields are declared once (``catalogue.public_fields``): each shows in every format that
carries it, and a format that leaves one out says so (its ``NOT_IN_…`` list), which the output must bear out.

A field "shows" in a format when changing its value changes the format's output, for a full offer (a dated
qualification with everything filled in) or a sparse one (an undated contact point with little filled in).
The import must read back every column the export writes.
"""

from datetime import UTC, datetime, timedelta

import pytest

from api.hsds import NOT_IN_HSDS, service_from
from api.schemas import NOT_IN_API, OfferDetailOut
from api.views import detail_body
from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS, RowParser, apply_values, row_from
from catalogue.indexing import NOT_INDEXED, document_from
from catalogue.models import OfferDate, OfferPage, Organisation
from catalogue.public_fields import FIELDS, PUBLIC_FIELDS, Kind, Term, public_values
from catalogue.structured_data import NOT_IN_JSONLD, offer_jsonld
from catalogue.taxonomy import OfferFormat, OfferKind
from core.public_address import public_url

pytestmark = pytest.mark.django_db

MOMENT = datetime(2027, 3, 5, 8, 0, tzinfo=UTC)
CHOICES = {"kind": OfferKind, "format": OfferFormat}


def full():
    return {
        "id": 7,
        "external_id": "ext-7",
        "kind": Term("qualification", "Qualifizierung"),
        "title": "Fortbildung",
        "summary": "Kurz.",
        "description": "<p>Lang &amp; breit.</p>",
        "url": "/angebote/fortbildung/",
        "format": Term("in_person", "vor Ort"),
        "cities": [Term("hilden", "Hilden")],
        "target_groups": [Term("schulen-lehrkraefte", "Schulen und Lehrkräfte")],
        "languages": [Term("de", "Deutsch")],
        "tags": ["Zivilcourage"],
        "provider": Organisation(pk=3, name="Träger e. V.", website="https://traeger.example"),
        "cost": "10 EUR",
        "is_free": False,
        "age_min": 12,
        "age_max": 18,
        "barrier_free": True,
        "contact_name": "Frau X",
        "email": "x@example.org",
        "phone": "0211 1",
        "website": "https://angebot.example",
        "street": "Hauptstr. 1",
        "postcode": "40721",
        "town": "Hilden",
        "registration_url": "https://angebot.example/anmelden",
        "dates": [OfferDate(pk=1, start=MOMENT, end=MOMENT + timedelta(hours=6))],
        "last_published_at": MOMENT,
        "first_published_at": MOMENT - timedelta(days=30),
    }


def sparse():
    empty = ("external_id", "description", "cost", "contact_name", "email", "phone", "website", "registration_url")
    return {
        **full(),
        **dict.fromkeys(empty + ("street", "postcode", "town"), ""),
        **dict.fromkeys(("provider", "age_min", "age_max", "barrier_free", "last_published_at"), None),
        **dict.fromkeys(("target_groups", "languages", "tags", "dates"), []),
        "kind": Term("contact_point", "Anlaufstelle"),
        "is_free": True,
    }


def other(field, value):
    """A different value of the same kind."""
    kind = field.kind
    if kind == Kind.CHOICE:
        code = next(c for c in CHOICES[field.name].values if c != value.slug)
        return Term(code, str(CHOICES[field.name](code).label))
    if kind in (Kind.TERMS, Kind.TAGS):
        return value + [Term("neu", "Neu") if kind == Kind.TERMS else "Neu"]
    if kind == Kind.ORGANISATION:
        return Organisation(pk=4, name="Anderer Träger", website="https://anders.example")
    if kind == Kind.DATES:
        return value + [OfferDate(pk=2, start=MOMENT + timedelta(days=7))]
    if kind == Kind.MOMENT:
        return (value or MOMENT) + timedelta(days=1)
    if kind == Kind.YES_NO:
        return not value
    if kind in (Kind.ID, Kind.NUMBER):
        return (value or 0) + 1
    if kind == Kind.RICH_TEXT:
        return value + "<p>Noch ein Absatz.</p>"
    return value + "anders" if kind != Kind.PAGE else value + "anders/"


@pytest.fixture
def formats(rf):
    """Each format: how it renders public values, and the fields it says it leaves out."""
    request = rf.get("/")
    without_column = {f.name for f in PUBLIC_FIELDS if not f.file_column}
    return {
        "api": (lambda v: detail_body(v, request), set(NOT_IN_API)),
        "hsds": (lambda v: service_from(v, request), set(NOT_IN_HSDS)),
        "json-ld": (lambda v: offer_jsonld(v, public_url(request, v["url"])), set(NOT_IN_JSONLD)),
        "export": (row_from, without_column - {"id"}),  # the id names an offer that has no external id
        "search": (document_from, set(NOT_INDEXED)),
    }


@pytest.mark.parametrize("field", PUBLIC_FIELDS, ids=lambda f: f.name)
def test_each_field_shows_in_every_format_that_carries_it(formats, field):
    wrong = {}
    for fmt, (render, leaves_out) in formats.items():
        shows = any(
            render({**values, field.name: other(field, values[field.name])}) != render(values)
            for values in (full(), sparse())
        )
        if shows != (field.name not in leaves_out):
            wrong[fmt] = "shows though declared left out" if shows else "does not show: map it or say why not"
    assert not wrong, f"{field.name}: {wrong}"


def test_leave_out_lists_name_declared_fields_only(formats):
    for fmt, (_render, leaves_out) in formats.items():
        assert leaves_out <= set(FIELDS), fmt


def test_the_api_schema_and_the_file_columns_follow_the_declaration(rf):
    assert list(OfferDetailOut.model_fields) == list(detail_body(full(), rf.get("/")))
    assert set(COLUMNS + OPTIONAL_COLUMNS) == {f.file_column for f in PUBLIC_FIELDS if f.file_column}


def test_the_import_reads_back_every_column_the_export_writes():
    """A full offer's row, parsed and applied to an offer as the import does, is the same row again."""
    row = row_from(full())
    errors = []
    values = RowParser().parse(2, row, errors)
    assert not errors
    offer = OfferPage()
    apply_values(offer, values, Organisation(name=values["provider"]))
    # Tags are written by ``save_offer`` (a saved page's tag set), as ``changed_columns`` reads them.
    assert row_from({**public_values(offer), "tags": sorted(values["tags"])}) == row
