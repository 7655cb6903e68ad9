"""schema.org JSON-LD, Open Graph and the sitemap, parsed and checked."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from tests.factories import HILDEN_ADDRESS

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.jsonld, self.meta, self._in_jsonld = [], {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
        if tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs.get("content")

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))


def parse(client, offer):
    parser = HeadParser()
    parser.feed(client.get(offer.url).content.decode())
    return parser


BERLIN = ZoneInfo("Europe/Berlin")


def test_qualification_is_a_course_with_instances_and_provider(client, use_database, offers):
    course = offers.make(
        "Fortbildung Rechte Codes",
        kind="qualification",
        fmt="online",
        provider="Mobile Beratung",
        cities=["kreisweit"],
        email="info@example.org",
        cost="kostenfrei",
        tags=["Codes"],
        dates=[(datetime(2027, 2, 4, 14, tzinfo=BERLIN), datetime(2027, 2, 4, 17, tzinfo=BERLIN))],
    )
    [data] = parse(client, course).jsonld
    assert data["@context"] == "https://schema.org" and data["@type"] == "Course"
    assert data["name"] == "Fortbildung Rechte Codes"
    assert data["url"] == "http://testserver" + course.url
    assert data["provider"]["name"] == "Mobile Beratung"
    assert data["provider"]["contactPoint"]["email"] == "info@example.org"
    assert data["hasCourseInstance"] == [
        {
            "@type": "CourseInstance",
            "courseMode": "online",
            "startDate": "2027-02-04T13:00:00+00:00",
            "endDate": "2027-02-04T16:00:00+00:00",
            "courseWorkload": "PT3H",
            "courseSchedule": {
                "@type": "Schedule",
                "startDate": "2027-02-04",
                "endDate": "2027-02-04",
                "duration": "PT3H",
                "repeatCount": 1,
                "repeatFrequency": "P1D",
            },
        }
    ]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Schulen und Lehrkräfte"}]


def test_dated_measure_is_an_event_with_place(client, use_database, offers):
    days = [(datetime(2027, 3, 11, 8, tzinfo=BERLIN), None), (datetime(2027, 3, 12, 8, tzinfo=BERLIN), None)]
    event = offers.make("Projekttag Demokratie", kind="measure", dates=days, **HILDEN_ADDRESS)
    [data] = parse(client, event).jsonld
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["postalCode"] == "40721"
    assert len(data["subEvent"]) == 2


def test_contact_point_is_a_service_for_its_area(client, use_database, offers):
    service = offers.make("Beratungsstelle", kind="contact_point", cities=["velbert", "kreisweit"], phone="02051 1")
    parser = parse(client, service)
    [data] = parser.jsonld
    assert data["@type"] == "Service"
    assert data["areaServed"] == [
        {"@type": "City", "name": "Velbert"},
        {"@type": "AdministrativeArea", "name": "Kreis Mettmann"},
    ]
    assert data["availableChannel"]["servicePhone"]["telephone"] == "02051 1"
    assert parser.meta["og:title"] == "Beratungsstelle" and parser.meta["og:type"] == "article"
    assert parser.meta["og:url"] == "http://testserver" + service.url


def test_json_ld_cannot_break_out_of_its_script(client, use_database, offers):
    offer = offers.make("</script><script>alert(1)</script>", summary="a & b < c")
    html = client.get(offer.url).content.decode()
    assert "<script>alert(1)" not in html
    assert parse(client, offer).jsonld[0]["name"] == "</script><script>alert(1)</script>"


def test_sitemap_lists_offers_and_landing_pages(client, use_database, offers):
    offer = offers.make("Workshop Zivilcourage")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert "http://testserver/angebote/" + offer.slug + "/" in locations
    assert "http://testserver/angebote/stadt/hilden/" in locations
    assert "http://testserver/angebote/zielgruppe/sportvereine/" in locations


def schema_org_loader(url, options=None):
    """pyld fetches contexts; offline, schema.org's context is its vocabulary (what its published one says)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def extracted(client, url):
    """JSON-LD and Open Graph as extruct reads them, the JSON-LD expanded by pyld (fails on invalid JSON-LD)."""
    import extruct
    from pyld import jsonld

    data = extruct.extract(
        client.get(url).content.decode(),
        base_url="http://testserver" + url,
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )
    [item] = data["json-ld"]
    expanded = jsonld.expand(item, {"documentLoader": schema_org_loader})
    assert expanded and expanded[0]["@type"]
    return item, expanded[0], data["opengraph"][0]


S = "https://schema.org/"


def test_course_offers_price_category_and_instances_have_schedule_and_workload(client, use_database, offers):
    day = (datetime(2027, 2, 4, 14, tzinfo=BERLIN), datetime(2027, 2, 4, 17, 30, tzinfo=BERLIN))
    course = offers.make("Fortbildung Rechte Codes", kind="qualification", cost="kostenfrei", dates=[day])
    item, expanded, og = extracted(client, course.url)
    assert expanded[S + "offers"][0][S + "category"][0]["@value"] == "Free"
    instance = item["hasCourseInstance"][0]
    assert instance["courseWorkload"] == "PT3H30M"
    assert instance["courseSchedule"]["@type"] == "Schedule" and instance["courseSchedule"]["repeatCount"] == 1
    assert og["og:image"] == "http://testserver/static/img/og-default.png"
    paid = offers.make("Fortbildung mit Gebühr", kind="qualification", cost="40 Euro", is_free=False)
    assert extracted(client, paid.url)[0]["offers"]["category"] == "Paid"


def test_dated_measure_event_has_organizer_url_offers_image_and_named_place(client, use_database, offers):
    event = offers.make(
        "Projekttag Demokratie",
        kind="measure",
        provider="Mobile Beratung",
        website="https://beratung.example.org/projekttag",
        dates=[(datetime(2027, 3, 11, 8, tzinfo=BERLIN), None), (datetime(2027, 3, 12, 8, tzinfo=BERLIN), None)],
        **HILDEN_ADDRESS,
    )
    item, expanded, og = extracted(client, event.url)
    assert item["organizer"]["url"] == "https://beratung.example.org/projekttag"
    assert item["offers"]["@type"] == "Offer" and item["offers"]["price"] == 0
    assert item["image"] == og["og:image"] == "http://testserver/static/img/og-default.png"
    assert item["location"]["name"] == "Am Rathaus 1, 40721 Hilden"
    assert item["location"]["address"]["streetAddress"] == "Am Rathaus 1"
    for sub in item["subEvent"]:
        assert sub["eventStatus"] == S + "EventScheduled" and sub["eventAttendanceMode"].startswith(S)
    assert expanded[S + "organizer"][0][S + "url"]


def test_knowledge_event_has_image_and_parses_as_json_ld(client, knowledge):
    from datetime import timedelta

    from django.utils import timezone

    conference = knowledge.event(
        "Regionalkonferenz Haan", city="haan", start=timezone.now() + timedelta(days=9), venue="Rathaus"
    )
    item, expanded, og = extracted(client, conference.url)
    assert item["@type"] == "Event" and item["image"] == og["og:image"]
    assert item["location"]["name"] == "Rathaus"
