"""The catalogue's request handling, kept out of the page model: query in, template context out."""

from django.utils.translation import gettext as _

from catalogue.cards import offer_cards
from search.facets import OFFERS, facets
from search.query import SearchQuery
from search.service import FacetValue
from search.views import checkbox_options, search_context


def facet_headings():
    """The listed facets of the catalogue with their headings, in the registry's order."""
    return [(f.name, f.label) for f in facets(OFFERS) if f.counted and not f.switch]


def free_switch(query, result):
    """The "only free offers" switch, listed like a facet value in a group of its own."""
    count = result.switch_counts.get("free", "")
    return FacetValue("true", _("nur kostenlose"), count, selected=bool(query.switches.get("free")))


def catalogue_context(request, preset=None, landing_city=None):
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
    if preset_cities := (preset or {}).get("city"):
        active = [item for item in active if not (item[0] == "city" and item[1] in preset_cities)]
    hits = [hit for hit in result.hits if hit.data.get("type", "offer") == "offer"]
    return {
        **context,
        "cards": offer_cards([hit.data for hit in hits], [hit.highlight for hit in hits], landing_city),
        "facet_groups": [(heading, checkbox_options(name, result.facets.get(name, []))) for name, heading in headings]
        + [(_("Kosten"), checkbox_options("free", [free_switch(query, result)]))],
        "active_filters": active,
        "active_count": len(active) + (1 if query.switches.get("free") else 0),
    }
