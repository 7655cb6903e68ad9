"""Keep the search index in step with the page tree and the other indexed models.

Pages (offers, articles, events) follow publish, unpublish, move, delete and view restrictions;
other sources (glossary terms, documents) follow every save and delete. Rules only an app knows
(which documents are public, where the glossary lives, which pages name a taxonomy term) stay with that
app's receivers (``catalogue.indexing``, ``knowledge.indexing``).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .documents import follow, indexed_page_models, item_source
from .service import on_commit_index


def _indexed_pages(root, inclusive=True):
    """Ids of the indexed pages at and below ``root``."""
    models = indexed_page_models()
    pages = Page.objects.descendant_of(root, inclusive=inclusive).type(*models)
    return list(pages.values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if sender in indexed_page_models():
        on_commit_index([instance.pk])


def item_changed(sender, instance, **kwargs):
    on_commit_index([item_source(sender).key(instance.pk)])


def _follow(source):
    """Deletes (and the saves of models that are not pages) of each source's model, connected per model."""
    if source.is_page:
        post_delete.connect(page_changed, sender=source.model, dispatch_uid=f"search-delete-{source.type}")
    else:
        post_save.connect(item_changed, sender=source.model, dispatch_uid=f"search-save-{source.type}")
        post_delete.connect(item_changed, sender=source.model, dispatch_uid=f"search-delete-{source.type}")


follow(_follow)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    ids = _indexed_pages(instance)
    if ids:
        on_commit_index(ids)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """Only public pages are indexed: a restriction on a page or its ancestor hides the pages below."""
    ids = _indexed_pages(instance.page)
    if ids:
        on_commit_index(ids)


# -- helpers for the apps' own receivers ---------------------------------------------------------
def pages_naming(obj):
    """Ids of the indexed pages that refer to ``obj`` (by a foreign key or a many-to-many field): an app
    reindexes them when a term's name, which is searchable text of those pages, changes."""
    ids = []
    for model in indexed_page_models():
        for field in model._meta.get_fields():
            refers = field.many_to_one or field.many_to_many
            if refers and field.related_model is type(obj) and not field.auto_created:
                ids += model.objects.filter(**{field.name: obj}).values_list("pk", flat=True)
    return ids
