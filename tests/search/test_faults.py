"""The Elasticsearch engine when things go wrong, on a real node: an index gone, a node restarted empty,
requests the server refuses (4xx, 5xx), degraded answers and caches, and who consumes the queue of missed
changes. The tests that stop or freeze a node use the fault tests' own node (``fault_node``)."""

import io
import logging

import pytest
from django.core.cache import cache
from django.core.management import call_command

from search.documents import documents
from search.engines.base import EngineUnavailable, IndexMissing, SearchPlan
from search.models import PendingChange
from search.service import search_service
from tests.search.helpers import run, titles

pytestmark = pytest.mark.django_db


def call_command_output(name):
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


@pytest.mark.elasticsearch
def test_a_node_restarted_empty_is_refilled_by_the_scheduled_replay(use_fault_node, fault_node, offers, client):
    offers.make("Workshop Zivilcourage")
    offers.make("Sprachcafé Hilden")
    service = search_service()
    assert service.primary.count() == 2

    fault_node.stop()
    fault_node.start()  # a new, empty data folder: the node answers, the index is gone

    assert service.primary.healthy() and not service.primary.has_index()
    down = run(service, "q=Sprachcafé")
    assert down.degraded and titles(down) == ["Sprachcafé Hilden"]
    client.get("/api/v1/health/")
    assert not service.primary.has_index()  # the health check only reads
    assert "2 pending changes applied." in call_command_output("sync_search_index")
    up = run(service, "q=Sprachcafé")
    assert up.engine == "elasticsearch" and not up.degraded and titles(up) == ["Sprachcafé Hilden"]
    assert "0 pending changes applied." in call_command_output("sync_search_index")  # nothing left to do


def with_lost_index(offers, alias):
    """One offer indexed, then the index behind ``alias`` deleted on the node (as by an operator's mistake)."""
    offers.make("Workshop Zivilcourage")
    service = search_service()
    client = service.primary.client
    client.indices.delete(index=list(client.indices.get_alias(name=alias)))
    return service


@pytest.mark.elasticsearch
def test_an_edit_after_the_index_is_lost_refills_it_instead_of_starting_an_empty_one(use_elasticsearch, offers):
    service = with_lost_index(offers, use_elasticsearch)
    offers.make("Sprachcafé Hilden")

    assert service.primary.count() == 2
    assert titles(run(service, "q=Workshop")) == ["Workshop Zivilcourage"]
    assert PendingChange.objects.count() == 0


@pytest.mark.elasticsearch
def test_a_missing_index_is_reported_as_such_and_the_search_falls_back(use_elasticsearch, offers):
    service = with_lost_index(offers, use_elasticsearch)
    with pytest.raises(IndexMissing):
        service.primary.search(SearchPlan(terms=[]))
    result = run(service, "q=Workshop")
    assert result.degraded and titles(result) == ["Workshop Zivilcourage"]


@pytest.mark.elasticsearch
def test_a_document_the_mapping_refuses_is_queued_and_logged_not_lost(use_elasticsearch, offers, caplog):
    offers.make("Workshop Zivilcourage")
    service = search_service()
    doc = next(d for d in documents() if d["title"] == "Workshop Zivilcourage")
    bad = {**doc, "data": {**doc["data"], "date": "kein Datum"}}  # sort_date is a date field
    with pytest.raises(EngineUnavailable, match="refused"):
        service.primary.index([bad])
    with caplog.at_level(logging.WARNING):
        service.index_documents([bad])
    assert list(PendingChange.objects.values_list("document_id", flat=True)) == [doc["id"]]
    assert "refused" in caplog.text


@pytest.mark.elasticsearch
def test_a_query_the_server_refuses_is_a_clear_error_not_an_attribute_error(use_elasticsearch, offers):
    offers.make("Workshop Zivilcourage")
    plan = SearchPlan(terms=[], facets=("description",))  # a text field has no terms aggregation: 400
    with pytest.raises(EngineUnavailable, match="answered 400"):
        search_service().primary.search(plan)


@pytest.mark.elasticsearch
def test_a_server_error_ends_in_the_fallback(use_elasticsearch, offers, settings):
    """An index whose only shard can never be assigned: the node answers searches with 503."""
    offers.make("Workshop Zivilcourage")
    service = search_service()
    client = service.primary.client.options(request_timeout=30)
    broken = f"{use_elasticsearch}-unassigned"
    client.indices.create(
        index=broken,
        wait_for_active_shards="0",
        settings={"number_of_shards": 1, "number_of_replicas": 0, "index.routing.allocation.require._name": "nowhere"},
    )
    old = list(client.indices.get_alias(name=use_elasticsearch))
    client.indices.update_aliases(
        actions=[
            {"remove": {"index": old[0], "alias": use_elasticsearch}},
            {"add": {"index": broken, "alias": use_elasticsearch}},
        ]
    )
    with pytest.raises(EngineUnavailable, match="answered 503"):
        service.primary.search(SearchPlan(terms=[]))
    result = run(service, "q=Workshop")
    assert result.degraded and titles(result) == ["Workshop Zivilcourage"]


@pytest.mark.elasticsearch
def test_degraded_answers_are_not_cached(use_fault_node, fault_node, offers, client, settings):
    """Once the node is back, pages and API answers come from it at once, not from a cache of the fallback's."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.API_RESULT_CACHE_SECONDS = 300
    offers.make("Workshop Zivilcourage")
    notice = "Ersatzbetrieb"
    fault_node.freeze()
    try:
        page = client.get("/angebote/?q=Workshop")
        api = client.get("/api/v1/offers/?q=Workshop")
    finally:
        fault_node.thaw()
    assert notice in page.content.decode() and "no-store" in page["Cache-Control"]
    assert api.json()["degraded"] and "no-store" in api["Cache-Control"]

    page = client.get("/angebote/?q=Workshop")
    api = client.get("/api/v1/offers/?q=Workshop")
    assert notice not in page.content.decode() and "Workshop Zivilcourage" in page.content.decode()
    assert api.json()["engine"] == "elasticsearch" and not api.json()["degraded"]


def test_a_database_only_process_leaves_the_queue_of_missed_changes_alone(use_database, offers):
    """A container without SEARCH_BACKEND must not eat the changes the Elasticsearch containers have to deliver."""
    offer = offers.make("Workshop Zivilcourage")
    PendingChange.objects.create(document_id=offer.pk)
    assert search_service().sync() == 0
    call_command("sync_search_index", stdout=__import__("io").StringIO())
    assert list(PendingChange.objects.values_list("document_id", flat=True)) == [offer.pk]
    assert cache.get("search-refill-lock") is None
