"""The admin report of offers due for review, with filters and CSV/XLSX download (Wagtail's report views)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView

from catalogue.models import City, OfferPage
from catalogue.permissions import editable_offers
from core.spreadsheets import csv_cell

from .freshness import due_offers


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
    list_export = ["title", "review_due", "last_reviewed", "owner", "url"]
    export_headings = {
        "title": _("Titel"),
        "review_due": _("prüfen bis"),
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
        return super().get_queryset()
