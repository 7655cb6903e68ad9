"""Search pages: the shared request handling of every result list, and the site search over all content."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.security import limit_searches

from .facets import SITE
from .query import SearchQuery
from .service import search_service


def search_context(request, query):
    """Run a validated query and page it; bad parameters end up in ``query.errors``, never in a 500."""
    limit_searches(request)
    if query.errors:
        return {"query": query, "result": None}
    result = search_service().search(query)
    paginator = Paginator(range(result.total), query.page_size)
    if query.page > max(paginator.num_pages, 1):
        query.errors.append(
            (
                "page",
                _("Seite %(page)d gibt es nicht; die Ergebnisse haben %(pages)d Seite(n).")
                % {"page": query.page, "pages": max(paginator.num_pages, 1)},
            )
        )
        return {"query": query, "result": None}
    params = urlencode(query.to_params())
    return {
        "query": query,
        "query_string": f"?{params}" if params else "",
        "result": result,
        "page_obj": paginator.get_page(query.page),
    }


def checkbox_options(name, values):
    """A facet's values as its filter checkboxes show them (``includes/facet_option.html``, placed by the tag
    ``facet_options_html``): plain dicts with the labels as strings, the cheapest values for a template to look
    up, as a page lists dozens of them."""
    return [
        {
            "id": f"f-{name}-{v.value}",
            "name": name,
            "value": v.value,
            "checked": v.selected,
            "label": str(v.label),
            "count": v.count,
        }
        for v in values
    ]


def site_search(request):
    """Offers, articles, events, glossary terms and documents in one list, with a type facet."""
    query = SearchQuery.from_params(request.GET, scope=SITE)
    context = {"query": query, "result": None}
    if query.text or query.errors:
        context = search_context(request, query)
    if context["result"]:
        context["type_options"] = checkbox_options("type", context["result"].facets.get("type", []))
    return render(request, "search/site_search.html", context, status=400 if query.errors else 200)
