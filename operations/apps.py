from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What a running deployment needs beyond requests: the scheduled jobs, their record, startup checks."""

    name = "operations"
    label = "operations"
    verbose_name = "Betrieb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401
