"""Relevance on the held-back query set: precision@5 and MRR on the demo content. Prints figures only.

    .venv/bin/python benchmarks/relevance.py [--verbose]

The queries (tests/search/data/heldback_queries.json) were written before the ranking work of issue 15
and are not used to tune it. Runs on a scratch SQLite database under .tmp/ (or ``DATABASE_URL``), loads the
demo content and asks the search service, as the catalogue does.
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
    args = parser.parse_args()

    from benchmarks.scratch import setup_django

    setup_django("relevance")
    from django.core.management import call_command
    from django.http import QueryDict

    from search.query import SearchQuery
    from search.service import search_service

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    service = search_service()
    service.rebuild()

    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    by_kind = defaultdict(list)
    for case in cases:
        query = SearchQuery.from_params(QueryDict(case["params"] + "&page_size=20"))
        result = service.search(query, record=False)
        ranked = [hit.data.get("external_id") for hit in result.hits]
        precision, reciprocal = scores(ranked, set(case["expect"]))
        by_kind[case["kind"]].append((precision, reciprocal))
        by_kind["all"].append((precision, reciprocal))
        if args.verbose:
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
