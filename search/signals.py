"""Keep the search index in step with the page tree and the other indexed models.

Pages (offers, articles, events) follow publish, unpublish, move, delete and view restrictions;
other sources (glossary terms, documents) follow every save and delete; and the pages that name a
taxonomy term follow its changes. Rules only an app knows (which documents are public, where the
glossary lives) stay with that app's receivers.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.taxonomy import DISTRICT_WIDE, City, Language, Organisation, TargetGroup

from .documents import indexed_page_models, item_source
from .service import on_commit_index


def _indexed_pages(root, inclusive=True):
    """Ids of the indexed pages at and below ``root``."""
    models = indexed_page_models()
    pages = Page.objects.descendant_of(root, inclusive=inclusive).type(*models)
    return list(pages.values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete)
def page_changed(sender, instance, **kwargs):
    if sender in indexed_page_models():
        on_commit_index([instance.pk])


@receiver(post_save)
@receiver(post_delete)
def item_changed(sender, instance, **kwargs):
    source = item_source(sender)
    if source is not None:
        on_commit_index([source.key(instance.pk)])


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


# -- taxonomy ----------------------------------------------------------------------------------
def _pages_naming(term):
    """Ids of the indexed pages that refer to ``term`` (by a foreign key or a many-to-many field)."""
    ids = []
    for model in indexed_page_models():
        for field in model._meta.get_fields():
            refers = field.many_to_one or field.many_to_many
            if refers and field.related_model is type(term) and not field.auto_created:
                ids += model.objects.filter(**{field.name: term}).values_list("pk", flat=True)
    return ids


def _taxonomy_changed(term):
    """Term names are searchable text of the pages that carry them, and the set of cities decides which
    cities the district-wide pages serve."""
    ids = _pages_naming(term)
    if isinstance(term, City):
        district = City.objects.filter(slug=DISTRICT_WIDE).first()
        ids += _pages_naming(district) if district else []
    if ids:
        on_commit_index(sorted(set(ids)))


@receiver(post_save, sender=City)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=Language)
@receiver(post_save, sender=Organisation)
def taxonomy_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the index is rebuilt afterwards
        _taxonomy_changed(instance)


@receiver(pre_delete, sender=City)
@receiver(pre_delete, sender=TargetGroup)
@receiver(pre_delete, sender=Language)
@receiver(pre_delete, sender=Organisation)
def taxonomy_deleted(sender, instance, **kwargs):
    # Before the delete, while the pages still refer to it; they are indexed after the commit, without it.
    _taxonomy_changed(instance)
