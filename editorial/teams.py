"""Who in a city team hears about its offers: the team's responsible editor, or else every member."""

from django.contrib.auth import get_user_model

from catalogue.taxonomy import DISTRICT_WIDE

from .models import CityTeam


def team_contacts(city_slugs):
    """The active users with an e-mail address who answer for offers in these cities.

    Per city team: its responsible editor if set (and active), otherwise all its members. District-wide
    offers belong to the Fachstelle, so they have no team contacts.
    """
    city_slugs = set(city_slugs)
    if not city_slugs or DISTRICT_WIDE in city_slugs:
        return []
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    found = []
    for team in CityTeam.objects.filter(city__slug__in=city_slugs).select_related("responsible", "city"):
        responsible = team.responsible
        if responsible and responsible.is_active and responsible.email:
            members = [responsible]
        else:
            members = list(users.filter(groups=team.group_id).order_by("pk"))
        found += [user for user in members if user not in found]
    return found


def responsible_editor(city_slugs):
    """The one editor to own an offer for these cities: the first city team's responsible editor, if any."""
    city_slugs = set(city_slugs)
    if not city_slugs or DISTRICT_WIDE in city_slugs:
        return None
    team = (
        CityTeam.objects.filter(city__slug__in=city_slugs, responsible__is_active=True)
        .select_related("responsible")
        .order_by("city__sort_order", "city__name")
        .first()
    )
    return team.responsible if team else None
