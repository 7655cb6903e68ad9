"""Unmet demand: searches with no or few results aggregated by query, city and target group, over time."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from search.models import ZeroResultQuery
from steering.demand import unmet_demand

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches(use_database):
    def record(query, filters=None, count=0, days_ago=0):
        entry = ZeroResultQuery.objects.create(query=query, filters=filters or {}, result_count=count)
        ZeroResultQuery.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=days_ago))

    record("klimaschutz", {"city": ["hilden"]})
    record("klimaschutz", {"city": ["hilden"], "target_group": ["sportvereine"]}, count=1)
    record("klimaschutz", {"city": ["velbert"]}, days_ago=10)
    record("muttersprache", {"target_group": ["eltern-familien"]})
    record("", {"city": ["haan"], "target_group": ["sportvereine"]})
    record("alt", days_ago=90)


def test_aggregates_by_query_city_and_target_group(searches):
    demand = unmet_demand(timezone.localdate() - timedelta(days=30), timezone.localdate())
    assert demand.total == 5
    assert demand.by_query == [("klimaschutz", 3, 0, ""), ("muttersprache", 1, 0, "")]
    assert demand.by_city == [("Hilden", 2), ("Velbert", 1), ("Haan", 1)]
    assert demand.by_target_group == [("Sportvereine", 2), ("Eltern und Familien", 1)]
    assert sum(n for _week, n in demand.by_week) == 5 and len(demand.by_week) >= 2


def test_period_limits_the_report(searches):
    assert unmet_demand(timezone.localdate() - timedelta(days=5), timezone.localdate()).total == 4


def test_report_and_csv_for_the_fachstelle(client, group_member, searches):
    client.force_login(group_member("fach", "Fachstelle"))
    html = client.get("/admin/reports/bedarf/").content.decode()
    assert "klimaschutz" in html and "Sportvereine" in html
    rows = list(csv.reader(io.StringIO(client.get("/admin/reports/bedarf/", {"format": "csv"}).content.decode())))
    assert rows[:2] == [
        ["Suchbegriff", "Suchen", "wenigste Treffer", "stattdessen gesucht"],
        ["klimaschutz", "3", "0", ""],
    ]
    today = timezone.localdate()
    this_month = dict((q, n) for q, n, _f, _c in unmet_demand(today.replace(day=1), today).by_query)
    assert f"klimaschutz ({this_month['klimaschutz']})" in client.get("/admin/").content.decode()  # dashboard


def test_city_teams_cannot_see_it(client, group_member, searches):
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    assert client.get("/admin/reports/bedarf/").status_code in (302, 403)


def test_shows_the_correction_searched_instead(use_database):
    ZeroResultQuery.objects.create(query="zivilkurage", result_count=0, correction="Zivilcourage")
    ZeroResultQuery.objects.create(query="zivilkurage", result_count=0, correction="Zivilcourage")
    ZeroResultQuery.objects.create(query="klimaschutz", result_count=0)
    assert unmet_demand().by_query == [("zivilkurage", 2, 0, "Zivilcourage"), ("klimaschutz", 1, 0, "")]
