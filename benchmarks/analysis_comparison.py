"""Where German analysis belongs for the Elasticsearch engine: shared Python pre-analysis or the index's own
analyzers. Prints figures only.

    .venv/bin/python benchmarks/analysis_comparison.py [--offers 10000]

Two indices on one real node (``ELASTICSEARCH_URL``, else a node of ``scripts/opensearch``), filled with the
benchmark's generated offers:

A  as the engine does it today: text pre-analysed by ``search/german.py`` (the database engine's analysis),
   queried through ``ElasticsearchEngine.search``.
B  raw text with an in-index chain: ``german_normalization``, Snowball German2 stems, a
   ``dictionary_decompounder`` fed by the compound splitter's word data (``search/compounds.py``: wordfreq's
   German words as common as the splitter requires, and the editors' words; index side) and ``synonym_graph``
   (query side), queried with ``multi_match`` (cross_fields, every word required).

It reports how often B finds the same offers as A (and so as the database fallback) for the benchmark
queries, the word cases of the contract suite (folding, stems, compounds, synonyms) plus words where a
substring decompounder may over-match, the time to index, and query latency.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SYNONYMS = ["Flüchtlinge, Geflüchtete"]
# (query, text, should match): the contract suite's German cases, and words that contain a listed part
# without being a compound of it (a substring decompounder splits them anyway).
CASES = [
    ("Schüler", "Workshop für Schüler", True),
    ("Schueler", "Workshop für Schüler", True),
    ("Schuler", "Workshop für Schüler", True),
    ("Strasse", "Treffpunkt an der Straße", True),
    ("Duesseldorf", "Ausflug nach Düsseldorf", True),
    ("Workshops", "Workshop Zivilcourage", True),
    ("Beratungsstellen", "Beratungsstelle gegen Diskriminierung", True),
    ("Prävention", "Fortbildung Rassismusprävention", True),
    ("Rassismus", "Fortbildung Rassismusprävention", True),
    ("Beratung", "Beratungsstelle gegen Diskriminierung", True),
    ("Fortbildungen", "Fortbildung für Lehrkräfte", True),
    ("Jugendliche", "Angebot für Jugendlichen", True),
    ("Großfamilien", "Treffen für Großfamilie", True),
    ("Demokratie", "Projekttag Demokratiebildung", True),
    ("Sport", "Training im Sportverein", True),
    ("Flüchtlinge", "Sprachcafé für Geflüchtete", True),
    ("Fach", "Das geht ganz einfach", False),
    ("Recht", "Mehr Gerechtigkeit", False),
    ("Stelle", "Wir stellen uns vor", False),
    ("Klasse", "Eine klassische Methode", False),
    ("Tag", "Ein Vortrag am Abend", False),
    ("Team", "Steamboot-Fahrt", False),
]


def in_index_settings():
    from search import compounds, german

    extra = german.editor_words()
    parts = sorted(
        {word for word, zipf in compounds.frequencies().items() if len(word) >= 4 and zipf >= compounds.MIN_ZIPF}
        | set(extra.parts)
    )
    base = ["lowercase", "de_stop", "german_normalization"]
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "filter": {
                "de_stop": {"type": "stop", "stopwords": "_german_"},
                "de_parts": {
                    "type": "dictionary_decompounder",
                    "word_list": parts,
                    "min_subword_size": 4,
                    "only_longest_match": True,
                },
                "de_stem": {"type": "snowball", "language": "German2"},
                "de_synonyms": {"type": "synonym_graph", "synonyms": SYNONYMS},
            },
            "analyzer": {
                "de_index": {"tokenizer": "standard", "filter": [*base, "de_parts", "de_stem"]},
                "de_search": {"tokenizer": "standard", "filter": [*base, "de_synonyms", "de_stem"]},
            },
        },
    }


B_FIELDS = ("title_tags", "summary_meta", "body")


def raw_texts(capture):
    """Wrap ``text_document`` so each document also carries the raw texts B indexes."""
    import catalogue.indexing as indexing
    import search.documents as documents

    original = documents.text_document

    def text_document(**kwargs):
        doc = original(**kwargs)
        capture[doc["id"]] = {
            "title_tags": " ".join([kwargs["title"], *kwargs.get("tags", ())]),
            "summary_meta": " ".join([kwargs.get("summary", ""), kwargs.get("meta", "")]),
            "body": kwargs.get("body", ""),
        }
        return doc

    documents.text_document = indexing.text_document = text_document


def fill_b(client, name, raws):
    from elasticsearch.helpers import bulk

    client.indices.create(
        index=name,
        settings=in_index_settings(),
        mappings={
            "properties": {
                field: {"type": "text", "analyzer": "de_index", "search_analyzer": "de_search"} for field in B_FIELDS
            }
        },
    )
    bulk(
        client,
        ({"_index": name, "_id": str(key), "_source": raw} for key, raw in raws.items()),
        chunk_size=500,
        refresh=True,
    )


def search_b(client, name, text, size):
    body = {
        "multi_match": {
            "query": text,
            "fields": ["title_tags^2", "summary_meta", "body"],
            "type": "cross_fields",
            "operator": "and",
        }
    }
    response = client.search(index=name, query=body, size=size, source=False, track_total_hits=True)
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


def search_a(engine, text, size):
    from search.engines.base import SearchPlan
    from search.service import analyse

    return engine.search(SearchPlan(terms=analyse(text), limit=size, facets=())).ids


def pct(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    args = parser.parse_args()

    from benchmarks.scratch import setup_django

    setup_django("analysis")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import search_benchmark as sb

    from search.documents import text_document
    from search.engines.elasticsearch import ElasticsearchEngine
    from search.models import Synonym

    for group in SYNONYMS:
        Synonym.objects.create(terms=group)
    node = None
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        node = sb.start_node()
        url = node.url
    try:
        raws = {}
        raw_texts(raws)
        start = time.perf_counter()
        docs = list(sb.generate(args.offers))
        analysis_s = time.perf_counter() - start
        engine = ElasticsearchEngine(url, index="analysis-a", timeout=30)
        client = engine.bulk_client
        client.indices.delete(index="analysis-*", ignore_unavailable=True)
        _, a_ms = timed(engine.rebuild, docs)
        _, b_ms = timed(fill_b, client, "analysis-b", raws)
        print(
            f"Analysis comparison {time.strftime('%Y-%m-%d %H:%M')}: {args.offers} offers, "
            f"{client.info()['version'].get('distribution', 'elasticsearch')} {client.info()['version']['number']}"
        )
        print(
            f"  indexing: A {a_ms / 1000:.1f} s (+ documents built with Python analysis {analysis_s:.1f} s, needed "
            f"for the database engine anyway); B {b_ms / 1000:.1f} s"
        )

        same, jaccards, a_times, b_times, rows = 0, [], [], [], []
        for text in sb.QUERIES:
            for _ in range(3):  # warm
                search_a(engine, text, 10_000), search_b(client, "analysis-b", text, 10_000)
            for _ in range(10):
                a_ids, ms = timed(search_a, engine, text, 20)
                a_times.append(ms)
                b_ids, ms = timed(search_b, client, "analysis-b", text, 20)
                b_times.append(ms)
            a_all, b_all = set(search_a(engine, text, 10_000)), set(search_b(client, "analysis-b", text, 10_000))
            union = a_all | b_all
            jaccards.append(len(a_all & b_all) / len(union) if union else 1.0)
            same += a_all == b_all
            rows.append(f"    {text:<34} A {len(a_all):>5}  B {len(b_all):>5}  both {len(a_all & b_all):>5}")
        print(
            f"  benchmark queries: same offers for {same}/{len(sb.QUERIES)}, mean overlap (Jaccard) "
            f"{statistics.mean(jaccards):.2f}"
        )
        print("\n".join(rows))
        print(
            f"  latency, first page of 20: A p50 {pct(a_times, 50):.1f} ms p95 {pct(a_times, 95):.1f} ms; "
            f"B p50 {pct(b_times, 50):.1f} ms p95 {pct(b_times, 95):.1f} ms"
        )

        case_docs = [text_document(key=n, type="offer", title=case[1]) for n, case in enumerate(CASES)]
        case_raws = {n: {"title_tags": case[1], "summary_meta": "", "body": ""} for n, case in enumerate(CASES)}
        case_engine = ElasticsearchEngine(url, index="analysis-cases-a", timeout=30)
        case_engine.rebuild(case_docs)
        fill_b(client, "analysis-cases-b", case_raws)
        right = {"A": 0, "B": 0}
        wrong = {"A": [], "B": []}
        for n, (query, text, expected) in enumerate(CASES):
            found = {
                "A": n in search_a(case_engine, query, 50),
                "B": n in search_b(client, "analysis-cases-b", query, 50),
            }
            for name, hit in found.items():
                if hit == expected:
                    right[name] += 1
                else:
                    wrong[name].append(f"{query} → {text}")
        for name in ("A", "B"):
            print(
                f"  word cases {name}: {right[name]}/{len(CASES)} right"
                + (f"; wrong: {'; '.join(wrong[name])}" if wrong[name] else "")
            )
        client.indices.delete(index="analysis-*", ignore_unavailable=True)
    finally:
        if node:
            node.close()


if __name__ == "__main__":
    main()
