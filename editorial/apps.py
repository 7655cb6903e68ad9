from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redaktion und Freigabe"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .ownership import connect

        connect()
