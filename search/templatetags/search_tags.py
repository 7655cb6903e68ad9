"""Template helpers for results of the site search (stored display data, not model instances)."""

from urllib.parse import urlencode

from django import template
from django.utils.dateparse import parse_datetime

from core.fragments import Fragment
from search.documents import source_types

register = template.Library()


# A checkbox per filter value, label and state; its count is filled per query.
CHECKBOX = Fragment("includes/facet_option.html", "option", slots=("count",), kept=2048)


@register.simple_tag
def facet_options_html(options):
    """The values of one filter as KERN checkboxes (``includes/facet_option.html``), each on a line of its own,
    from the kept fragments: the same markup for every facet and both searches. ``options`` come from
    ``search.views.checkbox_options``."""
    return CHECKBOX.render_each(options, before="\n")


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
