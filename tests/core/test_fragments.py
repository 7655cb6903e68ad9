"""Kept fragments (core/fragments.py): cards and filter checkboxes rendered once per distinct content must show
exactly what rendering them afresh shows, after edits, in either language, for every query."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe

from catalogue.cards import offer_cards
from core.fragments import MARK, Fragment
from search.models import Synonym

pytestmark = pytest.mark.django_db

LOCMEM = "django.template.loaders.locmem.Loader"


def page(client, url, language="de"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_kept_cards_follow_edits_language_highlights_and_unpublishing(client, offers, use_database):
    soon = timezone.now() + timedelta(days=3)
    offer = offers.make("Planspiel Zivilcourage", summary="Mut im Alltag.", kind="measure", dates=[(soon, None)])
    for _ in range(2):  # the second answer comes from the kept card
        html = page(client, "/angebote/?q=Zivilcourage")
        assert ">Planspiel <mark>Zivilcourage</mark></a>" in html and 'card__kind">Maßnahme<' in html
        assert ">Planspiel Zivilcourage</a>" in page(client, "/angebote/")
    english = page(client, "/angebote/?q=Zivilcourage", "en")
    assert "next date" in english and "nächster Termin" not in english and 'card__kind">Maßnahme<' not in english
    assert "nächster Termin" in page(client, "/angebote/?q=Zivilcourage")

    offers.republish(offer, title="Planspiel Mut", summary="Zivilcourage im Verein.", kind="qualification")
    html = page(client, "/angebote/?q=Zivilcourage")
    assert ">Planspiel Mut</a>" in html and "<mark>Zivilcourage</mark> im Verein." in html
    assert "Planspiel Zivilcourage" not in html and 'card__kind">Maßnahme<' not in html

    offers.unpublish(offer)
    assert "Planspiel Mut" not in page(client, "/angebote/?q=Zivilcourage")


def test_kept_checkboxes_follow_counts_and_state(client, offers, use_database):
    for title in ("Planspiel eins", "Planspiel zwei", "Theater"):
        offers.make(title, cities=("haan",))
    haan = 'id="f-city-haan" name="city" value="haan">'
    checked = 'id="f-city-haan" name="city" value="haan" checked>'
    for _ in range(2):
        assert f"{haan}\n" in page(client, "/angebote/")
        assert "Haan <span" in page(client, "/angebote/")
    assert '<span class="count">(3)</span>' in page(client, "/angebote/").split(haan)[1].split("</div>")[0]
    html = page(client, "/angebote/?q=Planspiel&city=haan")
    assert '<span class="count">(2)</span>' in html.split(checked)[1].split("</div>")[0]


def test_a_new_synonym_highlights_kept_cards(client, offers, use_database):
    offers.make("Sprachcafé für Nachbarn")
    assert ">Sprachcafé für Nachbarn</a>" in page(client, "/angebote/")
    Synonym.objects.create(terms="Anwohner, Nachbarn")
    assert ">Sprachcafé für <mark>Nachbarn</mark></a>" in page(client, "/angebote/?q=Anwohner")
    assert ">Sprachcafé für Nachbarn</a>" in page(client, "/angebote/")


def test_kept_cards_are_what_the_template_renders(offers, use_database):
    from catalogue.templatetags.catalogue_tags import offer_cards_html

    soon = timezone.now() + timedelta(days=3)
    pages = [
        offers.make("Training <b>", cities=("kreisweit", "haan"), dates=[(soon, None)], provider="Jugendring"),
        offers.make("Beratung & Hilfe", cities=(), is_free=False),
    ]
    template = get_template("includes/offer_card.html")
    for language in ("de", "en"):
        with translation.override(language):
            cards = offer_cards(pages, [{"title": "<mark>Training</mark> &lt;b&gt;"}, None])
            fresh = "".join("\n" + template.render({"card": card}) for card in cards)
            assert offer_cards_html(cards) == offer_cards_html(cards) == fresh


@pytest.fixture
def templates(settings):
    """Templates of a test's own (a locmem loader), for fragments of every shape."""

    def use(**sources):
        settings.TEMPLATES = [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [(LOCMEM, sources)]},
            }
        ]

    return use


def test_slots_keep_falsy_values_and_fixed_values_their_type(templates):
    templates(**{"t.html": "{% if v.n %}[{{ v.n }}]{% else %}none {{ v.n }}{% endif %} {{ v.text }} {{ v.items }}"})
    fragment = Fragment("t.html", "v", slots=("n",))
    rows = [
        {"n": 3, "text": "a&b", "items": ["x"]},
        {"n": 0, "text": mark_safe("a&b"), "items": ["x"]},
        {"n": "", "text": "a&b", "items": ["x"]},
        {"n": 1234567, "text": "a&b", "items": ["x"]},
        {"n": 5, "text": mark_safe("a&b"), "items": ["x"]},  # equal to "a&b" as a string, not as a value shown
    ]
    expected = ["[3] a&amp;b [&#x27;x&#x27;]", "none 0 a&b [&#x27;x&#x27;]", "none  a&amp;b [&#x27;x&#x27;]"]
    expected += ["[1234567] a&amp;b [&#x27;x&#x27;]", "[5] a&b [&#x27;x&#x27;]"]
    for _ in range(2):
        assert fragment.render_each(rows, before="|") == "|" + "|".join(expected)


def test_values_that_break_a_frame_are_rendered_afresh(templates):
    templates(**{"t.html": "<{{ v.title|upper }}> {{ v.note }}"})
    fragment = Fragment("t.html", "v", slots=("title",))
    assert fragment.render_each([{"title": "a<b", "note": "n"}]) == "<A&lt;B> n"  # a filtered slot: no frame
    templates(**{"t.html": "<{{ v.title }}> {{ v.note }}"})
    fragment = Fragment("t.html", "v", slots=("title",))
    note = f"{MARK}title{MARK}"  # the marker in a fixed value
    assert fragment.render_each([{"title": "x", "note": note}]) == f"<x> {note}"
    assert fragment.render_each([{"title": "y", "note": {"a": 1}}]) == "<y> {&#x27;a&#x27;: 1}"  # not hashable


def test_an_edited_template_is_used_at_once_in_development(templates, tmp_path):
    templates(**{"t.html": "one {{ v.a }}"})
    fragment = Fragment("t.html", "v")
    assert fragment.render_each([{"a": 1}]) == "one 1"
    templates(**{"t.html": "two {{ v.a }}"})
    assert fragment.render_each([{"a": 1}]) == "one 1"  # kept, as in production (templates do not change)
    file_changed.send(sender=None, file_path=tmp_path / "t.html")
    assert fragment.render_each([{"a": 1}]) == "two 1"


def test_an_edited_template_shows_in_the_cached_page_chrome_at_once_in_development(templates, tmp_path):
    from django.core.cache import caches

    caches["fragments"].set("template.cache.site_assets.x", "kept")
    file_changed.send(sender=None, file_path=tmp_path / "base.html")
    assert caches["fragments"].get("template.cache.site_assets.x") is None


def test_fragments_are_kept_per_language_and_time_zone(templates):
    templates(**{"t.html": '{% load i18n %}{% translate "kostenlos" %} {{ v.at|date:"H:i" }}'})
    fragment = Fragment("t.html", "v")
    at = [{"at": datetime(2027, 1, 20, 12, 0, tzinfo=UTC)}]
    for _ in range(2):
        with translation.override("de"):
            assert fragment.render_each(at) == "kostenlos 13:00"
            with timezone.override("Europe/London"):
                assert fragment.render_each(at) == "kostenlos 12:00"
        with translation.override("en"):
            assert fragment.render_each(at) == "free of charge 13:00"
