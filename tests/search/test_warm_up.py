"""A gunicorn worker warms the search up before its first request (gunicorn.conf.py's post_worker_init)."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from search import compounds
from search.engines.database import engine as database


@pytest.mark.django_db
def test_worker_start_loads_word_frequencies_and_bitmaps(use_database):
    compounds.frequencies.cache_clear()
    database._bitmaps.clear()
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    failures = []
    try:
        config["post_worker_init"](SimpleNamespace(log=SimpleNamespace(exception=failures.append)))
        # What the worker loaded is left out of the garbage collector's full passes.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert not failures
    assert compounds.frequencies.cache_info().currsize == 1
    assert database._bitmaps  # built for this database, so the first search only reads them


def test_warm_up_works_out_broad_words_so_their_first_search_asks_no_full_text_query(use_database, offers, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.query import SearchQuery
    from search.service import search_service, warm_up

    for title in ("Workshop Zivilcourage", "Workshop Demokratie", "Elterncafé mit Workshop"):
        offers.make(title)
    offers.make("Beratung")
    monkeypatch.setattr(database, "BROAD", 2)
    database._bitmaps.clear()
    warm_up()
    with CaptureQueriesContext(connection) as queries:
        result = search_service().search(SearchQuery.from_params({"q": ["Workshop"]}), record=False)
    assert result.total == 3
    full_text = [q["sql"] for q in queries if "search_fts" in q["sql"] or "tsquery" in q["sql"]]
    assert full_text == []  # the tiers and documents came from the warm-up
    database._bitmaps.clear()  # a cold process asks the index
    with CaptureQueriesContext(connection) as queries:
        assert search_service().search(SearchQuery.from_params({"q": ["Workshop"]}), record=False).total == 3
    assert [q["sql"] for q in queries if "search_fts" in q["sql"] or "tsquery" in q["sql"]]


def test_a_narrow_query_never_asked_costs_one_full_text_query(use_database, offers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.query import SearchQuery
    from search.service import search_service

    offers.make("Workshop Zivilcourage")
    offers.make("Sprachcafé Hilden")
    with CaptureQueriesContext(connection) as queries:
        result = search_service().search(SearchQuery.from_params({"q": ["Zivilcourage"]}), record=False)
    assert [hit.data["title"] for hit in result.hits] == ["Workshop Zivilcourage"]
    full_text = [q["sql"] for q in queries if "search_fts" in q["sql"] or "tsquery" in q["sql"]]
    assert len(full_text) == 1  # the scored match, cut after BROAD + 1 rows, also says the word is narrow
