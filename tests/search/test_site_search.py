"""The combined site search: offers, articles, events, glossary terms and documents through one interface,
with a type facet, on every engine (SQLite, PostgreSQL and a real OpenSearch node)."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction

from search.query import SITE, SearchQuery
from tests.search.helpers import facet, run, titles

pytestmark = pytest.mark.django_db


def site(service, params=""):
    query = SearchQuery.from_params(QueryDict(params), scope=SITE)
    assert query.is_valid, query.errors
    return service.search(query)


@pytest.fixture
def content(service, offers, knowledge):
    """One item of every type about "Zivilcourage", and one unrelated item of each."""
    knowledge.term("Zivilcourage", category="prevention", definition="<p>Mut, für andere einzutreten.</p>")
    knowledge.term("Antisemitismus", category="racism")
    return {
        "offer": offers.make("Workshop Zivilcourage", cities=["hilden"]),
        "other_offer": offers.make("Elterncafé", cities=["haan"]),
        "article": knowledge.article(
            "Eingreifen im Verein",
            summary="Zivilcourage im Sport üben.",
            target_groups=["sportvereine"],
            tags=["Sport"],
        ),
        "other_article": knowledge.article("Codes erkennen"),
        "event": knowledge.event(
            "Regionalkonferenz Hilden",
            start=timezone.now() + timedelta(days=9),
            summary="Arbeitsgruppe Zivilcourage an Schulen.",
        ),
        "document": knowledge.document("Handreichung Eingreifen", description="Tipps für mehr Zivilcourage."),
    }


def test_one_search_finds_every_type(service, content):
    result = site(service, "q=Zivilcourage")
    assert sorted(hit.data["type"] for hit in result.hits) == ["article", "document", "event", "glossary", "offer"]
    assert facet(result, "type") == {"offer": 1, "article": 1, "event": 1, "glossary": 1, "document": 1}
    urls = {hit.data["type"]: hit.data["url"] for hit in result.hits}
    assert urls["glossary"] == "/glossar/#zivilcourage"
    assert urls["article"] == content["article"].url and urls["document"] == content["document"].url


def test_type_facet_filters_and_counts_disjunctively(service, content):
    result = site(service, "q=Zivilcourage&type=article&type=glossary")
    assert sorted(titles(result)) == ["Eingreifen im Verein", "Zivilcourage"]
    # The type facet still counts every type, so visitors see what else there is.
    assert facet(result, "type") == {"offer": 1, "article": 1, "event": 1, "glossary": 1, "document": 1}
    assert [f.selected for f in result.facets["type"]] == [False, True, False, True, False]


def test_typos_and_stems_work_across_types(service, content):
    assert "Handreichung Eingreifen" in titles(site(service, "q=Handreichungen"))
    assert "Regionalkonferenz Hilden" in titles(site(service, "q=Regionalkonferenzen"))


def test_documents_are_found_by_the_text_inside_the_file(service, knowledge):
    from knowledge.demo import simple_pdf

    knowledge.document("Protokoll", content=simple_pdf(["Arbeitsgruppe Stadtteilarbeit", "Ergebnisse Velbert"]))
    knowledge.document("Notizen", filename="notizen.txt", content=b"Kooperationsvereinbarung mit dem Sportbund")
    assert titles(site(service, "q=Stadtteilarbeit")) == ["Protokoll"]
    assert titles(site(service, "q=Kooperationsvereinbarung")) == ["Notizen"]


def test_catalogue_search_sees_offers_only(service, content):
    result = run(service, "q=Zivilcourage")
    assert titles(result) == ["Workshop Zivilcourage"]
    assert run(service, "").total == 2
    assert run(service, "target_group=sportvereine").total == 0  # the article's target group is not an offer's
    assert [s["title"] for s in service.suggest("Eingr")] == []
    assert sorted(s["title"] for s in service.suggest("Eingr", types=("article", "document"))) == [
        "Eingreifen im Verein",
        "Handreichung Eingreifen",
    ]


def test_index_follows_unpublish_delete_and_collection_restrictions(
    service, content, knowledge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        content["article"].unpublish()
        content["event"].delete()
        from knowledge.models import GlossaryTerm

        GlossaryTerm.objects.get(term="Zivilcourage").delete()
    assert sorted(titles(site(service, "q=Zivilcourage"))) == ["Handreichung Eingreifen", "Workshop Zivilcourage"]

    internal = Collection.get_first_root_node().add_child(name="Intern")
    hidden = knowledge.document("Internes Protokoll Zivilcourage", collection=internal)
    assert "Internes Protokoll Zivilcourage" in titles(site(service, "q=Protokoll"))
    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    assert titles(site(service, "q=Protokoll")) == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(site(service, "q=Protokoll")) == [hidden.title]


def test_glossary_results_follow_the_glossary_page(service, content, django_capture_on_commit_callbacks):
    from knowledge.models import GlossaryPage

    glossary = GlossaryPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        glossary.slug = "begriffe"
        glossary.save_revision().publish()
    hit = site(service, "q=Zivilcourage&type=glossary").hits[0]
    assert hit.data["url"] == "/begriffe/#zivilcourage"


def test_rebuild_indexes_every_type(service, content):
    assert service.rebuild() == 8  # 2 offers, 2 articles, 1 event, 2 glossary terms, 1 document
    assert facet(site(service, "q=Zivilcourage"), "type")["glossary"] == 1


def test_site_search_page(client, service, content):
    response = client.get("/suche/", {"q": "Zivilcourage", "type": "glossary"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a class="kern-link" href="/glossar/#zivilcourage"><mark>Zivilcourage</mark></a>' in html
    assert 'id="f-type-article" name="type" value="article"' in html and "1 Treffer" in html
    response = client.get("/suche/", {"q": "x", "type": "podcast"})
    assert response.status_code == 400 and "Die Inhaltsart „podcast“ gibt es nicht." in response.content.decode()
    assert client.get("/suche/").status_code == 200


def test_catalogue_api_and_widget_show_the_corrected_search(client, use_database, offers):
    offers.make("Workshop Zivilcourage", cities=["hilden"])
    page = client.get("/angebote/", {"q": "zivilkurage"}).content.decode()
    assert "Ergebnisse für <strong>Zivilcourage</strong>." in page
    assert "?q=zivilkurage&amp;correct=false" in page and "Stattdessen nach „zivilkurage“ suchen" in page
    body = client.get("/api/v1/offers/", {"q": "zivilkurage"}).json()
    assert (body["count"], body["searched_for"], body["corrected_from"]) == (1, "Zivilcourage", "zivilkurage")
    frame = client.get("/widget/frame/", {"q": "zivilkurage", "city": "hilden", "search": "true"}).content.decode()
    assert "Ergebnisse für <strong>Zivilcourage</strong>." in frame
    assert "?q=zivilkurage&amp;city=hilden&amp;search=true&amp;correct=false" in frame
