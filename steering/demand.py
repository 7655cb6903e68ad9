"""Needs analysis: what people searched for and did not find, aggregated over a period."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncWeek

from catalogue.taxonomy import City, TargetGroup
from search.models import ZeroResultQuery


@dataclass
class Demand:
    start: date
    end: date
    total: int
    by_query: list  # [(query, searches, fewest results, correction shown instead or "")]
    by_city: list  # [(label, searches)]
    by_target_group: list
    by_week: list  # [(monday, searches)]


def unmet_demand(start=None, end=None, limit=50):
    end = end or date.today()
    start = start or end - timedelta(days=30)
    records = ZeroResultQuery.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    by_query = list(
        records.exclude(query="")
        .values("query")
        .annotate(
            searches=Count("id"),
            fewest=Min("result_count"),
            correction=Max("correction"),
        )
        .order_by("-searches", "query")
        .values_list("query", "searches", "fewest", "correction")[:limit]
    )
    cities, groups = Counter(), Counter()
    for filters in records.values_list("filters", flat=True).iterator():
        cities.update(filters.get("city", []))
        groups.update(filters.get("target_group", []))
    city_names = dict(City.objects.values_list("slug", "name"))
    group_names = dict(TargetGroup.objects.values_list("slug", "name"))
    by_week = list(
        records.annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(searches=Count("id"))
        .order_by("week")
        .values_list("week", "searches")
    )
    return Demand(
        start=start,
        end=end,
        total=records.count(),
        by_query=by_query,
        by_city=[(city_names.get(slug, slug), n) for slug, n in cities.most_common()],
        by_target_group=[(group_names.get(slug, slug), n) for slug, n in groups.most_common()],
        by_week=[(week.date() if hasattr(week, "date") else week, n) for week, n in by_week],
    )


def csv_rows(demand):
    yield ["Suchbegriff", "Suchen", "wenigste Treffer", "stattdessen gesucht"]
    yield from ([query, searches, fewest, correction] for query, searches, fewest, correction in demand.by_query)
