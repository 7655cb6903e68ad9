from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Startseite"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signals import connect

        connect()
