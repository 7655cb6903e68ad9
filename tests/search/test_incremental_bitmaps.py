"""After a write, the database engine's facet bitmaps are brought up to date from the changed documents alone,
and what they hold is exactly what a fresh build finds (as a second worker process, which never saw the old
index, would build it)."""

# ruff: noqa: S311 - seeded generators make reproducible test offers
import random

import pytest
from django.db import transaction

from catalogue.indexing import build_document
from search.bitmaps import FacetBitmaps
from search.engines.base import SearchPlan
from search.engines.database import engine as database
from search.service import analyse

pytestmark = pytest.mark.django_db

CITIES = [("hilden", "Hilden"), ("haan", "Haan"), ("velbert", "Velbert"), ("ratingen", "Ratingen")]
GROUPS = [("eltern-familien", "Eltern und Familien"), ("sportvereine", "Sportvereine"), ("betroffene", "Betroffene")]
WORDS = "Beratung Workshop Eltern Schule Verein Training Vielfalt Mut Courage Theater Plakat".split()


def offer(n, rng, title=None, city=None, day=None):
    return build_document(
        id=n,
        external_id=f"t-{n}",
        title=title or f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}",
        summary=" ".join(rng.choices(WORDS, k=5)),
        description=" ".join(rng.choices(WORDS, k=12)),
        kind=rng.choice(["measure", "qualification"]),
        format=rng.choice(["in_person", "online"]),
        is_free=rng.random() < 0.5,
        cities=[city] if city else rng.sample(CITIES, rng.randint(1, 2)),
        target_groups=rng.sample(GROUPS, rng.randint(1, 2)),
        languages=["de"],
        tags=rng.sample(WORDS, 2),
        provider="Verein",
        town="Hilden",
        url=f"/angebote/t-{n}/",
        published=None if day is None and n % 7 == 0 else f"2026-05-{day or rng.randint(1, 28):02d}T10:00:00+01:00",
    )


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setattr(database, "BROAD", 5)  # so that the test's few offers have broad words with tiers
    engine = database.DatabaseEngine()
    rng = random.Random(3)
    engine.rebuild([offer(n, rng) for n in range(1, 61)])
    return engine


def state(engine, words):
    """Everything a search reads from the bitmaps: order, facet values, and each word's tiers."""
    bitmaps = engine.bitmaps()
    for word in words:
        engine.search(SearchPlan(terms=analyse(word), filters={}, offset=0, limit=10, facets=()))
    tiers = {word: bitmaps.remembered(database._key("tiers", analyse(word))) for word in words}
    values = {field: dict(values) for field, values in bitmaps.values.items()}
    return bitmaps.ids, bitmaps.position, values, tiers


def fresh(engine, words):
    database._bitmaps.clear()
    return state(engine, words)


def test_writes_update_the_bitmaps_as_a_fresh_build_would(engine, monkeypatch):
    words = ["Beratung", "Eltern", "Workshop"]
    before = state(engine, words)
    assert all(before[3].values()), "every word is broad: its tiers are remembered"
    rng = random.Random(5)
    engine.index(
        [
            offer(4, rng, title="Plakat Theater", city=("velbert", "Velbert"), day=27),  # moves, loses words
            offer(9, rng, title="Beratung Eltern Workshop", day=1),  # gains them in the title
            offer(100, rng, title="Neue Beratung in Haan", city=("haan", "Haan")),  # new
            offer(101, rng, city=("langenfeld", "Langenfeld")),  # new, with a city no other offer has
        ]
    )
    engine.bitmaps()  # a search without words: the words' tiers wait to be moved until they are asked for
    engine.remove([7, 12])
    built = []
    monkeypatch.setattr(database, "FacetBitmaps", lambda *args: built.append(args) or FacetBitmaps(*args))
    updated = state(engine, words)
    assert built == [], "updated from the changed documents, not built anew"
    assert updated != before
    assert updated == fresh(engine, words)
    assert len(built) == 1


def test_two_processes_see_each_others_writes(engine):
    """Process A keeps its bitmaps while process B writes twice; A then applies both writes at once."""
    rng = random.Random(8)
    state(engine, ["Beratung"])
    process_a = dict(database._bitmaps)
    engine.index([offer(3, rng, title="Beratung Zivilcourage", day=2)])
    database._bitmaps.clear()  # process B
    state(engine, ["Beratung"])
    engine.remove([5])
    engine.index([offer(200, rng, city=("hilden", "Hilden"), day=20)])
    database._bitmaps.clear()
    database._bitmaps.update(process_a)
    assert state(engine, ["Beratung"]) == fresh(engine, ["Beratung"])


def test_a_rebuild_or_a_rewritten_history_builds_anew(engine, monkeypatch):
    rng = random.Random(9)
    state(engine, [])
    built = []
    monkeypatch.setattr(database, "FacetBitmaps", lambda *args: built.append(args) or FacetBitmaps(*args))
    engine.rebuild([offer(n, rng) for n in range(1, 30)])
    state(engine, [])
    assert len(built) == 1

    # A write is rolled back after a reader saw it, and the next write takes its number.
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index([offer(1, rng, title="Eins", city=("langenfeld", "Langenfeld"), day=28)])
        state(engine, [])
        raise RuntimeError("rolled back")
    engine.index([offer(2, rng, title="Zwei")])
    assert state(engine, []) == fresh(engine, [])
    assert len(built) == 3  # not from the bitmaps of the rolled-back write


def test_many_changes_build_anew(engine, monkeypatch):
    monkeypatch.setattr(database, "INCREMENTAL", 3)
    rng = random.Random(10)
    state(engine, [])
    built = []
    monkeypatch.setattr(database, "FacetBitmaps", lambda *args: built.append(args) or FacetBitmaps(*args))
    engine.index([offer(n, rng) for n in range(1, 5)])
    assert state(engine, []) == fresh(engine, [])
    assert len(built) == 2


def test_edits_that_move_offers_without_adding_any(engine):
    rng = random.Random(12)
    state(engine, ["Beratung"])
    for n, day in ((10, 28), (11, 1), (12, None)):
        engine.index([offer(n, rng, title=f"Beratung Nummer {n}", day=day)])
        moved = state(engine, ["Beratung"])
        assert moved == fresh(engine, ["Beratung"])
    engine.index([offer(20, rng, day=2), offer(30, rng, day=27)])
    assert state(engine, ["Beratung"]) == fresh(engine, ["Beratung"])


def test_a_write_moves_a_words_remembered_documents_instead_of_asking_again(engine, monkeypatch):
    text = type(engine.text)
    asked = []
    monkeypatch.setattr(text, "ids", lambda self, term, ids=text.ids: asked.append(term.text) or ids(self, term))
    rng = random.Random(14)

    def search(words):
        engine.search(SearchPlan(terms=analyse(words), filters={}, offset=0, limit=10, facets=()))
        return engine.bitmaps().remembered(database._key("ids", analyse(words)[-1:]))

    def remember(words):
        engine.prepare(analyse(words))  # as the workers' warm-up does: each word's documents
        return engine.bitmaps().remembered(database._key("ids", analyse(words)[-1:]))

    remember("Beratung Zivilcourage")  # a broad word and one no offer has: no tiers, each word's documents
    assert sorted(asked) == ["beratung", "zivilcourage"]
    engine.index([offer(3, rng, title="Zivilcourage Beratung", day=9)])
    engine.remove([4])
    moved = search("Beratung Zivilcourage")
    assert sorted(asked) == ["beratung", "zivilcourage"]  # not asked again
    database._bitmaps.clear()
    assert remember("Beratung Zivilcourage") == moved  # what a fresh process finds
    assert len(asked) == 4
