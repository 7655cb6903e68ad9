"""The catalogue's request handling, kept out of the page model: query in, template context out."""

from catalogue.templatetags.catalogue_tags import next_dates
from search.facets import OFFERS, facets
from search.query import SearchQuery
from search.views import search_context


def facet_headings():
    """The listed facets of the catalogue with their headings, in the registry's order."""
    return [(f.name, f.label) for f in facets(OFFERS) if f.counted and not f.switch]


def catalogue_context(request, preset=None):
    context = search_context(request, SearchQuery.from_params(request.GET, preset=preset))
    query, result = context["query"], context["result"]
    if result is None:
        return context
    headings = facet_headings()
    active = [
        (name, facet.value, facet.label)
        for name, _heading in headings
        for facet in result.facets.get(name, [])
        if facet.selected
    ] + [("tag", tag, "#" + tag) for tag in query.selected("tag")]
    if landing_city := (preset or {}).get("city"):
        active = [item for item in active if not (item[0] == "city" and item[1] in landing_city)]
    offer_ids = [hit.data["id"] for hit in result.hits if hit.data.get("type", "offer") == "offer"]
    return {
        **context,
        "next_dates": next_dates(offer_ids),
        "facet_groups": [((name, heading), result.facets.get(name, [])) for name, heading in headings],
        "active_filters": active,
        "active_count": len(active) + (1 if query.switches.get("free") else 0),
    }
