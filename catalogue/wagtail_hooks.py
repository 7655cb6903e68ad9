"""Editors maintain the taxonomy and providers as snippets, grouped under "Katalog" in the menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import import_view, template_view
from .models import CatalogueIndexPage
from .taxonomy import City, Language, Organisation, TargetGroup


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class CityViewSet(TaxonomyViewSet):
    model = City
    icon = "site"


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"


class LanguageViewSet(TaxonomyViewSet):
    model = Language
    icon = "globe"


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    list_display = ["name", "website"]
    search_fields = ["name"]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "Katalog"
    menu_icon = "tag"
    menu_order = 200
    items = (CityViewSet, TargetGroupViewSet, LanguageViewSet, OrganisationViewSet)


register_snippet(CatalogueGroup)


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("angebote/import/", import_view, name="catalogue_import"),
        path("angebote/import/vorlage.<str:fmt>", template_view, name="catalogue_import_template"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        catalogue = CatalogueIndexPage.objects.first()
        return bool(catalogue) and catalogue.permissions_for_user(request.user).can_add_subpage()


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem("Import", reverse("catalogue_import"), icon_name="upload", order=205)
