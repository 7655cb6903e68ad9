"""Editors keep the glossary as a snippet; pages and documents use Wagtail's own admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossar")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["term", "category", "variants"]
    list_filter = ["category"]
    search_fields = ["term", "variants"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)
