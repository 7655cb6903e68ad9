"""Template helpers for shareable catalogue URLs and offer display."""

import json
from urllib.parse import urlencode

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from catalogue.structured_data import offer_jsonld
from catalogue.taxonomy import OfferFormat, OfferKind
from core.public_address import OG_IMAGE, public_url

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

register = template.Library()


@register.simple_tag
def toggle_url(query, facet, value):
    """The current search with one facet value switched on or off (page reset to 1)."""
    return "?" + urlencode(query.to_params(**{facet: value}))


@register.simple_tag
def page_url(query, number):
    return "?" + urlencode(query.to_params() + [("page", number)])


@register.simple_tag
def free_url(query, on):
    pairs = [(k, v) for k, v in query.to_params() if k != "free"]
    if on:
        pairs.append(("free", "true"))
    return "?" + urlencode(pairs)


@register.filter
def kind_label(value):
    return dict(OfferKind.choices).get(value, value)


@register.filter
def format_label(value):
    return dict(OfferFormat.choices).get(value, value)


@register.simple_tag(takes_context=True)
def structured_data(context, offer):
    """The offer's schema.org JSON-LD in a script element (escaped like Django's json_script)."""
    request = context["request"]
    return jsonld_script(offer_jsonld(offer, public_url(request, offer.get_url(request)),
                                      image=public_url(request, static(OG_IMAGE))))


def jsonld_script(data):
    """JSON-LD in a script element, escaped like Django's json_script."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
