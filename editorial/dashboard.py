"""The admin's start page made for its two kinds of editors (Wagtail's ``construct_homepage_panels``).

A city team sees "Neues Angebot" for its city and "Unsere Angebote" with each offer's state and the reviewer's
last comment; the Fachstelle sees the review queue and the overdue offers by city.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from catalogue.models import CatalogueIndexPage, City, OfferPage
from catalogue.permissions import editable_offers, is_fachstelle, team_cities
from catalogue.review import latest_feedback, review_status

from .freshness import due_offers

OUR_OFFERS_SHOWN = 25


def add_offer_url():
    catalogue = CatalogueIndexPage.objects.first()
    if catalogue is None:
        return None
    return reverse("wagtailadmin_pages:add", args=["catalogue", "offerpage", catalogue.pk])


class CityTeamPanel(Component):
    """ "Neues Angebot" and "Unsere Angebote": the team's offers, what each needs next, what the reviewer said."""

    name = "city_team"
    order = 10
    template_name = "editorial/dashboard/city_team.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        offers = (
            editable_offers(self.user, OfferPage.objects.all())
            .order_by("-latest_revision_created_at", "-pk")
            .select_related("latest_revision")
        )
        rows = []
        for offer in offers[:OUR_OFFERS_SHOWN]:
            key, label = review_status(offer)
            rows.append({"offer": offer, "status": key, "status_label": label, "feedback": latest_feedback(offer)})
        return {
            "cities": City.objects.filter(slug__in=team_cities(self.user)),
            "add_url": add_offer_url(),
            "rows": rows,
            "total": offers.count(),
            "counts": Counter(row["status"] for row in rows),
        }


class FachstellePanel(Component):
    """The review queue (offers waiting for the Fachstelle) and the overdue offers counted by city."""

    name = "fachstelle"
    order = 10
    template_name = "editorial/dashboard/fachstelle.html"

    def get_context_data(self, parent_context=None):
        waiting = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
        ).order_by("created_at")
        queue = []
        offers = OfferPage.objects.in_bulk([int(state.object_id) for state in waiting])
        for state in waiting.select_related("requested_by"):
            offer = offers.get(int(state.object_id))
            if offer is not None:
                queue.append({"offer": offer, "since": state.created_at, "by": state.requested_by})
        by_city = Counter()
        district_or_none = 0
        for offer in due_offers().prefetch_related("cities"):
            names = [city for city in offer.cities.all()]
            for city in names:
                by_city[city] += 1
            if not names:
                district_or_none += 1
        return {
            "add_url": add_offer_url(),
            "queue": queue,
            "overdue": sorted(by_city.items(), key=lambda item: (item[0].sort_order, item[0].name)),
            "without_city": district_or_none,
            "report_url": reverse("stale_offers"),
        }


def dashboard_panels(request, panels):
    """``construct_homepage_panels``: the Fachstelle's panel, or the city team's, first on the page."""
    user = request.user
    if is_fachstelle(user):
        panels.insert(0, FachstellePanel())
    elif team_cities(user):
        panels.insert(0, CityTeamPanel(user))
