"""A gunicorn worker warms the search up before its first request (gunicorn.conf.py's post_worker_init)."""

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
    config["post_worker_init"](SimpleNamespace(log=SimpleNamespace(exception=failures.append)))
    assert not failures
    assert compounds.frequencies.cache_info().currsize == 1
    assert database._bitmaps  # built for this database, so the first search only reads them
