from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Katalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import indexing  # noqa: F401 - registers the offer source, the facets and their signals
        from .slugs import use_german_slugs_in_admin

        use_german_slugs_in_admin()
