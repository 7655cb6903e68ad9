"""Empty the page cache whenever something visitors see changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import OfferPage
from catalogue.taxonomy import City, Language, Organisation, TargetGroup

from .cache import purge


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{signal}")
    post_delete.connect(purge, sender=OfferPage, dispatch_uid="page-cache-offer-delete")
    for model in (City, TargetGroup, Language, Organisation):
        post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
