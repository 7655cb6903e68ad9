"""Editors see which partner sites use the widgets (read-only, in the admin's reports menu)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import WidgetOrigin


class WidgetOriginViewSet(ModelViewSet):
    model = WidgetOrigin
    icon = "link-external"
    menu_label = "Widget-Nutzung"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["origin", "requests", "first_seen", "last_seen"]
    search_fields = ["origin"]
    inspect_view_enabled = True
    form_fields = ["origin"]


@hooks.register("register_admin_viewset")
def register_widget_origins():
    return WidgetOriginViewSet("widget_origins")
