"""The catalogue's request handling, kept out of the page model: query in, template context out."""

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
    return {
        **context,
        "facet_groups": [((name, heading), result.facets.get(name, [])) for name, heading in headings],
        "active_filters": active,
    }
