"""Empty the page cache whenever something visitors see changes.

What counts follows the search registry (``search.documents.models_shown``): the indexed models, the
taxonomy their documents show, the synonyms. Pages change what visitors see when published, unpublished,
moved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import purge
from search.documents import indexed_page_models, models_shown


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{signal}")
    post_save.connect(_saved, dispatch_uid="page-cache-save")
    post_delete.connect(_deleted, dispatch_uid="page-cache-delete")


def _saved(sender, **kwargs):
    if sender in models_shown():
        purge()


def _deleted(sender, **kwargs):
    if sender in models_shown() or sender in indexed_page_models():
        purge()
