"""The coverage report: heatmap, accessible table and CSV, in the admin (Fachstelle) and optionally public."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from catalogue.permissions import is_fachstelle
from catalogue.taxonomy import OfferKind
from core.spreadsheets import download

from .coverage import coverage, csv_rows, heatmap_svg
from .demand import csv_rows as demand_csv_rows
from .demand import unmet_demand


def _report(request, template, base_template):
    kind = request.GET.get("kind") or None
    if kind and kind not in OfferKind.values:
        kind = None
    result = coverage(kind)
    if request.GET.get("format") == "csv":
        return _csv_download("abdeckung.csv", csv_rows(result))
    return render(
        request,
        template,
        {
            "result": result,
            "svg": mark_safe(heatmap_svg(result)),  # noqa: S308 - built with escaped labels
            "kinds": OfferKind.choices,
            "kind": kind,
            "base_template": base_template,
        },
    )


def admin_demand(request):
    """Unmet demand over a chosen period (default: the last 30 days), by query, city and target group."""
    if not is_fachstelle(request.user):
        raise PermissionDenied
    start, end = _date(request.GET.get("from")), _date(request.GET.get("to"))
    demand = unmet_demand(start, end)
    if request.GET.get("format") == "csv":
        return _csv_download("ungedeckter-bedarf.csv", demand_csv_rows(demand))
    most = max([n for _week, n in demand.by_week] + [1])
    return render(request, "steering/demand.html", {"demand": demand, "most": most})


def _csv_download(filename, rows):
    return download(list(rows), filename)


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def admin_coverage(request):
    if not is_fachstelle(request.user):
        raise PermissionDenied
    return _report(request, "steering/coverage.html", "wagtailadmin/base.html")


def public_coverage(request):
    if not settings.COVERAGE_PUBLIC:
        raise Http404
    return _report(request, "steering/coverage.html", "base.html")
