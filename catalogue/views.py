"""The catalogue's request handling, kept out of the page model: query in, template context out."""

from django.utils.translation import gettext_lazy

from search.query import SearchQuery
from search.views import search_context

FACET_HEADINGS = [
    ("kind", gettext_lazy("Art des Angebots")),
    ("city", gettext_lazy("Stadt")),
    ("target_group", gettext_lazy("Zielgruppe")),
    ("format", gettext_lazy("Format")),
    ("language", gettext_lazy("Sprache")),
]


def catalogue_context(request, preset=None):
    context = search_context(request, SearchQuery.from_params(request.GET, preset=preset))
    query, result = context["query"], context["result"]
    if result is None:
        return context
    active = [
        (name, facet.value, facet.label)
        for name, _heading in FACET_HEADINGS
        for facet in result.facets.get(name, [])
        if facet.selected
    ] + [("tag", tag, "#" + tag) for tag in query.selected("tag")]
    return {
        **context,
        "facet_groups": [((name, heading), result.facets.get(name, [])) for name, heading in FACET_HEADINGS],
        "active_filters": active,
    }
