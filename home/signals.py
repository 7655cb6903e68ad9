"""Empty the page cache whenever something visitors see changes.

What counts follows the search registry (``search.documents.models_shown``): the indexed models, the
taxonomy their documents show, the synonyms. Pages change what visitors see when published, unpublished,
moved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import purge
from search.documents import follow, indexed_page_models, models_shown


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{signal}")
    post_save.connect(_saved, dispatch_uid="page-cache-save")
    follow(_follow)  # apps register their sources after this app is ready


def _saved(sender, **kwargs):
    if sender in models_shown():
        purge()


def _follow(source):
    """Deletes connected per model (see ``search.documents.follow``), as the registry grows."""
    for model in models_shown() | set(indexed_page_models()):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")


def _deleted(sender, **kwargs):
    purge()
