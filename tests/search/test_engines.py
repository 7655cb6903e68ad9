"""What only one engine does: the database engine's spelling suggestion, Elasticsearch's fuzziness,
alias swap and the fallback to the database engine while Elasticsearch is down."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import documents
from search.documents import OFFER
from search.engines.base import EngineUnavailable
from search.models import PendingChange, Synonym
from search.service import search_service
from tests.search.helpers import run, titles

pytestmark = pytest.mark.django_db


def test_database_engine_corrects_a_spelling_when_nothing_matches(use_database, offers):
    offers.make("Beratung bei Diskriminierung")
    result = run(search_service(), "q=Diskrimminierung")
    assert titles(result) == ["Beratung bei Diskriminierung"]
    assert (result.corrected_from, result.searched_for) == ("Diskrimminierung", "Diskriminierung")
    assert run(search_service(), "q=Diskrimminierung&correct=false").total == 0
    assert run(search_service(), "q=Beratung").corrected_from == ""


@pytest.mark.elasticsearch
def test_elasticsearch_tolerates_typos(use_elasticsearch, offers):
    offers.make("Beratung bei Diskriminierung")
    offers.make("Sportfest")
    result = run(search_service(), "q=Diskrimminierung")
    assert titles(result) == ["Beratung bei Diskriminierung"]


@pytest.mark.elasticsearch
def test_elasticsearch_counts_the_offers_it_finds(use_elasticsearch, offers):
    # The facet counts match on one field of every word (``anywhere``), the hits on five weighted fields: both
    # must find the same offers. Each offer has one kind, so the kinds' counts add up to the total.
    offers.make("Workshop Demokratie")
    offers.make("Beratung Rassismus", kind="contact_point", description="<p>Workshop auf Anfrage.</p>")
    offers.make("Elterncafé", summary="Austausch für Eltern.", kind="qualification")
    offers.make("Sportfest", description="<p>Demokratie im Verein.</p>")
    offers.make("Beratung bei Diskriminierung", kind="contact_point")
    expected = {
        "q=Demokratieworkshop": 1,  # the compound's parts, both in one offer
        "q=Workshop": 2,  # in a title and in a description
        "q=Demokratie Elterncafé": 3,  # no offer has both: the partial matches
        "q=Diskrimminierung&correct=false": 1,  # misspelt: the fuzzy search
        "q=Beratung&kind=contact_point&city=hilden": 2,
        "": 5,
    }
    for params, total in expected.items():
        result = run(search_service(), params)
        assert result.total == total, params
        assert sum(f.count for f in result.facets["kind"]) == total, params


@pytest.mark.elasticsearch
def test_an_index_of_an_older_mapping_is_rebuilt(use_elasticsearch, offers):
    offers.make("Workshop Demokratie")
    service = search_service()
    client, alias = service.primary.client, use_elasticsearch
    assert service.primary.has_index()
    # As a previous release built it: without the field the facet counts match on.
    client.indices.delete(index=list(client.indices.get_alias(name=alias)))
    client.indices.create(index=f"{alias}-old", mappings={"properties": {"title": {"type": "text"}}})
    client.indices.put_alias(index=f"{alias}-old", name=alias)
    assert not service.primary.has_index()
    assert service.sync() == 1  # rebuilt from the database
    assert service.primary.has_index()
    assert run(service, "q=Demokratie").facets["kind"][0].count == 1


@pytest.mark.elasticsearch
def test_rebuild_swaps_the_alias_to_a_new_index(use_elasticsearch, offers):
    offers.make("Workshop Zivilcourage")
    service = search_service()
    client = service.primary.client
    before = set(client.indices.get_alias(name=use_elasticsearch))
    service.rebuild()
    after = set(client.indices.get_alias(name=use_elasticsearch))
    assert len(after) == 1 and after != before
    assert not client.indices.exists(index=",".join(before))  # the old index is gone
    assert titles(run(service, "q=Workshop")) == ["Workshop Zivilcourage"]


@pytest.mark.elasticsearch
def test_searches_during_a_rebuild_never_see_an_empty_index(use_elasticsearch, offers, monkeypatch):
    for n in range(3):
        offers.make(f"Workshop {n}")
    service = search_service()
    engine = service.primary
    seen = []
    original_bulk = __import__("search.engines.elasticsearch", fromlist=["parallel_bulk"]).parallel_bulk

    def bulk_then_search(*args, **kwargs):
        yield from original_bulk(*args, **kwargs)
        seen.append(run(service, "q=Workshop").total)  # the new index is full but not yet live

    monkeypatch.setattr("search.engines.elasticsearch.parallel_bulk", bulk_then_search)
    engine.rebuild(list(__import__("search.documents", fromlist=["documents"]).documents()))
    monkeypatch.undo()
    assert seen == [3]
    assert run(service, "q=Workshop").total == 3


@pytest.mark.elasticsearch
def test_fallback_while_elasticsearch_is_stopped_and_rebuild_after_restart(
    use_fault_node, fault_node, offers, settings
):
    offers.make("Workshop Zivilcourage")
    service = search_service()
    assert run(service, "q=Workshop").engine == "elasticsearch"

    fault_node.stop()
    try:
        down = run(service, "q=Workshop")
        assert down.degraded and down.engine == "database"
        assert titles(down) == ["Workshop Zivilcourage"]
        offers.make("Sprachcafé Hilden")  # published while Elasticsearch is unreachable
        assert PendingChange.objects.count() == 1
        assert titles(run(service, "q=Sprachcafé")) == ["Sprachcafé Hilden"]
        assert not service.primary.healthy()
        with pytest.raises(EngineUnavailable):
            service.sync()
    finally:
        fault_node.start()

    # The node restarted empty (its data folder went with it), so sync rebuilds the whole index.
    assert service.sync() == 2
    assert PendingChange.objects.count() == 0
    up = run(service, "q=Sprachcafé")
    assert up.engine == "elasticsearch" and not up.degraded
    assert titles(up) == ["Sprachcafé Hilden"]


@pytest.mark.elasticsearch
def test_changes_made_while_elasticsearch_hangs_reach_it_when_it_is_back(use_fault_node, fault_node, offers, settings):
    first = offers.make("Workshop Zivilcourage")
    service = search_service()
    fault_node.freeze()  # the server hangs: every request times out
    try:
        assert run(service, "q=Workshop").degraded
        offers.make("Sprachcafé Hilden")
        offers.unpublish(first)
        assert PendingChange.objects.count() == 2
    finally:
        fault_node.thaw()

    assert service.sync() == 2
    assert PendingChange.objects.count() == 0
    assert titles(run(service, "q=Sprachcafé")) == ["Sprachcafé Hilden"]
    assert titles(run(service, "q=Workshop")) == []


@pytest.mark.elasticsearch
def test_the_scheduled_replay_applies_pending_changes_and_the_health_check_only_reports(
    use_fault_node, fault_node, offers, client, settings
):
    from operations.runner import run_job
    from operations.schedule import job

    offers.make("Workshop Zivilcourage")
    fault_node.freeze()
    try:
        offers.make("Sprachcafé Hilden")
        assert client.get("/api/v1/health/").status_code == 503
    finally:
        fault_node.thaw()
    body = client.get("/api/v1/health/").json()
    assert body["engine_healthy"] and body["pending"] == 1  # reported, not replayed by a GET
    assert run_job(job("sync_search_index"))
    body = client.get("/api/v1/health/").json()
    assert body["pending"] == 0
    assert next(j for j in body["jobs"] if j["name"] == "sync_search_index")["last_outcome"] == "ok"
    assert titles(run(search_service(), "q=Sprachcafé")) == ["Sprachcafé Hilden"]


def test_database_engine_ranks_a_broad_word_by_where_it_appears(use_database, offers, monkeypatch):
    """A word in more than BROAD documents is ranked in tiers (title, title stems, summary, body), newest first."""
    import search.engines.database.engine as database

    # Created oldest to newest in an order unlike the tiers, so date order alone cannot pass.
    title_exact = offers.make("Workshop Zivilcourage", summary="Üben.")
    body = offers.make("Elterncafé", summary="Austausch.", description="<p>Mit einem Workshop.</p>")
    summary_old = offers.make("Sprachcafé", summary="Ein Workshop für Eltern.", cities=["haan"])
    title_stem = offers.make("Workshops Demokratie", summary="Planspiel.")
    summary_new = offers.make("Spielgruppe", summary="Workshops am Nachmittag.")
    offers.make("Beratung", summary="Vertraulich.")  # does not contain the word
    expected = [title_exact, title_stem, summary_new, summary_old, body]
    service = search_service()
    ranked_by_score = titles(run(service, "q=Workshop"))
    monkeypatch.setattr(database, "BROAD", 2)
    result = run(service, "q=Workshop")
    assert titles(result) == [o.title for o in expected]
    assert result.total == 5 and ranked_by_score[0] == titles(result)[0]
    # Paging runs across the tiers, and filters apply inside them.
    assert titles(run(service, "q=Workshop&page_size=2&page=2")) == ["Spielgruppe", "Sprachcafé"]
    assert titles(run(service, "q=Workshop&page_size=2&page=3")) == ["Elterncafé"]
    assert titles(run(service, "q=Workshop&city=haan")) == ["Sprachcafé"]
    assert titles(run(service, "q=Workshop&city=hilden")) == [o.title for o in expected if o is not summary_old]


def test_database_engine_ranks_broad_words_together_by_the_weaker_word(use_database, offers, monkeypatch):
    """With several broad words a document is in the tier its weakest word reaches."""
    import search.engines.database.engine as database

    body = offers.make("Elterncafé", summary="Workshop am Abend.", description="<p>Für Eltern.</p>")
    both_title = offers.make("Workshop Eltern", summary="Üben.")
    summary = offers.make("Sprachcafé", summary="Ein Workshop für Eltern.")
    title_and_summary = offers.make("Workshop Sprache", summary="Auch für Eltern.")
    offers.make("Workshop Zivilcourage", summary="Üben.")  # one word only
    monkeypatch.setattr(database, "BROAD", 1)
    result = run(search_service(), "q=Workshop Eltern")
    assert titles(result) == [o.title for o in (both_title, title_and_summary, summary, body)]
    assert result.total == 4
    # Broad words sharing no more than BROAD documents are ranked by score: no tiers are worked out.
    offers.make("Üben im Verein", summary="Ohne das andere Wort.")
    monkeypatch.setattr(database, "BROAD", 2)
    with CaptureQueriesContext(connection) as queries:
        assert run(search_service(), "q=Workshop Üben").total == 2
    assert not [q for q in queries if "exact_hi :" in q["sql"] or "CASE WHEN" in q["sql"]]


def test_database_engine_remembers_a_broad_word_until_the_index_changes(use_database, offers, monkeypatch):
    import search.engines.database.engine as database

    offers.make("Workshop Zivilcourage", summary="Üben.")
    offers.make("Sprachcafé", summary="Ein Workshop für Eltern.")
    offers.make("Beratung", summary="Vertraulich.")
    monkeypatch.setattr(database, "BROAD", 1)
    service = search_service()
    assert titles(run(service, "q=Workshop")) == ["Workshop Zivilcourage", "Sprachcafé"]
    with CaptureQueriesContext(connection) as queries:
        assert titles(run(service, "q=Workshop&city=hilden")) == ["Workshop Zivilcourage", "Sprachcafé"]
    assert not [q for q in queries if "search_fts" in q["sql"] or "search_vector" in q["sql"]]
    # A write makes a new index version: the new offer shows at once, in its tier.
    offers.make("Workshop Mut", summary="Neu.")
    assert titles(run(service, "q=Workshop")) == ["Workshop Mut", "Workshop Zivilcourage", "Sprachcafé"]


def test_the_index_rows_are_deleted_without_loading_them():
    """No receiver listens to every model's deletes (they are connected per model as apps register their sources):
    one such receiver made Django load each of the 100,000 facet rows an import's reindex replaces before deleting
    it, one query per hundred rows."""
    from django.db.models.deletion import Collector

    from search.models import SearchFacet, SearchTitleWord

    for model in (SearchFacet, SearchTitleWord):
        assert Collector(using="default").can_fast_delete(model.objects.all()), model


def test_documents_may_query_while_the_batch_before_them_is_written(use_database, offers, monkeypatch):
    """The database engine writes a batch while it builds the next (on PostgreSQL in psycopg's pipeline mode):
    building may still query the database (a cache reloaded after an editor's change), and every document of a
    rebuild or a reindex arrives."""
    created = [offers.make(f"Workshop {n}") for n in range(5)]
    source = documents._sources[OFFER]
    queried = []

    def document(obj):
        queried.append(Synonym.objects.count())
        return source.document(obj)

    monkeypatch.setitem(documents._sources, OFFER, dataclasses.replace(source, document=document))
    service = search_service()
    assert service.fallback.rebuild(documents.Stream(size=2)) == 5
    assert run(service, "q=Workshop").total == 5
    keys = [offer.pk for offer in created[:3]] + [10**9]  # one key that is no document
    stream = documents.Stream(keys, size=2)
    assert stream.keys == set(keys[:3])
    service.fallback.index(stream)
    assert len(queried) == 8
    assert sorted(titles(run(service, "q=Workshop"))) == [f"Workshop {n}" for n in range(5)]
