"""Result cards: worked out for the whole list (catalogue/cards.py), so a page costs the same queries for any
number of hits, and the card shows what it showed when template tags computed it per card."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from catalogue.cards import offer_card, offer_cards
from catalogue.models import City, OfferDate

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    for _ in range(2):  # what a process keeps (taxonomy, bitmaps); the first request creates the site settings
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_catalogue_page_queries_do_not_grow_with_its_cards(client, offers, use_database, settings):
    soon = timezone.now() + timedelta(days=3)
    settings.FEW_RESULTS = 0  # no spelling correction or unmet-demand record for a short list
    offers.make("Planspiel eins", dates=[(soon, None)], provider="Jugendring")
    one, html = queries_for(client, "/angebote/?q=Planspiel")
    assert html.count('class="kern-card ') == 1
    for n in range(5):
        offers.make(f"Planspiel {n}", cities=("haan", "kreisweit"), dates=[(soon, None)], provider=f"Verein {n}")
    six, html = queries_for(client, "/angebote/?q=Planspiel")
    assert html.count('class="kern-card ') == 6 and html.count("nächster Termin") == 6
    assert six == one


def test_home_page_newest_offers_cost_no_query_per_card(client, offers, use_database):
    soon = timezone.now() + timedelta(days=3)
    offers.make("Erstes", dates=[(soon, None)], provider="Jugendring")
    one, html = queries_for(client, "/")
    assert html.count('class="kern-card ') == 1
    for n in range(5):
        offers.make(f"Angebot {n}", dates=[(soon, None)], provider=f"Verein {n}")
    six, html = queries_for(client, "/")
    assert html.count('class="kern-card ') == 6 and html.count("nächster Termin") == 6
    assert six == one


def test_card_of_a_hit_and_of_a_page_agree(offers, use_database):
    soon = timezone.now() + timedelta(days=3)
    page = offers.make(
        "Training <b>",
        summary="Ein Angebot für Schulen.",
        cities=("kreisweit", "haan"),
        dates=[(soon, None)],
        provider="Jugendring",
        is_free=False,
    )
    hit = {
        "id": page.pk,
        "url": page.url,
        "title": page.title,
        "summary": page.summary,
        "provider": "Jugendring",
        "cities": ["kreisweit", "haan"],
        "kind": "measure",
        "format": "in_person",
        "is_free": False,
    }
    from_hit, from_page = offer_cards([hit])[0], offer_cards([page])[0]
    assert from_hit == from_page
    assert from_hit["title"] == "Training &lt;b&gt;"  # escaped
    assert from_hit["place"] == "kreisweit, Haan"
    assert from_hit["next_date"] is not None and from_hit["provider"] == "Jugendring"
    assert not from_hit["is_free"] and from_hit["lang"] == ""


def test_card_texts_highlight_landing_city_and_language(offers, use_database):
    page = offers.make("Workshop", cities=(), provider="")
    hit = {
        "id": page.pk,
        "url": page.url,
        "title": "Workshop",
        "summary": "Kurz.",
        "cities": ["kreisweit"],
        "kind": "measure",
        "format": "online",
        "is_free": True,
    }
    haan = City.objects.get(slug="haan")
    card = offer_card(hit, {}, {"title": "<mark>Workshop</mark>"}, landing_city=haan)
    assert card["title"] == "<mark>Workshop</mark>" and card["landing"] == "kreisweites Angebot"
    assert offer_card({**hit, "cities": ["haan"]}, {}, None, haan)["landing"] == "Angebot in Haan"
    assert offer_card({**hit, "cities": []}, {})["place"] == "ohne Ortsangabe"
    with translation.override("en"):
        card = offer_card({**hit, "cities": []}, {})
        assert card["place"] == "no place given" and card["lang"] == ' lang="de"'


def test_next_date_follows_republished_dates_and_time(client, offers, use_database, monkeypatch):
    """The coming starts a process keeps per generation (cards.next_dates) follow the offer's published
    dates, and a start that has passed gives way to the next."""
    soon, later = timezone.now() + timedelta(days=3), timezone.now() + timedelta(days=40)
    page = offers.make("Planspiel Demokratie", dates=[(soon, None)])
    url = "/angebote/?q=Planspiel"
    assert f'datetime="{timezone.localtime(soon).isoformat()}"' in client.get(url).content.decode()
    offers.republish(page, dates=[OfferDate(start=soon, end=None), OfferDate(start=later, end=None)])
    assert f'datetime="{timezone.localtime(soon).isoformat()}"' in client.get(url).content.decode()
    real_now = timezone.now
    monkeypatch.setattr("catalogue.cards.timezone.now", lambda: real_now() + timedelta(days=10))
    assert f'datetime="{timezone.localtime(later).isoformat()}"' in client.get(url).content.decode()
    offers.republish(page, dates=[])
    assert "nächster Termin" not in client.get(url).content.decode()


def test_a_renamed_city_shows_on_cards_at_once(client, offers, use_database, django_capture_on_commit_callbacks):
    """City names are kept per generation and language (cards.Labels); a rename starts a new generation."""
    offers.make("Planspiel Demokratie", cities=("haan",))
    assert ">Haan</span>" in client.get("/angebote/?q=Planspiel").content.decode()
    haan = City.objects.get(slug="haan")
    haan.name, haan.name_en = "Haan (Rheinland)", "Haan (Rhineland)"
    with django_capture_on_commit_callbacks(execute=True):
        haan.save()
    assert ">Haan (Rheinland)</span>" in client.get("/angebote/?q=Planspiel").content.decode()
    english = client.get("/angebote/?q=Planspiel", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Haan (Rhineland)</span>" in english
    assert ">Haan (Rheinland)</span>" in client.get("/angebote/?q=Planspiel").content.decode()


@pytest.mark.parametrize(
    "summary",
    [
        "",
        "Kurz.",
        "  Zwei\tWörter \n",
        " ".join(f"Wort{n}" for n in range(40)),
        " ".join(f"Wort{n}" for n in range(41)),
    ],
)
def test_a_cards_summary_is_cut_as_djangos_truncatewords_cuts_it(summary):
    from django.template.defaultfilters import truncatewords

    from catalogue.cards import SUMMARY_WORDS, shortened

    assert shortened(summary) == truncatewords(summary, SUMMARY_WORDS)


def test_a_cards_texts_are_escaped_once(offers, use_database):
    hit = {"id": 1, "url": "/x/", "title": "Eltern & <Kinder>", "summary": "a < b", "kind": "measure", "cities": []}
    card = offer_card(hit, {})
    assert (card["title"], card["summary"]) == ("Eltern &amp; &lt;Kinder&gt;", "a &lt; b")
    marked = offer_card(hit, {}, {"title": "<mark>Eltern</mark> &amp;", "summary": ""})
    assert marked["title"] == "<mark>Eltern</mark> &amp;" and marked["summary"] == "a &lt; b"
