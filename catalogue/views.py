"""The catalogue's request handling, kept out of the page model: query in, template context out."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kreissite.security import limit_searches

from search.query import SearchQuery
from search.service import search_service

FACET_HEADINGS = [
    ("kind", gettext_lazy("Art des Angebots")),
    ("city", gettext_lazy("Stadt")),
    ("target_group", gettext_lazy("Zielgruppe")),
    ("format", gettext_lazy("Format")),
    ("language", gettext_lazy("Sprache")),
]


def catalogue_context(request, preset=None):
    limit_searches(request)
    query = SearchQuery.from_params(request.GET, preset=preset)
    if query.errors:
        return {"query": query, "result": None}
    result = search_service().search(query)
    paginator = Paginator(range(result.total), query.page_size)
    if query.page > max(paginator.num_pages, 1):
        query.errors.append(("page", _("Seite %(page)d gibt es nicht; die Ergebnisse haben %(pages)d Seite(n).")
                             % {"page": query.page, "pages": max(paginator.num_pages, 1)}))
        return {"query": query, "result": None}
    active = [
        (name, facet.value, facet.label)
        for name, _heading in FACET_HEADINGS
        for facet in result.facets.get(name, [])
        if facet.selected
    ] + [("tag", tag, "#" + tag) for tag in query.selected("tag")]
    params = urlencode(query.to_params())
    return {
        "query": query,
        "query_string": f"?{params}" if params else "",
        "result": result,
        "page_obj": paginator.get_page(query.page),
        "facet_groups": [((name, heading), result.facets.get(name, [])) for name, heading in FACET_HEADINGS],
        "active_filters": active,
    }
