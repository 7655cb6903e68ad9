from django.apps import AppConfig


class WidgetsConfig(AppConfig):
    name = "widgets"
    verbose_name = "Widgets für Partner"
    default_auto_field = "django.db.models.BigAutoField"
