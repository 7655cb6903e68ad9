"""The iframe variant of the widget and the builder page where partners compose their snippet."""

from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt

from core.public_address import public_base
from core.security import limit_searches
from search.facets import facet
from search.query import SearchQuery
from search.service import search_service

from . import tracking

MAX_LIMIT = 50
PRESETS = ("city", "target_group", "kind")  # the facets a partner can fix in the snippet, in its order


def widget_limit(value, default=5):
    """How many offers a widget shows: 1 to ``MAX_LIMIT`` from plain ASCII digits, else ``default``.

    ``str.isdigit`` alone accepts "²" or "٣", which ``int`` then refuses or reads as another number.
    """
    value = str(value).strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 3 or int(value) < 1:
        return default
    return min(int(value), MAX_LIMIT)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def frame(request):
    """Server-rendered offer list for partner sites that may not run foreign scripts."""
    limit_searches(request)
    tracking.record(request)
    params = request.GET.copy()
    params["page_size"] = str(widget_limit(params.pop("limit", ["5"])[-1]))
    params.pop("lang", None)
    query = SearchQuery.from_params(params)
    result = search_service().search(query) if query.is_valid else None
    # The frame's own search form carries every setting of the snippet (limit and lang included) but the text.
    hidden = [(k, v) for k, values in request.GET.lists() for v in values if k not in ("q", "correct")]
    context = {
        "query": query,
        "result": result,
        "show_search": request.GET.get("search") == "true",
        "hidden": hidden,
        "base": public_base(request),
    }
    if result and result.corrected_from:  # the link back to the text as typed keeps the widget's settings
        context["as_typed"] = "?" + urlencode([("q", result.corrected_from), *hidden, ("correct", "false")])
    with translation.override(partner_language(request)):
        return render(request, "widgets/frame.html", context, status=200 if query.is_valid else 400)


def partner_language(request):
    """The language the partner chose in the snippet (``lang``), else the visitor's (LocaleMiddleware's)."""
    chosen = request.GET.get("lang", "")[:2]
    return chosen if chosen in dict(settings.LANGUAGES) else translation.get_language()


def builder(request):
    """Pick filters, see both variants live, copy the snippet. Works without JavaScript (GET form)."""
    presets = [(facet(name), request.GET.get(name, "")) for name in PRESETS]
    limit = str(widget_limit(request.GET.get("limit", "5")))
    search, show_facets = request.GET.get("search") == "true", request.GET.get("facets") == "true"
    lang = request.GET.get("lang") if request.GET.get("lang") in dict(settings.LANGUAGES) else "de"
    base = public_base(request)
    attributes = {
        **{f.name.replace("_", "-"): value for f, value in presets},
        "limit": limit,
        "search": "true" if search else "",
        "facets": "true" if show_facets else "",
        "lang": lang,
    }
    frame_params = {
        **{f.name: value for f, value in presets},
        "limit": limit,
        "search": "true" if search else "",
        "lang": lang,
    }
    context = {
        "chosen": {"limit": limit, "search": search, "facets": show_facets, "lang": lang},
        "languages": settings.LANGUAGES,
        "presets": [(f, value, f.choices()) for f, value in presets],
        "script_url": f"{base}/static/widgets/praevention-widget.js",
        "attributes": {k: v for k, v in attributes.items() if v},
        "frame_url": f"{base}/widget/frame/?{urlencode({k: v for k, v in frame_params.items() if v})}",
        "base": base,
    }
    return render(request, "widgets/builder.html", context)
