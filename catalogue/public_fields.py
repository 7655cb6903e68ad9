"""An offer's public fields, declared once.

Every public format reads an offer through ``public_values`` and maps from those values: the JSON API
(``api.views`` and its schema), the HSDS record (``api.hsds``), JSON-LD (``structured_data``), the export row
(``importing.offer_to_row``) and the search document (``indexing.document_from``). The API and the export
carry every field by its kind; HSDS, JSON-LD and the search document keep their own vocabularies and name
the fields they leave out (``NOT_IN_HSDS``, ``NOT_IN_JSONLD``, ``NOT_INDEXED``), which
``tests/catalogue/test_public_fields.py`` holds against their output. Adding a public field is one
``PublicField`` here (and its model field); the tests then say which format still has to place it.
"""

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .taxonomy import OfferFormat, OfferKind


class Kind(StrEnum):
    """What a value is, which decides how the API types it and how a file cell writes it."""

    ID = "id"  # the page id
    TEXT = "text"  # one line or plain paragraphs
    RICH_TEXT = "rich_text"  # HTML from the editor; ``plain_text`` for formats that want text
    CHOICE = "choice"  # one ``Term`` of a fixed list
    TERMS = "terms"  # ``Term`` s of a taxonomy
    TAGS = "tags"  # free keywords, sorted
    ORGANISATION = "organisation"  # the provider, an ``Organisation`` or None
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"  # an address outside the site
    PAGE = "page"  # the offer's own address on the site (relative, or absolute on another site)
    NUMBER = "number"
    YES_NO = "yes_no"
    DATES = "dates"  # ``OfferDate`` s (start, end)
    MOMENT = "moment"  # a datetime


class Term(NamedTuple):
    """A taxonomy term or a choice: its stable code and its name (a term's German name, as the formats have
    always written it; a choice's label in the active language, as ``get_<field>_display``)."""

    slug: str
    name: str


@dataclass(frozen=True)
class PublicField:
    name: str
    label: str  # German source string, English in the locale
    kind: Kind
    read: Callable[[Any, Any], Any] | None = None  # (offer, request) -> value; default: the attribute ``name``
    column: str | None = ""  # the import/export column; "" is ``name``, None: not in files
    nullable: bool = False  # None means "not given" (ages, barrier-free, publication)
    related: str = ""  # what to select or prefetch for reading it from many offers

    @property
    def file_column(self):
        return self.name if self.column == "" else self.column

    def value(self, offer, request=None):
        return self.read(offer, request) if self.read else getattr(offer, self.name)


def _choice(choices, name):
    """The chosen code with its label (as ``get_<name>_display``)."""
    labels = dict(choices.choices)

    def read(offer, request):
        code = getattr(offer, name)
        return Term(code, str(labels.get(code, code)))

    return read


PREFETCHED = "_public_"  # ``with_related`` leaves each field's related objects in a list named with this prefix


def _related(offer, name, relation):
    """The objects a field reads through ``relation``: the list ``with_related`` fetched, else the manager's."""
    found = getattr(offer, PREFETCHED + name, None)
    return getattr(offer, relation).all() if found is None else found


def _terms(name):
    return lambda offer, request: [Term(t.slug, t.name) for t in _related(offer, name, name)]


PUBLIC_FIELDS = [
    PublicField("id", _("Nummer"), Kind.ID, read=lambda offer, request: offer.pk, column=None),
    PublicField("external_id", _("Externe ID"), Kind.TEXT, read=lambda offer, request: offer.external_id or ""),
    PublicField("kind", _("Art"), Kind.CHOICE, read=_choice(OfferKind, "kind")),
    PublicField("title", _("Titel"), Kind.TEXT),
    PublicField("summary", _("Kurzbeschreibung"), Kind.TEXT),
    PublicField("description", _("Beschreibung"), Kind.RICH_TEXT, read=lambda offer, request: offer.description or ""),
    PublicField("url", _("Adresse"), Kind.PAGE, read=lambda offer, request: offer.get_url(request), column=None),
    PublicField("format", _("Format"), Kind.CHOICE, read=_choice(OfferFormat, "format")),
    PublicField("cities", _("Städte"), Kind.TERMS, read=_terms("cities"), related="cities"),
    PublicField("target_groups", _("Zielgruppen"), Kind.TERMS, read=_terms("target_groups"), related="target_groups"),
    PublicField("languages", _("Sprachen"), Kind.TERMS, read=_terms("languages"), related="languages"),
    PublicField(
        "tags",
        _("Schlagwörter"),
        Kind.TAGS,
        read=lambda offer, request: sorted(item.tag.name for item in _related(offer, "tags", "tagged_items")),
        related="tagged_items__tag",
    ),
    PublicField("provider", _("Träger"), Kind.ORGANISATION, related="provider"),
    PublicField("cost", _("Kosten"), Kind.TEXT),
    PublicField("is_free", _("kostenfrei"), Kind.YES_NO, column="free"),
    PublicField("age_min", _("Alter von"), Kind.NUMBER, nullable=True),
    PublicField("age_max", _("Alter bis"), Kind.NUMBER, nullable=True),
    PublicField("barrier_free", _("barrierefreier Ort"), Kind.YES_NO, nullable=True),
    PublicField("contact_name", _("Ansprechperson"), Kind.TEXT),
    PublicField("email", _("E-Mail"), Kind.EMAIL),
    PublicField("phone", _("Telefon"), Kind.PHONE),
    PublicField("website", _("Website"), Kind.URL),
    PublicField("street", _("Straße und Hausnummer"), Kind.TEXT),
    PublicField("postcode", _("PLZ"), Kind.TEXT),
    PublicField("town", _("Ort"), Kind.TEXT),
    PublicField("registration_url", _("Anmeldung (Link)"), Kind.URL),
    PublicField(
        "dates",
        _("Termine"),
        Kind.DATES,
        read=lambda offer, request: list(_related(offer, "dates", "dates")),
        related="dates",
    ),
    PublicField("last_published_at", _("zuletzt veröffentlicht"), Kind.MOMENT, column=None, nullable=True),
    PublicField("first_published_at", _("zuerst veröffentlicht"), Kind.MOMENT, column=None, nullable=True),
]
FIELDS = {f.name: f for f in PUBLIC_FIELDS}


class PublicValues(Mapping):
    """An offer's public values by field name, each read on first use (a format reads only what it shows)."""

    def __init__(self, offer, request=None):
        self.offer, self.request, self._read = offer, request, {}

    def __getitem__(self, name):
        if name not in self._read:
            self._read[name] = FIELDS[name].value(self.offer, self.request)
        return self._read[name]

    def __iter__(self):
        return iter(FIELDS)

    def __len__(self):
        return len(FIELDS)


def public_values(offer, request=None):
    """The one way a format reads an offer; ``request`` decides the page address (as ``Page.get_url``)."""
    return PublicValues(offer, request)


def with_related(queryset, leaving_out=()):
    """``queryset`` fetching in bulk what reading the public fields (but those left out) needs.

    Related objects come as plain lists (``Prefetch.to_attr``), read by the fields' ``_related``: Django's usual
    prefetch gives every offer a queryset per relation, which was a quarter of building 10,000 search documents.
    """
    fields = [f for f in PUBLIC_FIELDS if f.related and f.name not in leaving_out]
    prefetches = []
    for field in fields:
        if field.kind == Kind.ORGANISATION:
            continue
        relation, _, below = field.related.partition("__")
        related = queryset.model._meta.get_field(relation).related_model._default_manager.all()
        prefetches.append(
            Prefetch(
                relation, queryset=related.select_related(below) if below else related, to_attr=PREFETCHED + field.name
            )
        )
    return queryset.select_related(*[f.related for f in fields if f.kind == Kind.ORGANISATION]).prefetch_related(
        *prefetches
    )


def plain_text(rich_text):
    """Rich text as plain text (entities decoded), one paragraph per blank-line-separated block.

    Plain text is what exports, HSDS and the search index want; an export re-imported must not turn
    ``&`` into ``&amp;amp;``.
    """
    blocks = re.split(r"</(?:p|h[1-6]|li|ul|ol)>", rich_text or "")
    return "\n\n".join(text for text in (html.unescape(strip_tags(b)).strip() for b in blocks) if text)


def address_lines(street, postcode, town):
    """The address as the page and the calendars print it: street, then postcode and town."""
    return [line for line in (street, " ".join(filter(None, [postcode, town]))) if line]


def organisation_name(provider):
    return provider.name if provider else ""
