"""The admin report of offers due for review, with filters and CSV/XLSX download (Wagtail's report views)."""

from datetime import timedelta

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import PageReportView

from catalogue.models import City, OfferPage
from catalogue.permissions import editable_offers
from core.spreadsheets import csv_cell

from .freshness import due_offers, mark_reviewed, offline_on


class StaleOffersFilterSet(WagtailFilterSet):
    cities = django_filters.ModelChoiceFilter(label=_("Stadt"), queryset=City.objects.all(), field_name="cities")
    review_due = django_filters.DateFromToRangeFilter(label=_("prüfen bis"))

    class Meta:
        model = OfferPage
        fields = ["cities", "review_due"]


class StaleOffersView(PageReportView):
    page_title = _("Angebote mit fälliger Prüfung")
    header_icon = "time"
    filterset_class = StaleOffersFilterSet
    index_url_name = "stale_offers"
    index_results_url_name = "stale_offers_results"
    results_template_name = "editorial/stale_offers_results.html"
    list_export = ["title", "city_names", "review_due", "overdue_since", "offline_on", "last_reviewed", "owner", "url"]
    export_headings = {
        "title": _("Titel"),
        "city_names": _("Stadt"),
        "review_due": _("prüfen bis"),
        "overdue_since": _("überfällig seit"),
        "offline_on": _("offline ab"),
        "last_reviewed": _("zuletzt geprüft"),
        "owner": _("verantwortlich"),
        "url": _("Adresse"),
    }

    def preprocess_field_value(self, field, value, export_format):
        """Titles are editors' text: no formula may reach the CSV (Wagtail already types XLSX cells as text)."""
        value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value

    def get_filename(self):
        return f"pruefung-faellig-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        # A city team sees only the offers it may edit (not other cities' offers or their owners' names).
        self.queryset = editable_offers(self.request.user, due_offers()).select_related("owner")
        return super().get_queryset().prefetch_related("cities")

    def decorate_paginated_queryset(self, object_list):
        """City names (not slugs), the first overdue day and the day the offer goes offline, per row."""
        pages = list(object_list)
        for page in pages:
            page.city_names = ", ".join(city.name for city in page.cities.all())
            page.overdue_since = page.review_due + timedelta(days=1)
            page.offline_on = offline_on(page)
        return pages


@require_POST
def mark_reviewed_view(request, pk):
    """ "geprüft, unverändert" in one click, for anyone who may edit the offer."""
    offer = get_object_or_404(OfferPage, pk=pk)
    if not offer.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(offer, request.user)
    messages.success(
        request,
        _t("„%(title)s“ ist als geprüft vermerkt; nächste Prüfung bis %(due)s.")
        % {"title": offer.title, "due": f"{offer.review_due:%d.%m.%Y}"},
    )
    return redirect(get_valid_next_url_from_request(request) or "stale_offers")
