"""Empty the page cache whenever something visitors see changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import OfferPage
from catalogue.taxonomy import City, Language, Organisation, TargetGroup
from core.cache import purge
from knowledge.models import ArticlePage, EventPage, GlossaryTerm, KnowledgeDocument
from search.models import Synonym


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{signal}")
    for model in (OfferPage, ArticlePage, EventPage):
        post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    # Taxonomy, glossary and documents are shown on many pages (filters, glossary links, downloads);
    # synonyms change what every search finds.
    for model in (City, TargetGroup, Language, Organisation, GlossaryTerm, KnowledgeDocument, Synonym):
        post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
