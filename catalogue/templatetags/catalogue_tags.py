"""Template helpers for shareable catalogue URLs and offer display."""

from urllib.parse import urlencode

from django import template

from catalogue.taxonomy import OfferFormat, OfferKind

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
