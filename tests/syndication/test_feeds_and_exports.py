"""Feeds, calendar and exports, each parsed back with a real parser."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import openpyxl
import pytest
from icalendar import Calendar

from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS, import_rows, offer_to_row
from catalogue.models import OfferPage
from tests.factories import HILDEN_ADDRESS

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def catalogue(use_database, offers):
    course = offers.make(
        "Fortbildung Rechte Codes",
        kind="qualification",
        cities=["kreisweit"],
        description="<p>Erster Absatz.</p><p>Zweiter Absatz.</p>",
        tags=["Codes", "Fortbildung"],
        provider="Mobile Beratung",
        age_min=14,
        barrier_free=True,
        email="info@example.org",
        dates=[(datetime(2099, 2, 4, 14, 0, tzinfo=BERLIN), datetime(2099, 2, 4, 17, 30, tzinfo=BERLIN))],
        **HILDEN_ADDRESS,
    )
    return {
        "course": course,
        "hilden": offers.make("Workshop Zivilcourage", cities=["hilden"]),
        "velbert": offers.make("Beratungsstelle Velbert", cities=["velbert"], kind="contact_point"),
    }


def test_atom_feed_filtered_by_city(client, catalogue):
    response = client.get("/feeds/angebote.atom", {"city": "hilden"})
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10" and not feed.bozo
    assert sorted(entry.title for entry in feed.entries) == ["Fortbildung Rechte Codes", "Workshop Zivilcourage"]
    entry = next(e for e in feed.entries if e.title == "Workshop Zivilcourage")
    assert entry.link == "http://testserver" + catalogue["hilden"].url


def test_rss_feed_filtered_by_target_group(client, catalogue):
    feed = feedparser.parse(client.get("/feeds/angebote.rss", {"kind": "contact_point"}).content)
    assert feed.version == "rss20" and not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Beratungsstelle Velbert"]


def test_feed_rejects_unknown_filters(client, catalogue):
    response = client.get("/feeds/angebote.atom", {"city": "atlantis"})
    assert response.status_code == 400 and "atlantis" in response.content.decode()


def test_icalendar_feed_of_dated_offers(client, catalogue):
    response = client.get("/feeds/angebote.ics", {"city": "velbert"})
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1  # the district-wide course; the Velbert counselling has no dates
    event = events[0]
    assert str(event["summary"]) == "Fortbildung Rechte Codes"
    assert event.decoded("dtstart") == datetime(2099, 2, 4, 14, 0, tzinfo=BERLIN)
    assert event.decoded("dtend") == datetime(2099, 2, 4, 17, 30, tzinfo=BERLIN)
    assert str(event["url"]) == "http://testserver" + catalogue["course"].url
    assert str(event["location"]) == "Am Rathaus 1, 40721 Hilden"


def test_csv_export_has_the_import_columns_and_round_trips(client, catalogue):
    response = client.get("/export/angebote.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == COLUMNS + OPTIONAL_COLUMNS
    titles = {"Fortbildung Rechte Codes", "Workshop Zivilcourage", "Beratungsstelle Velbert"}
    assert {r["title"] for r in rows} == titles
    before = {o.external_id: offer_to_row(o) for o in OfferPage.objects.all()}

    published = {o.external_id: o.last_published_at for o in OfferPage.objects.all()}
    report = import_rows(rows, publish=True)
    assert report.ok and not report.created and not report.updated and len(report.unchanged) == 3
    after = {o.external_id: offer_to_row(o) for o in OfferPage.objects.all()}
    assert after == before
    assert {o.external_id: o.last_published_at for o in OfferPage.objects.all()} == published
    assert before[catalogue["course"].external_id]["dates"] == "2099-02-04T14:00/2099-02-04T17:30"


def test_xlsx_export_of_a_filtered_result(client, catalogue):
    response = client.get("/export/angebote.xlsx", {"kind": "qualification"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == COLUMNS + OPTIONAL_COLUMNS
    assert [row[2] for row in values[1:]] == ["Fortbildung Rechte Codes"]


def test_catalogue_page_links_feeds_and_exports_of_its_result(client, catalogue):
    html = client.get("/angebote/", {"city": "hilden"}).content.decode()
    assert 'href="/feeds/angebote.atom?city=hilden"' in html
    assert 'href="/export/angebote.xlsx?city=hilden"' in html


def test_icalendar_feed_of_conferences_and_qualifications(client, knowledge):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.now() + timedelta(days=10)
    knowledge.event("Regionalkonferenz Haan", city="haan", start=soon, venue="Rathaus")
    knowledge.event("Qualifizierung Codes", city="kreisweit", kind="qualification", start=soon + timedelta(days=1))
    knowledge.event("Regionalkonferenz Hilden", city="hilden", start=soon - timedelta(days=100))  # long past
    calendar = Calendar.from_ical(client.get("/feeds/veranstaltungen.ics").content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Regionalkonferenz Haan", "Qualifizierung Codes"]
    haan = calendar.walk("VEVENT")[0]
    assert str(haan["location"]) == "Rathaus, Haan" and str(haan["categories"].cats[0]) == "Regionalkonferenz"
    only_velbert = Calendar.from_ical(client.get("/feeds/veranstaltungen.ics", {"city": "velbert"}).content)
    assert [str(e["summary"]) for e in only_velbert.walk("VEVENT")] == ["Qualifizierung Codes"]
    response = client.get("/feeds/veranstaltungen.ics", {"city": "atlantis"})
    assert response.status_code == 400 and "atlantis" in response.content.decode()


HOSTILE = {
    "provider": '=HYPERLINK("http://evil.example","Klick")',
    "summary": "=1+1",
    "phone": "+49 2104 1",
    "contact_name": "@SUM(A1)",
    "cost": "-5 €",
}


@pytest.fixture
def hostile(use_database, offers):
    fields = {k: v for k, v in HOSTILE.items() if k != "provider"}
    return offers.make("Formel im Feld", provider=HOSTILE["provider"], cities=["hilden"], **fields)


def test_csv_export_neutralises_formulas_and_round_trips_them(client, hostile):
    response = client.get("/export/angebote.csv")
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    for column, value in HOSTILE.items():
        assert row[column] == "'" + value  # a spreadsheet shows text, never runs it
    before = offer_to_row(OfferPage.objects.get())
    assert import_rows([row], publish=True).ok
    assert offer_to_row(OfferPage.objects.get()) == before  # the import removes the apostrophe again


def test_xlsx_export_writes_formula_like_text_as_text(client, hostile):
    response = client.get("/export/angebote.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    for column, value in HOSTILE.items():
        cell = sheet.cell(row=2, column=header.index(column) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


def test_description_with_ampersand_and_angle_bracket_survives_round_trips(client, use_database, offers):
    offers.make("Sonderzeichen", description="<p>Jung &amp; Alt, 3 &lt; 4</p><p>Zweiter Absatz</p>")
    for _ in range(2):
        rows = list(csv.DictReader(io.StringIO(client.get("/export/angebote.csv").content.decode("utf-8"))))
        assert rows[0]["description"] == "Jung & Alt, 3 < 4\n\nZweiter Absatz"
        assert import_rows(rows, publish=True).ok
    assert OfferPage.objects.get().description == "<p>Jung &amp; Alt, 3 &lt; 4</p><p>Zweiter Absatz</p>"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(value):
    from core.spreadsheets import csv_cell, from_csv_cell

    assert csv_cell(value) == "'" + value and from_csv_cell(csv_cell(value)) == value
    assert csv_cell("Hilden") == "Hilden" and csv_cell(12) == 12


def test_csv_for_excel_has_a_bom_semicolons_and_the_same_rows(client, catalogue):
    plain = list(csv.DictReader(io.StringIO(client.get("/export/angebote.csv").content.decode("utf-8"))))
    response = client.get("/export/angebote-excel.csv")
    assert response.content.startswith("\ufeff".encode())
    assert 'filename="angebote-excel.csv"' in response["Content-Disposition"]
    excel = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert excel == plain
    assert "/export/angebote-excel.csv?city=hilden" in client.get("/angebote/?city=hilden").content.decode()
