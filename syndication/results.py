"""The offers a feed, calendar or export shows: the catalogue's filters, through the search service."""

from django.http import HttpResponseBadRequest

from catalogue.models import OfferPage
from catalogue.public_fields import with_related
from core.security import limit_searches
from search.query import SearchQuery
from search.service import search_service


class InvalidQuery(Exception):
    def __init__(self, query):
        self.query = query

    def response(self):
        problems = "\n".join(f"{param}: {message}" for param, message in self.query.errors)
        return HttpResponseBadRequest(f"Ungültige Anfrage:\n{problems}\n", content_type="text/plain; charset=utf-8")


def validated_query(request):
    limit_searches(request)
    query = SearchQuery.from_params(request.GET)
    if query.errors:
        raise InvalidQuery(query)
    return query


def matching_offers(query, limit=5000):
    """Live offers the query finds, in the search's order, with everything an export needs prefetched."""
    ids = search_service().matching_ids(query, limit=limit)
    offers = with_related(OfferPage.objects.live().public().filter(pk__in=ids))
    by_id = {offer.pk: offer for offer in offers}
    return [by_id[i] for i in ids if i in by_id]
