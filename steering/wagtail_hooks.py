"""The coverage report in the admin's reports menu, for the Fachstelle."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial.permissions import is_fachstelle

from .views import admin_coverage


@hooks.register("register_admin_urls")
def coverage_urls():
    return [path("reports/abdeckung/", admin_coverage, name="coverage_report")]


class FachstelleMenuItem(MenuItem):
    def is_shown(self, request):
        return is_fachstelle(request.user)


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return FachstelleMenuItem(_("Abdeckung"), reverse("coverage_report"), icon_name="table", order=60)
