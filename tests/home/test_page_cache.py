"""Anonymous pages come from the cache; a published change empties it at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, use_database):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, offers, page_cache):
    offer = offers.make("Workshop Zivilcourage")
    assert client.get(offer.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(offer.url)
    assert response.status_code == 200 and "Workshop Zivilcourage" in response.content.decode()
    assert len(queries) == 0


def test_publishing_shows_the_change_at_once(client, offers, page_cache):
    offer = offers.make("Workshop Zivilcourage")
    client.get(offer.url)
    client.get("/angebote/")
    offers.republish(offer, title="Workshop Zivilcourage (neuer Termin)")
    assert "neuer Termin" in client.get(offer.url).content.decode()
    assert "neuer Termin" in client.get("/angebote/").content.decode()
    offers.unpublish(offer)
    assert client.get(offer.url).status_code == 404


def test_editors_are_never_served_cached_pages(admin_client, client, offers, page_cache):
    offer = offers.make("Workshop Zivilcourage")
    client.get(offer.url)
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(offer.url)
    assert len(queries) > 0


def test_api_and_admin_are_not_page_cached(client, offers, page_cache):
    offers.make("Workshop Zivilcourage")
    client.get("/api/v1/offers/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/offers/")
    assert len(queries) > 0


def test_language_switch_needs_no_csrf_token(page_cache):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"


def test_values_kept_per_generation_are_read_again_after_a_purge(use_database):
    from core.cache import per_generation, purge

    calls = []
    value = per_generation(lambda: calls.append(1) or len(calls))
    assert (value(), value()) == (1, 1)
    purge()
    assert value() == 2
    cache.clear()  # a flushed cache starts a new generation too
    assert value() == 3


def test_a_new_synonym_shows_at_once_in_cached_answers(client, offers, page_cache):
    from search.models import Synonym

    offers.make("Sprachcafé für Nachbarn")
    assert client.get("/api/v1/offers/", {"q": "Anwohner"}).json()["count"] == 0
    assert "Sprachcafé" not in client.get("/angebote/", {"q": "Anwohner"}).content.decode()
    Synonym.objects.create(terms="Anwohner, Nachbarn")
    assert client.get("/api/v1/offers/", {"q": "Anwohner"}).json()["count"] == 1
    assert "Sprachcafé" in client.get("/angebote/", {"q": "Anwohner"}).content.decode()


def test_deleting_a_synonym_or_an_offer_shows_at_once(client, offers, page_cache, django_capture_on_commit_callbacks):
    """Delete receivers are connected per model, following the search registry (see ``search.documents.follow``)."""
    from search.models import Synonym

    offer = offers.make("Sprachcafé für Nachbarn")
    synonym = Synonym.objects.create(terms="Anwohner, Nachbarn")
    assert "Sprachcafé" in client.get("/angebote/", {"q": "Anwohner"}).content.decode()
    assert "Sprachcafé" in client.get("/angebote/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        synonym.delete()
    assert "Sprachcafé" not in client.get("/angebote/", {"q": "Anwohner"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        offer.delete()
    assert "Sprachcafé" not in client.get("/angebote/").content.decode()


def test_a_page_rendered_during_a_purge_is_not_kept_past_it(client, offers, page_cache):
    """Another process purges while this page renders: the page was made from what was there before, so it
    is kept under the generation it started in, which the purge has made stale."""
    from django.test.signals import template_rendered

    from core.cache import GENERATION_KEY

    offer = offers.make("Workshop Zivilcourage")
    client.get(offer.url)  # the generation exists

    def purge_elsewhere(**_kwargs):
        template_rendered.disconnect(purge_elsewhere)
        cache.set(GENERATION_KEY, "purged-by-another-process", timeout=None)

    template_rendered.connect(purge_elsewhere)
    client.get("/angebote/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/angebote/").status_code == 200
    assert len(queries) > 0, "the page rendered before the purge was served after it"


def test_a_request_reads_the_generation_from_the_shared_cache_once(client, offers, page_cache, monkeypatch):
    """Each read is a round trip to Redis in production; a catalogue page asks about ten times."""
    import core.cache

    offers.make("Workshop Zivilcourage")
    reads = []
    shared = core.cache._shared_generation
    monkeypatch.setattr(core.cache, "_shared_generation", lambda: reads.append(1) or shared())
    assert client.get("/angebote/", {"q": "Workshop"}).status_code == 200
    assert client.get("/").status_code == 200
    assert len(reads) == 2
