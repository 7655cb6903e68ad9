"""One public address for every machine interface; filtered feeds of their own; calendars two parsers accept."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest
import vobject
from django.utils import timezone
from icalendar import Calendar

from core.public_address import public_url
from tests.factories import HILDEN_ADDRESS

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
PUBLIC = "https://praevention.example.org"


@pytest.fixture
def dated(use_database, offers):
    return offers.make(
        "Fortbildung Rechte Codes",
        kind="qualification",
        cities=["hilden"],
        dates=[(datetime(2099, 2, 4, 14, tzinfo=BERLIN), datetime(2099, 2, 4, 17, tzinfo=BERLIN))],
        **HILDEN_ADDRESS,
    )


def both_parsers(content):
    """icalendar and vobject must both read it; returns icalendar's calendar."""
    calendar = Calendar.from_ical(content)
    parsed = vobject.readOne(content.decode())
    assert parsed.name == "VCALENDAR"
    return calendar


def test_every_machine_interface_uses_the_configured_public_address(client, settings, dated):
    settings.PUBLIC_BASE_URL = PUBLIC
    urls = [
        client.get("/api/v1/offers/").json()["results"][0]["url"],
        client.get(f"/api/v1/offers/{dated.pk}/").json()["url"],
        client.get("/api/v1/hsds/services").json()["contents"][0]["url"],
        client.get("/api/v1/hsds/").json()["openapi_url"],
    ]
    feed = feedparser.parse(client.get("/feeds/angebote.atom").content)
    urls += [feed.feed.id, feed.entries[0].link, feed.entries[0].id]
    urls += [str(e["url"]) for e in Calendar.from_ical(client.get("/feeds/angebote.ics").content).walk("VEVENT")]
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    urls += [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    html = client.get(dated.url).content.decode()
    assert f'<meta property="og:url" content="{PUBLIC}{dated.url}">' in html
    assert f'<meta property="og:image" content="{PUBLIC}/static/img/og-default.png">' in html
    assert len(urls) > 8 and all(url.startswith(PUBLIC + "/") for url in urls), urls


def test_without_the_setting_the_request_address_is_used_everywhere(client, dated):
    sitemap = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content)
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(loc.startswith("http://127.0.0.1/") for loc in locations)


def test_a_location_becomes_the_public_address_with_its_path_query_and_fragment(settings):
    settings.PUBLIC_BASE_URL = PUBLIC + "/"
    assert public_url(None, "/angebote/x/?city=hilden#karte") == PUBLIC + "/angebote/x/?city=hilden#karte"
    assert public_url(None, "http://127.0.0.1:8000/angebote/x/?a=1") == PUBLIC + "/angebote/x/?a=1"
    assert public_url(None, "//elsewhere.example/y/") == PUBLIC + "/y/"  # never another host
    assert public_url(None, "") == PUBLIC + "/"


def test_default_site_follows_the_public_address_after_migrate(settings, db):
    from wagtail.models import Site

    from core.public_address import sync_default_site

    settings.PUBLIC_BASE_URL = PUBLIC
    sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("praevention.example.org", 443, PUBLIC)


def test_filtered_feeds_have_their_own_id_and_self_link(client, dated):
    whole = feedparser.parse(client.get("/feeds/angebote.atom").content)
    hilden = feedparser.parse(client.get("/feeds/angebote.atom", {"city": "hilden"}).content)
    both = feedparser.parse(client.get("/feeds/angebote.atom?kind=qualification&city=hilden").content)
    assert not whole.bozo and not hilden.bozo
    ids = {whole.feed.id, hilden.feed.id, both.feed.id}
    assert len(ids) == 3
    self_link = next(link.href for link in hilden.feed.links if link.rel == "self")
    assert self_link == "http://testserver/feeds/angebote.atom?city=hilden"
    assert hilden.feed.link == "http://testserver/angebote/?city=hilden"
    assert "hilden" in hilden.feed.title


def test_home_and_offer_pages_announce_the_feeds(client, dated):
    for url in ("/", dated.url):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html, url
        assert 'href="http://testserver/feeds/angebote.atom"' in html


def test_empty_calendar_still_has_a_component_and_parses(client, use_database):
    content = client.get("/feeds/angebote.ics", {"q": "xyzzy"}).content
    calendar = both_parsers(content)
    assert list(calendar.walk("VEVENT")) == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]


def test_uids_do_not_depend_on_the_host(client, dated):
    one = Calendar.from_ical(client.get("/feeds/angebote.ics", HTTP_HOST="127.0.0.1").content)
    other = Calendar.from_ical(client.get("/feeds/angebote.ics", HTTP_HOST="localhost").content)
    uids = [str(e["uid"]) for e in one.walk("VEVENT")]
    assert uids and uids == [str(e["uid"]) for e in other.walk("VEVENT")]
    assert not any("127.0.0.1" in uid or "localhost" in uid for uid in uids)


def test_each_dated_offer_and_event_has_its_own_calendar_file(client, dated, knowledge):
    html = client.get(dated.url).content.decode()
    assert f'href="/kalender/angebot-{dated.pk}.ics"' in html
    calendar = both_parsers(client.get(f"/kalender/angebot-{dated.pk}.ics").content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2099, 2, 4, 14, tzinfo=BERLIN)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Berlin"
    conference = knowledge.event("Regionalkonferenz Haan", city="haan", start=timezone.now() + timedelta(days=9))
    assert f'href="/kalender/veranstaltung-{conference.pk}.ics"' in client.get(conference.url).content.decode()
    calendar = both_parsers(client.get(f"/kalender/veranstaltung-{conference.pk}.ics").content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Regionalkonferenz Haan"]
    assert client.get("/kalender/angebot-999999.ics").status_code == 404
