"""Who may do what with an offer, on top of Wagtail's tree permissions.

Every editor group has its page permissions on the one catalogue page (so Wagtail's workflow, revisions
and locking work as usual); what a city team ("Redaktion <Stadt>") may touch is narrowed here by the
offer's cities: offers of its own city, never district-wide ones, never deleting or publishing. The
Fachstelle and administrators are not narrowed. The policy lives with the offers; the roles themselves
(groups, city teams, workflow) are set up by ``editorial``.
"""

from django.utils.translation import gettext as _
from wagtail.models.pages import PagePermissionTester

from .taxonomy import DISTRICT_WIDE, City

# The group that reviews and publishes everything (created with the roles by editorial's migrations).
FACHSTELLE = "Fachstelle"


def is_fachstelle(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=FACHSTELLE).exists())


def team_cities(user):
    """Slugs of the cities whose offers this user's city teams look after."""
    return set(user.groups.filter(city_team__isnull=False).values_list("city_team__city__slug", flat=True))


def may_handle_cities(user, city_slugs):
    """Whether a city editor may create or keep an offer for these cities (one of theirs, not district-wide)."""
    if is_fachstelle(user):
        return True
    city_slugs = set(city_slugs)
    return bool(city_slugs & team_cities(user)) and DISTRICT_WIDE not in city_slugs


def editable_offers(user, offers):
    """The offers of ``offers`` this user may edit: all for the Fachstelle, a city team's own otherwise.

    For lists and reports (the freshness report, its CSV, the dashboard count), the queryset form of
    ``may_handle_cities``: sharing a city with the team and not district-wide.
    """
    if is_fachstelle(user):
        return offers
    own = offers.filter(cities__slug__in=team_cities(user)).values("pk")
    return offers.filter(pk__in=own).exclude(cities__slug=DISTRICT_WIDE)


def offer_change_refusal(user, page, city_slugs):
    """Why ``user`` may not save ``page`` (``None``: a new offer) with these cities, as ``(field, message)``.

    ``None`` when they may. The one rule for every way a person writes an offer (the page editor's form and
    the import): the offer as it is must be editable for them exactly as in the page editor (its latest
    revision, its lock) and the offer as it would become must carry cities they may handle.
    """
    if page is not None:
        current = page.get_latest_revision_as_object()
        lock = current.get_lock()
        if not current.permissions_for_user(user).can_edit():
            return "external_id", _(
                "Das bestehende Angebot „%(id)s“ gehört nicht zu Ihrer Zuständigkeit "
                "(andere Stadt oder kreisweit); es bleibt unverändert."
            ) % {"id": page.external_id}
        if lock is not None and lock.for_user(user):
            return "external_id", _("Das bestehende Angebot „%(id)s“ ist gesperrt; es bleibt unverändert.") % {
                "id": page.external_id
            }
    if not may_handle_cities(user, city_slugs):
        own = ", ".join(City.objects.filter(slug__in=team_cities(user)).values_list("name", flat=True)) or "–"
        return "cities", _(
            "Sie können Angebote nur für Ihre Stadt anlegen (%(own)s); kreisweite Angebote pflegt die Fachstelle."
        ) % {"own": own}
    return None


class OfferPermissionTester(PagePermissionTester):
    def _own(self):
        if is_fachstelle(self.user):
            return True
        return may_handle_cities(self.user, self.page.cities.values_list("slug", flat=True))

    def can_edit(self):
        return super().can_edit() and self._own()

    def can_submit_for_moderation(self):
        return super().can_submit_for_moderation() and self._own()

    def can_delete(self, ignore_bulk=False):
        return is_fachstelle(self.user) and super().can_delete(ignore_bulk)

    def can_publish(self):
        return super().can_publish() and self._own()

    def can_unpublish(self):
        return super().can_unpublish() and self._own()

    def can_lock(self):
        return super().can_lock() and self._own()

    def can_move(self):
        return is_fachstelle(self.user) and super().can_move()

    def can_copy(self):
        return super().can_copy() and self._own()
