"""Atom and RSS feeds of new and updated offers, filterable like the catalogue (Django's syndication).

A filtered feed is a feed of its own: its ``atom:id``/``link`` is the catalogue page with the same filters and its
self link carries the filters, so feed readers keep "Hilden" and "all offers" apart. Every URL is on the public
address (absolute URLs pass Django's ``add_domain`` unchanged).
"""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from catalogue.public_fields import public_values
from core.public_address import public_url

from .results import InvalidQuery, matching_offers, validated_query

FEED_SIZE = 50


class OfferFeed(Feed):
    feed_type = Atom1Feed
    base_title = "Präventionskatalog Kreis Mettmann: neue und aktualisierte Angebote"
    description = "Maßnahmen, Anlaufstellen und Qualifizierungen gegen Rechtsextremismus und Rassismus."
    catalogue_path = "/angebote/"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidQuery as invalid:
            return invalid.response()

    def get_object(self, request):
        self.request = request
        return validated_query(request)

    def link(self, query):
        return public_url(self.request, _with_filters(self.catalogue_path, query))

    def feed_url(self, query):
        return public_url(self.request, _with_filters(self.request.path, query))

    def title(self, query):
        chosen = ", ".join(value for _, value in query.to_params())
        return f"{self.base_title} ({chosen})" if chosen else self.base_title

    def items(self, query):
        offers = matching_offers(query)
        return sorted(offers, key=lambda o: o.last_published_at or o.first_published_at, reverse=True)[:FEED_SIZE]

    def item_title(self, offer):
        return offer.title

    def item_description(self, offer):
        return offer.summary

    def item_link(self, offer):
        return public_url(self.request, offer.get_url(self.request))

    def item_guid(self, offer):
        return public_url(self.request, f"/api/v1/offers/{offer.pk}/")

    item_guid_is_permalink = False

    def item_pubdate(self, offer):
        return offer.first_published_at

    def item_updateddate(self, offer):
        return offer.last_published_at

    def item_categories(self, offer):
        values = public_values(offer)  # relations prefetched by ``with_related``
        return [values["kind"].name] + [term.name for term in values["cities"] + values["target_groups"]]

    def item_author_name(self, offer):
        return offer.provider.name if offer.provider else None


class OfferRssFeed(OfferFeed):
    feed_type = Rss201rev2Feed


def _with_filters(path, query):
    """The path with the query's filters in canonical order (so one filter set has one address)."""
    params = query.to_params()
    return f"{path}?{urlencode(params)}" if params else path
