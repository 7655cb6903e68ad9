"""Editors maintain the taxonomy and providers as snippets, grouped under "Katalog" in the menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .taxonomy import City, Language, Organisation, TargetGroup


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
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
