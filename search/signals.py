"""Keep the search index in step with the page tree: publish, unpublish, move and delete."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import OfferPage

from .service import on_commit_index


@receiver(page_published, sender=OfferPage)
@receiver(page_unpublished, sender=OfferPage)
def offer_changed(sender, instance, **kwargs):
    on_commit_index([instance.pk])


@receiver(post_delete, sender=OfferPage)
def offer_deleted(sender, instance, **kwargs):
    on_commit_index([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    ids = [instance.pk] if isinstance(instance.specific_deferred, OfferPage) else []
    ids += list(OfferPage.objects.descendant_of(instance).values_list("pk", flat=True))
    if ids:
        on_commit_index(ids)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs):
    """Only public offers are indexed: a restriction on a page or its ancestor hides its offers."""
    page = instance.page
    ids = list(OfferPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    if ids:
        on_commit_index(ids)
