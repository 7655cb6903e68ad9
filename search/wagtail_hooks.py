"""Editors maintain the synonym list that both engines expand queries with."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Synonyme"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
