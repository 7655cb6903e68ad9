"""Editors maintain the synonym list and the compound splitter's extra words that both engines use."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CompoundWord, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Synonyme"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)


class CompoundWordViewSet(SnippetViewSet):
    model = CompoundWord
    icon = "cut"
    menu_label = "Wörter für die Zerlegung"
    add_to_admin_menu = True
    menu_order = 211
    list_display = ["word", "keep_whole"]
    search_fields = ["word"]


register_snippet(CompoundWordViewSet)
