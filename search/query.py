"""The search request as a value: built and validated from request parameters in one place.

Bad input becomes a list of errors (parameter and message), never an exception, so the HTML pages
and the JSON API report problems the same way.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.cache import per_generation

from .facets import OFFERS, SITE, counted_names, facets, filter_names, switch_names

MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 500
MAX_VALUES_PER_FILTER = 20

# The scopes are the registry's; readers name them with the query.
__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE",
    "MAX_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "MAX_VALUES_PER_FILTER",
    "OFFERS",
    "SITE",
    "SearchQuery",
    "allowed_values",
]
TRUE_WORDS = {"1", "true", "ja", "yes", "on"}
FALSE_WORDS = {"0", "false", "nein", "no", "off"}


@per_generation
def allowed_values():
    """The valid values per filter that has a fixed list (taxonomy terms are editable: read again after every
    change)."""
    return {f.name: {value for value, _label in f.choices()} for f in facets() if f.choices is not None}


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> tuple of slugs (OR within, AND across)
    switches: dict = field(default_factory=dict)  # switch name -> True or False (absent: either)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    errors: list = field(default_factory=list)  # [(parameter, message)]
    scope: str = OFFERS
    correct: bool = True  # False: search the text as typed, never a spelling correction of it

    @property
    def facet_names(self):
        return counted_names(self.scope)

    @property
    def is_valid(self):
        return not self.errors

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def selected(self, facet):
        return self.filters.get(facet, ())

    @classmethod
    def from_params(cls, params, preset=None, scope=OFFERS):
        """Build from a QueryDict (or a dict of lists); ``preset`` filters come from a landing page.

        Each scope takes the filters registered for it (``search.facets``).
        """
        errors = []
        get_list = params.getlist if hasattr(params, "getlist") else (lambda k: list(params.get(k, [])))
        get_one = params.get if hasattr(params, "getlist") else (lambda k: (params.get(k) or [None])[-1])

        text = " ".join((get_one("q") or "").split())
        if len(text) > MAX_QUERY_LENGTH:
            errors.append(("q", _("Der Suchtext ist zu lang (höchstens %(max)d Zeichen).") % {"max": MAX_QUERY_LENGTH}))

        allowed = allowed_values()
        filters = {}
        for name in filter_names(scope):
            values = [v.strip() for v in get_list(name) if v and v.strip()]
            values += (preset or {}).get(name, [])
            values = list(dict.fromkeys(values))
            if not values:
                continue
            if len(values) > MAX_VALUES_PER_FILTER:
                errors.append((name, _("Zu viele Werte (höchstens %(max)d).") % {"max": MAX_VALUES_PER_FILTER}))
                continue
            if name in allowed:
                unknown = [v for v in values if v not in allowed[name]]
                if unknown:
                    errors += [(name, unknown_value_message(name, value)) for value in unknown]
                    continue
            elif any(len(v) > 100 for v in values):
                errors.append((name, _("Schlagwort zu lang.")))
                continue
            filters[name] = tuple(values)

        switches = {}
        for name in switch_names(scope):
            raw = get_one(name)
            if raw in (None, ""):
                continue
            if raw.lower() in TRUE_WORDS:
                switches[name] = True
            elif raw.lower() in FALSE_WORDS:
                switches[name] = False
            else:
                errors.append((name, _("„%(name)s“ kennt nur „true“ oder „false“.") % {"name": name}))

        correct = True
        raw_correct = get_one("correct")
        if raw_correct not in (None, ""):
            if raw_correct.lower() in FALSE_WORDS:
                correct = False
            elif raw_correct.lower() not in TRUE_WORDS:
                errors.append(("correct", _("Erwartet wird „true“ oder „false“.")))

        page = _positive_int(get_one("page"), 1, "page", MAX_PAGE, errors)
        page_size = _positive_int(get_one("page_size"), DEFAULT_PAGE_SIZE, "page_size", MAX_PAGE_SIZE, errors)
        return cls(
            text=text,
            filters=filters,
            switches=switches,
            page=page,
            page_size=page_size,
            errors=errors,
            scope=scope,
            correct=correct,
        )

    def to_params(self, **changes):
        """Query-string pairs for links (shareable URLs), with the given facet values toggled."""
        pairs = []
        if self.text:
            pairs.append(("q", self.text))
        for name in filter_names(self.scope):
            values = list(self.selected(name))
            if name in changes:
                value = changes[name]
                values = [v for v in values if v != value] if value in values else values + [value]
            pairs += [(name, v) for v in values]
        pairs += [(name, "true" if on else "false") for name, on in self.switches.items()]
        if not self.correct:
            pairs.append(("correct", "false"))
        return pairs

    def as_typed(self, text):
        """Query-string pairs for "search for the text as typed instead" (no correction)."""
        pairs = [(k, v) for k, v in self.to_params() if k not in ("q", "correct")]
        return [("q", text), *pairs, ("correct", "false")]


UNKNOWN_VALUE = {
    "city": gettext_lazy("Die Stadt „%(value)s“ gibt es nicht."),
    "target_group": gettext_lazy("Die Zielgruppe „%(value)s“ gibt es nicht."),
    "language": gettext_lazy("Die Sprache „%(value)s“ gibt es nicht."),
    "kind": gettext_lazy("Die Angebotsart „%(value)s“ gibt es nicht."),
    "format": gettext_lazy("Das Format „%(value)s“ gibt es nicht."),
    "type": gettext_lazy("Die Inhaltsart „%(value)s“ gibt es nicht."),
}
NUMBER_NAMES = {"page": gettext_lazy("Die Seitenzahl"), "page_size": gettext_lazy("Die Zahl der Treffer je Seite")}


def unknown_value_message(name, value):
    """The error for a filter value that does not exist, in the words of the person who typed it."""
    template = UNKNOWN_VALUE.get(name) or _("Den Wert „%(value)s“ gibt es nicht.")
    return template % {"value": value[:60]}


def _positive_int(raw, default, name, maximum, errors):
    if raw in (None, ""):
        return default
    what = NUMBER_NAMES.get(name, name)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        errors.append(
            (name, _("%(what)s muss eine ganze Zahl sein, nicht „%(raw)s“.") % {"what": what, "raw": str(raw)[:20]})
        )
        return default
    if not 1 <= value <= maximum:
        errors.append((name, _("%(what)s muss zwischen 1 und %(max)d liegen.") % {"what": what, "max": maximum}))
        return default
    return value
