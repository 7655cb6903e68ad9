"""Empty the page cache whenever something visitors see changes.

What counts follows the search registry (``search.documents.models_shown``): the indexed models, the
taxonomy their documents show, the synonyms. Pages change what visitors see when published, unpublished,
moved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.cache import purge
from search.documents import follow, indexed_page_models, models_shown

from .models import SiteSettings

# Every page shows the site's settings (header, footer), is routed through its Site and the pages kept per
# generation (core/routing.py) and may be closed to the public by a view restriction: a change to any of them,
# or a deleted page, empties the page cache too.
SITE_MODELS = (Site, SiteSettings, PageViewRestriction)


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{signal}")
    post_save.connect(_saved, dispatch_uid="page-cache-save")
    for model in (*SITE_MODELS, Page):  # Page: a deleted page of any type (core/routing.py keeps sections)
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    follow(_follow)  # apps register their sources after this app is ready


def _saved(sender, **kwargs):
    if sender in models_shown() or sender in SITE_MODELS:
        purge()


def _follow(source):
    """Deletes connected per model (see ``search.documents.follow``), as the registry grows."""
    for model in models_shown() | set(indexed_page_models()):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")


def _deleted(sender, **kwargs):
    purge()
