"""The iframe variant, the builder and the count of partner origins (the browser test is in tests/browser)."""

import gzip
import re
from pathlib import Path

import pytest

from widgets.models import WidgetOrigin

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "widgets" / "static" / "widgets" / "praevention-widget.js"


@pytest.fixture
def catalogue(use_database, offers):
    offers.make("Workshop Zivilcourage", cities=["hilden"])
    offers.make("Beratungsstelle Velbert", cities=["velbert"], kind="contact_point")
    offers.make("Fortbildung Rassismuskritik", cities=["kreisweit"], kind="qualification")


def test_web_component_stays_under_10_kb_gzipped():
    assert len(gzip.compress(SCRIPT.read_bytes(), 9)) < 10 * 1024


def test_frame_lists_the_preset_offers_and_may_be_framed(client, catalogue):
    response = client.get("/widget/frame/", {"city": "velbert", "limit": 5}, HTTP_REFERER="https://schule.example/x")
    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    titles = re.findall(r'target="_top">([^<]+)</a></h2>', html)
    assert titles == ["Beratungsstelle Velbert", "Fortbildung Rassismuskritik"]  # the city's own offers first
    assert WidgetOrigin.objects.get().origin == "https://schule.example"


def test_frame_reports_bad_filters(client, catalogue):
    response = client.get("/widget/frame/", {"city": "atlantis"})
    assert response.status_code == 400 and "atlantis" in response.content.decode()


def test_builder_composes_both_snippets(client, catalogue):
    params = {"city": "hilden", "kind": "measure", "limit": "3", "search": "true"}
    html = client.get("/widget/", params).content.decode()
    assert '&lt;praevention-angebote city="hilden" kind="measure" limit="3" search="true" lang="de"&gt;' in html
    assert (
        'src="http://testserver/widget/frame/?city=hilden&amp;kind=measure&amp;limit=3&amp;search=true&amp;lang=de"'
        in html
    )
    assert '<option value="hilden" selected>Hilden</option>' in html
    assert html.count(">Code kopieren</button>") == 2
    # Several iframes on one page: no fixed id, the listener finds each frame by the window that wrote.
    assert 'id="praevention-frame"' not in html and "f.contentWindow===e.source" in html


def test_frame_search_keeps_limit_and_language(client, catalogue):
    html = client.get(
        "/widget/frame/", {"city": "velbert", "limit": "1", "search": "true", "lang": "en"}, HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert hidden == {"city": "velbert", "limit": "1", "search": "true", "lang": "en"}
    assert '<html lang="en">' in html and "Search offers" in html  # the partner's language, not the visitor's
    assert len(re.findall(r'target="_top">([^<]+)</a></h2>', html)) == 1
    german = client.get("/widget/frame/", {"search": "true"}, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de">' in german


def test_api_counts_partner_origins_but_not_our_own(client, catalogue):
    client.get("/api/v1/offers/", HTTP_ORIGIN="https://verein.example")
    client.get("/api/v1/offers/", HTTP_ORIGIN="https://verein.example")
    client.get("/api/v1/offers/", HTTP_ORIGIN="http://testserver")
    client.get("/api/v1/offers/")
    assert list(WidgetOrigin.objects.values_list("origin", "requests")) == [("https://verein.example", 2)]


def test_editors_see_widget_origins_in_the_admin(admin_client, catalogue):
    WidgetOrigin.count("https://stadt.example")
    html = admin_client.get("/admin/widget_origins/").content.decode()
    assert "https://stadt.example" in html


@pytest.mark.parametrize(
    ("limit", "shown"),
    [("²", 3), ("٣", 3), ("9" * 5000, 3), ("0", 3), ("-1", 3), ("x", 3), ("1", 1), ("2", 2), ("999", 3)],
)
def test_frame_and_builder_take_any_limit_without_failing(client, catalogue, limit, shown):
    response = client.get("/widget/frame/", {"limit": limit})
    assert response.status_code == 200
    assert len(re.findall(r'target="_top">([^<]+)</a></h2>', response.content.decode())) == shown
    assert client.get("/widget/", {"limit": limit}).status_code == 200


@pytest.mark.parametrize(("group", "sees"), [("Fachstelle", True), ("Redaktion Hilden", False)])
def test_widget_usage_is_shown_to_the_fachstelle_read_only(client, catalogue, group_member, group, sees):
    WidgetOrigin.count("https://stadt.example")
    client.force_login(group_member("editor", group))
    response = client.get("/admin/widget_origins/")
    assert ("https://stadt.example" in response.content.decode()) == sees
    assert ("Widget-Nutzung" in client.get("/admin/").content.decode()) == sees
    assert client.get("/admin/widget_origins/new/").status_code != 200  # nobody but administrators adds origins
