from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Vorschläge von Partnern"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from catalogue.models import OfferPage

        from .notification import on_page_published

        page_published.connect(on_page_published, sender=OfferPage, dispatch_uid="submissions.notify_published")
