"""The coverage report in the admin's reports menu, for the Fachstelle."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from catalogue.permissions import is_fachstelle
from editorial.menu import FachstelleMenuItem

from .demand import unmet_demand
from .views import admin_coverage, admin_demand


@hooks.register("register_admin_urls")
def coverage_urls():
    return [
        path("reports/abdeckung/", admin_coverage, name="coverage_report"),
        path("reports/bedarf/", admin_demand, name="demand_report"),
    ]


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return FachstelleMenuItem(_("Abdeckung"), reverse("coverage_report"), icon_name="table", order=60)


@hooks.register("register_reports_menu_item")
def demand_menu_item():
    return FachstelleMenuItem(_("Ungedeckter Bedarf"), reverse("demand_report"), icon_name="search", order=61)


class DemandPanel(Component):
    """The ten most frequent searches without (enough) results this month, on the dashboard."""

    name = "unmet_demand"
    order = 60

    def render_html(self, parent_context=None):
        today = timezone.localdate()
        top = unmet_demand(today.replace(day=1), today, limit=10).by_query
        items = format_html_join("", "<li>{} ({})</li>", ((query, searches) for query, searches, *_rest in top))
        return format_html(
            '<section class="panel summary nice-padding"><h2>{}</h2><ol>{}</ol><p><a href="{}">{}</a></p></section>',
            _("Ungedeckter Bedarf diesen Monat"),
            items,
            reverse("demand_report"),
            _("Zum Bericht"),
        )


@hooks.register("construct_homepage_panels")
def add_demand_panel(request, panels):
    if is_fachstelle(request.user):
        panels.append(DemandPanel())
