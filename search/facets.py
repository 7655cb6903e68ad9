"""The facet registry: every filter a search accepts, declared once by the app that owns its values.

Query validation, the service's facet lists and labels, both engines' facet fields and the catalogue's
filter headings iterate this registry, so adding a facet is one ``register`` call (plus its data in the
documents). Two scopes share it: the catalogue searches offers (``offers``), the site search every
content type (``site``).
"""

from collections.abc import Callable
from dataclasses import dataclass

OFFERS = "offers"
SITE = "site"


@dataclass(frozen=True)
class Facet:
    """One filter. A document carries it as ``doc["facets"][name]``, a list of values (OR within, AND across).

    ``choices`` lists the allowed values with their labels, in display order (read again after every
    purge of the page cache, as editors change taxonomy); without it any short value is accepted (tags).
    A ``counted`` facet is listed with counts under its ``label``; its counts are disjunctive when
    ``disjunctive`` (counted within every filter but its own). A ``switch`` is a yes/no filter given as
    ``name=true`` or ``name=false`` and carried as ``"true"``/``"false"``; its count of "true" is reported.
    A facet that ``prefers`` another ranks the documents carrying a chosen value in that other facet first
    at equal relevance (a city's own offers before the district-wide ones that serve it too).
    """

    name: str
    label: object
    choices: Callable | None = None  # () -> [(value, label)]
    scope: str = OFFERS
    counted: bool = True
    disjunctive: bool = True
    normalise: Callable | None = None  # value -> what the documents carry (tags are folded)
    switch: bool = False
    help: str = ""  # for machines: the API's parameter description
    prefers: str = ""  # when filtered, documents whose facet of this name has a chosen value rank first


_facets = {}


def register(facet):
    """Declare a facet (from an app's ``ready``); the order of registration is the display order."""
    _facets[facet.name] = facet


def facets(scope=None):
    return [f for f in _facets.values() if scope is None or f.scope == scope]


def facet(name):
    return _facets[name]


def filter_names(scope):
    """The list filters a scope accepts as request parameters (switches apart)."""
    return tuple(f.name for f in facets(scope) if not f.switch)


def switch_names(scope):
    return tuple(f.name for f in facets(scope) if f.switch)


def counted_names(scope):
    """The facets a scope lists with counts, in display order."""
    return tuple(f.name for f in facets(scope) if f.counted and not f.switch)


def field_names():
    """Every facet field a document may carry (the engines index each as a keyword)."""
    return tuple(dict.fromkeys(["type", *_facets]))
