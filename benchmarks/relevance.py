"""Relevance on the held-back query set: precision@5 and MRR on the demo content. Prints figures only.

    .venv/bin/python benchmarks/relevance.py [--verbose] [--engine database|elasticsearch]

The queries (tests/search/data/heldback_queries.json) were written before the ranking work of issue 15
and are not used to tune it. Runs on a scratch SQLite database under .tmp/ (or ``DATABASE_URL``), loads the
demo content and asks the search service, as the catalogue does; with ``--engine elasticsearch`` on a real
OpenSearch node started by ``scripts/opensearch`` (or the node at ``ELASTICSEARCH_URL``).
"""

import argparse
import io
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "tests" / "search" / "data" / "heldback_queries.json"


def scores(ranked, expected):
    """precision@5 (out of the most that could be relevant in 5) and the reciprocal rank of the first hit."""
    top = ranked[:5]
    precision = len(set(top) & expected) / min(5, len(expected))
    rank = next((n for n, item in enumerate(ranked, 1) if item in expected), None)
    return precision, 1 / rank if rank else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every query's top five")
    parser.add_argument("--engine", choices=["database", "elasticsearch"], default="database")
    args = parser.parse_args()

    from benchmarks.scratch import setup_django

    setup_django("relevance")
    from django.core.management import call_command

    from search.service import search_service

    call_command("migrate", verbosity=0)
    node = engine_settings(args.engine)
    try:
        call_command("load_demo_content", stdout=io.StringIO())
        service = search_service()
        service.rebuild()
        report(service, args.verbose)
    finally:
        if node:
            node.close()


def engine_settings(engine):
    """Point the search settings at ``engine``; for Elasticsearch start a node unless ELASTICSEARCH_URL names one."""
    import os

    from django.conf import settings

    settings.SEARCH_BACKEND = engine
    if engine != "elasticsearch":
        return None
    settings.ELASTICSEARCH_INDEX = "relevance"
    if os.environ.get("ELASTICSEARCH_URL"):
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        return None
    from benchmarks.search_benchmark import start_node

    node = start_node()
    settings.ELASTICSEARCH_URL = node.url
    return node


def report(service, verbose):
    from django.http import QueryDict

    from search.query import SearchQuery

    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    by_kind = defaultdict(list)
    for case in cases:
        query = SearchQuery.from_params(QueryDict(case["params"] + "&page_size=20"))
        result = service.search(query, record=False)
        ranked = [hit.data.get("external_id") for hit in result.hits]
        precision, reciprocal = scores(ranked, set(case["expect"]))
        by_kind[case["kind"]].append((precision, reciprocal))
        by_kind["all"].append((precision, reciprocal))
        if verbose:
            print(
                f"  {case['params']:<40} P@5 {precision:.2f} RR {reciprocal:.2f} total {result.total:>3}  "
                + ", ".join(ranked[:5])
            )

    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"Held-back relevance: {len(cases)} queries, engine {service.primary.name}, {when}")
    for kind, values in by_kind.items():
        precision = sum(p for p, _r in values) / len(values)
        mrr = sum(r for _p, r in values) / len(values)
        print(f"  {kind:<9} n={len(values):>2}  precision@5 {precision:.2f}  MRR {mrr:.2f}")


if __name__ == "__main__":
    main()
