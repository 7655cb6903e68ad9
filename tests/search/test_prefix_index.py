"""Autocomplete's prefix index (``search.engines.database.prefixes``): it follows every write as a rebuild of the
same documents would make it, and it orders titles by how common the completed word is, then newest first."""

import pytest

from catalogue.indexing import build_document
from search.engines.database import DatabaseEngine
from search.models import SearchTitleTerm, SearchTitleWord, SearchWord
from search.service import SearchService

pytestmark = pytest.mark.django_db


def offer(n, title, day=None, summary="", type="offer"):
    doc = build_document(
        id=n,
        external_id=f"p-{n}",
        title=title,
        summary=summary,
        description="",
        kind="measure",
        format="in_person",
        is_free=True,
        cities=[("hilden", "Hilden")],
        target_groups=[],
        languages=["de"],
        tags=[],
        provider="Verein",
        town="Hilden",
        url=f"/angebote/p-{n}/",
        published=f"2026-05-{day:02d}T10:00:00+01:00" if day else None,
    )
    doc["facets"]["type"] = [type]
    return doc


def tables():
    return (
        sorted(SearchTitleTerm.objects.values_list("type", "word", "documents")),
        sorted(SearchWord.objects.values_list("word", "spelling", "documents")),
        sorted(SearchTitleWord.objects.values_list("document_id", "type", "word", "age")),
    )


def test_writes_keep_the_prefix_index_as_a_rebuild_makes_it():
    engine = DatabaseEngine()
    docs = {
        1: offer(1, "Workshop Zivilcourage", 3, "Für Schüler"),
        2: offer(2, "Workshop Vielfalt", 4, "Für Schueler"),
        3: offer(3, "Zivilcourage im Verein", 5),
        4: offer(4, "Eingreifen im Verein", 6, type="article"),
    }
    engine.rebuild(docs.values())
    docs[1] = offer(1, "Fachtag Vielfalt", 7, "Für Eltern")  # loses Workshop, Zivilcourage and Schüler
    docs[5] = offer(5, "Workshop Courage", None)
    engine.index([docs[1], docs[5]])
    del docs[3]
    engine.remove([3])
    written = tables()
    assert ("offer", "zivilcourage", 1) not in written[0]
    assert ("offer", "workshop", 2) in written[0] and ("article", "verein", 1) in written[0]
    assert ("schuler", "Schüler", 1) not in written[1] and ("schueler", "Schueler", 1) in written[1]
    engine.rebuild(docs.values())
    assert written == tables()


def test_suggestions_complete_the_most_common_word_first_then_newest_first():
    engine = DatabaseEngine()
    engine.rebuild(
        [
            offer(1, "Workshop Zivilcourage", 3),
            offer(2, "Workshop Zivilcourage Schule", 9),
            offer(3, "Zivilgesellschaft stärken", 20),
            offer(4, "Workshop Zivilcourage Verein", None),
            offer(5, "Zivilcourage lernen", 1, type="article"),
        ]
    )
    service = SearchService(engine, engine)
    titles = [s["title"] for s in service.suggest("Zivil")]
    assert titles == [
        "Workshop Zivilcourage Schule",  # zivilcourage: 3 offers, newest first, undated last
        "Workshop Zivilcourage",
        "Workshop Zivilcourage Verein",
        "Zivilgesellschaft stärken",
    ]
    assert [s["title"] for s in service.suggest("Zivil", limit=2)] == titles[:2]
    assert [s["title"] for s in service.suggest("zivilg")] == ["Zivilgesellschaft stärken"]
    assert [s["title"] for s in service.suggest("Zivil", types=("article",))] == ["Zivilcourage lernen"]
    assert service.suggest("Zivilx") == []
    assert service.complete_terms("Ziv") == ["Zivilcourage", "Zivilgesellschaft"]
    engine.remove([3])
    assert service.complete_terms("Ziv") == ["Zivilcourage"]
    assert "Zivilgesellschaft stärken" not in [s["title"] for s in service.suggest("Zivil")]
