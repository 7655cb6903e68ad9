"""Template helpers for results of the site search (stored display data, not model instances)."""

from urllib.parse import urlencode

from django import template
from django.utils.dateparse import parse_datetime

from search.documents import source_types

register = template.Library()


@register.filter
def type_label(value):
    """The German name of a content type ("offer" -> "Angebot")."""
    return dict(source_types()).get(value, value)


@register.filter
def iso_date(value):
    """A stored ISO timestamp as a datetime, for the ``date`` filter."""
    return parse_datetime(value) if value else None


@register.simple_tag
def text_url(query, text, as_typed=False):
    """The query string of the same search (filters kept) for another text; ``as_typed`` turns correction off."""
    pairs = query.as_typed(text) if as_typed else [("q", text), *[(k, v) for k, v in query.to_params() if k != "q"]]
    return "?" + urlencode(pairs)
