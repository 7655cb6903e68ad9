from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Articles, glossary, documents and events: the knowledge base of the action plan."""

    name = "knowledge"
    verbose_name = _("Wissen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import synonyms

        from . import indexing  # noqa: F401 - registers the search sources and their signals
        from .models import GlossaryTerm

        # A glossary term's other spellings find what the term finds (rechtsextreme → Rechtsextremismus).
        synonyms.register(lambda: (term.forms for term in GlossaryTerm.objects.all()))
