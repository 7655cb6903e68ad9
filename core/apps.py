from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure every app may use: the page cache, rate limits, security headers.

    Imports no other app of the project, so any app can lean on it without a cycle.
    """

    name = "core"
    verbose_name = "Infrastruktur"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .public_address import sync_default_site

        post_migrate.connect(sync_default_site, dispatch_uid="core.sync_default_site")
