"""Admin: the stale-offers report in the reports menu and a dashboard panel with their count."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.permissions import editable_offers
from catalogue.review import OFFLINE_OVERDUE

from .dashboard import dashboard_panels
from .freshness import due_offers
from .menu import EditorsMenuItem
from .messages import say_published
from .models import CityTeam
from .views import StaleOffersView, mark_reviewed_view


@hooks.register("register_admin_urls")
def stale_offers_urls():
    return [
        path("reports/pruefung-faellig/", StaleOffersView.as_view(), name="stale_offers"),
        path(
            "reports/pruefung-faellig/results/", StaleOffersView.as_view(results_only=True), name="stale_offers_results"
        ),
        path("angebote/<int:pk>/geprueft/", mark_reviewed_view, name="mark_reviewed"),
    ]


@hooks.register("register_reports_menu_item")
def stale_offers_menu_item():
    return EditorsMenuItem(_("Prüfung fällig"), reverse("stale_offers"), icon_name="time", order=50)


class StaleOffersPanel(Component):
    name = "stale_offers"
    order = 50

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        count = editable_offers(self.user, due_offers()).count()
        return format_html(
            '<section class="panel summary nice-padding"><h2>{}</h2><p><a href="{}">{}</a></p></section>',
            _("Aktualität"),
            reverse("stale_offers"),
            _("%(count)d Angebote warten auf ihre Prüfung.") % {"count": count},
        )


@hooks.register("construct_homepage_panels")
def add_stale_offers_panel(request, panels):
    panels.append(StaleOffersPanel(request.user))


@hooks.register("register_log_actions")
def register_reviewed_action(actions):
    actions.register_action(
        "editorial.reviewed", gettext_lazy("Geprüft, unverändert"), gettext_lazy("Als geprüft vermerkt (unverändert)")
    )
    actions.register_action(
        OFFLINE_OVERDUE,
        gettext_lazy("Offline genommen: Prüfung überfällig"),
        gettext_lazy("Offline genommen, weil die Prüfung zu lange überfällig war"),
    )


class CityTeamViewSet(ModelViewSet):
    """Administrators name each city team's responsible editor (reminders, owner of the city's suggestions)."""

    model = CityTeam
    icon = "group"
    menu_label = gettext_lazy("Stadtredaktionen")
    add_to_settings_menu = True
    list_display = ["group", "city", "responsible"]
    form_fields = ["group", "city", "responsible"]


@hooks.register("register_admin_viewset")
def register_city_teams():
    return CityTeamViewSet("city_teams")


hooks.register("after_edit_page", say_published)


hooks.register("construct_homepage_panels", dashboard_panels)


@hooks.register("construct_page_action_menu")
def submit_first(menu_items, request, context):
    """Who may not publish gets "Zur Prüfung einreichen" as the main button (Wagtail's first is "Entwurf speichern")."""
    page, parent = context.get("page"), context.get("parent_page")
    if page is not None:
        may_publish = page.permissions_for_user(request.user).can_publish()
    else:
        may_publish = parent is None or parent.permissions_for_user(request.user).can_publish_subpage()
    if may_publish:
        return
    submit = [item for item in menu_items if item.name == "action-submit"]
    if submit:
        menu_items.remove(submit[0])
        menu_items.insert(0, submit[0])
