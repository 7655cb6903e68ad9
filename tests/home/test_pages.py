"""Every public page renders with the demo content, server-side and without JavaScript."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from catalogue.models import OfferPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_root(settings, demo_media):
    """The demo's uploads, shared by this module's tests like its content."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, demo_media):
    """The demo content, loaded once for this module (about 4 s) in a transaction rolled back after its last test.

    The tests only read it; each runs in a savepoint of its own (``db``), so what one writes (the
    unmet-demand log) is gone before the next.
    """
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media, SEARCH_BACKEND="database"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo_content", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_content, db, use_database):
    """The module's demo content, seen from inside this test's savepoint."""


def test_home_page_has_search_entry_points_and_newest_offers(client, demo):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert 'href="/angebote/zielgruppe/sportvereine/"' in html
    assert 'href="/angebote/stadt/wuelfrath/"' in html
    assert html.count('class="kern-card ') == 6
    assert 'href="/wissen/rechtsextreme-codes-erkennen/"' in html
    assert 'href="/veranstaltungen/regionalkonferenz-haan/"' in html  # planned: listed
    assert 'href="/veranstaltungen/regionalkonferenz-hilden/"' not in html  # held: not "next"
    assert '<html lang="de">' in html


def test_catalogue_lists_filters_counts_and_paginates(client, demo):
    response = client.get("/angebote/", {"page_size": 10})
    html = response.content.decode()
    total = OfferPage.objects.live().count()
    assert f"{total} Angebote" in html
    assert html.count('class="kern-card ') == 10
    assert 'rel="next"' in html
    assert 'name="city" value="hilden"' in html and 'name="kind" value="qualification"' in html


def test_catalogue_search_with_filters_and_shareable_url(client, demo):
    response = client.get("/angebote/?q=Workshop+Zivilcourage&city=hilden&kind=measure")
    html = response.content.decode()
    assert response.status_code == 200
    assert "für Schulklassen in Hilden" in html
    assert "für Schulklassen in Haan" not in html
    assert "<mark>Zivilcourage</mark>" in html
    assert 'id="f-city-hilden" name="city" value="hilden" checked' in html
    # The chip removing the Hilden filter keeps the text and the other filter.
    assert 'href="/angebote/?q=Workshop+Zivilcourage&amp;kind=measure"' in html


def test_city_landing_page_includes_district_wide_offers(client, demo):
    html = client.get("/angebote/stadt/hilden/", {"page_size": 50}).content.decode()
    assert "<h1>Angebote in Hilden</h1>" in html
    assert "Beratungsstelle gegen Diskriminierung Hilden" in html
    assert "Mobile Beratung gegen Rechtsextremismus" in html  # district-wide
    assert "Beratungsstelle gegen Diskriminierung Velbert" not in html
    assert client.get("/angebote/stadt/atlantis/").status_code == 404


def test_target_group_landing_page(client, demo):
    html = client.get("/angebote/zielgruppe/sportvereine/").content.decode()
    assert "<h1>Angebote für Sportvereine</h1>" in html
    assert "Qualifizierung für Übungsleitende: Vielfalt im Verein" in html


def test_bad_input_and_pages_beyond_the_results_get_a_clear_400(client, demo):
    response = client.get("/angebote/", {"city": "atlantis", "page": "x", "q": "a" * 300})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Die Stadt „atlantis“ gibt es nicht." in html and "ganze Zahl" in html and "zu lang" in html
    assert 'value="' + "a" * 300 + '"' in html  # what was typed is kept
    beyond = client.get("/angebote/", {"page": 99})
    assert beyond.status_code == 400 and "Seite 99 gibt es nicht" in beyond.content.decode()


def test_misspelt_query_offers_a_suggestion(client, demo):
    html = client.get("/angebote/", {"q": "Diskrimminierung"}).content.decode()
    # the correction acts at once and offers the search as typed (search/correction_notice.html)
    assert "Ergebnisse für <strong>Diskriminierung</strong>" in html and "correct=false" in html


def test_offer_page_shows_what_a_teacher_needs(client, demo):
    offer = OfferPage.objects.get(external_id="demo-kreis-01")
    html = client.get(offer.url).content.decode()
    for expected in (
        "Basisqualifizierung Rassismuskritik für Lehrkräfte",
        "Schulen und Lehrkräfte",
        "Kreisweit",
        "Online",
        "kostenlos",
        "Kommunales Integrationszentrum Kreis Mettmann",
        "ki@example.org",
        "Zur Anmeldung",
        "Mittwoch, 10. Februar 2027, 14:00",
        "#Fortbildung",
    ):
        assert expected in html, expected


def test_english_interface_is_available(client, demo):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in response.content.decode()


def test_catalogue_in_english(client, demo):
    html = client.get("/angebote/stadt/hilden/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Offers in Hilden</h1>" in html
    assert "Apply filters" in html and "Kind of offer" in html and "25 offers" in html


def test_home_page_title_names_the_site_once(client, demo):
    html = client.get("/").content.decode()
    assert "<title>Präventionskatalog Kreis Mettmann</title>" in html
    assert "<title>Angebote – Präventionskatalog Kreis Mettmann</title>" in client.get("/angebote/").content.decode()


def test_result_cards_say_where_and_when_and_city_pages_label_district_wide_offers(client, demo):
    html = client.get("/angebote/stadt/hilden/").content.decode()
    assert "Angebote in Hilden und kreisweite Angebote" in html
    assert "kreisweites Angebot" in html and "Angebot in Hilden" in html
    assert "nächster Termin: <time" in html
    offer = OfferPage.objects.get(external_id="demo-kreis-01")
    html = client.get("/angebote/", {"q": "Basisqualifizierung Rassismuskritik"}).content.decode()
    card = html[html.index(f'href="{offer.url}"') - 400 : html.index(f'href="{offer.url}"') + 1500]
    assert "kreisweit" in card and "Online" in card and "kostenlos" in card
    assert "10. Februar 2027" in card  # its next date


def test_offer_page_says_kostenlos_once(client, demo):
    offer = OfferPage.objects.get(external_id="demo-kreis-01")
    html = client.get(offer.url).content.decode()
    assert "kostenlos (kostenlos)" not in html and "kostenfrei" not in html


def test_english_is_whole_labels_dates_and_german_content_marked(client, demo):
    offer = OfferPage.objects.get(external_id="demo-kreis-01")
    html = client.get("/angebote/stadt/hilden/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Schools and teachers" in html and "District-wide" in html  # taxonomy labels in the filters
    assert "Schulen und Lehrkräfte" not in html
    html = client.get("/angebote/", {"q": "Basisqualifizierung"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "next date: <time" in html and "10 February 2027" in html
    assert f'<a class="kern-link" href="{offer.url}" lang="de">' in html
    page = client.get(offer.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="de">Basisqualifizierung Rassismuskritik für Lehrkräfte</h1>' in page
    assert "Wednesday, 10 February 2027, 14:00" in page
    assert "Schools and teachers" in page


def test_footer_links_every_information_page(client, demo):
    html = client.get("/").content.decode()
    for slug, title in (
        ("impressum", "Impressum"),
        ("datenschutz", "Datenschutzerklärung"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ("kontakt", "Kontakt"),
    ):
        assert f'<a class="kern-link" href="/{slug}/">{title}</a>' in html
        page = client.get(f"/{slug}/")
        assert page.status_code == 200 and "[" in page.content.decode()  # a draft naming what to complete
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="kern-link" href="/datenschutz/">Privacy notice</a>' in english
    privacy = client.get("/datenschutz/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This page is only available in German." in privacy and '<div class="rich-text" lang="de">' in privacy


def test_footer_follows_an_information_page_published_or_unpublished(client, demo, django_capture_on_commit_callbacks):
    """The footer's list is kept per cache generation: publishing and unpublishing start a new one."""
    from home.models import InfoPage

    assert "/leichte-sprache/" not in client.get("/").content.decode()
    page = InfoPage(title="Leichte Sprache", slug="leichte-sprache", show_in_menus=True, live=False)
    InfoPage.objects.get(slug="kontakt").get_parent().add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert '<a class="kern-link" href="/leichte-sprache/">Leichte Sprache</a>' in client.get("/").content.decode()
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "/leichte-sprache/" not in client.get("/").content.decode()


def test_privacy_notice_describes_what_the_site_processes(client, demo):
    privacy = ["Angebot vorschlagen", "gelöscht", "Suchanfragen", "ohne Personenbezug", "csrftoken", "sessionid"]
    privacy += ["kein Tracking", "Server-Protokolle"]
    assert not missing(client.get("/datenschutz/").content.decode(), privacy)
    accessibility = ["BITV 2.0", "teilweise vereinbar", "Nicht barrierefreie Inhalte", "Feedback"]
    accessibility += ["Schlichtungsverfahren"]
    assert not missing(client.get("/barrierefreiheit/").content.decode(), accessibility)


def missing(text, phrases):
    return [phrase for phrase in phrases if phrase not in text]


def test_400_page_speaks_the_users_words(client, demo):
    html = client.get("/angebote/", {"city": "atlantis", "target_group": "piraten"}).content.decode()
    assert "Die Stadt „atlantis“ gibt es nicht." in html
    assert "Die Zielgruppe „piraten“ gibt es nicht." in html
    assert "city:" not in html and "<strong>city</strong>" not in html
    english = client.get("/angebote/", {"city": "atlantis"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There is no city “atlantis”." in english
