"""What is indexed, and how each kind of content becomes the flat document both engines index.

Every searchable kind (offers here; articles, glossary terms, events and documents from ``knowledge``)
is a ``Source``: its live objects, a function that turns one into a document, and a key range. Keys
are the engines' integer document ids: pages keep their page id (page ids are unique across page
types), other models are shifted into a range of their own. The text is pre-analysed by
``search.german`` so that both engines match the same words; display fields are stored so results
need no database query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from catalogue.models import City, OfferPage
from catalogue.taxonomy import DISTRICT_WIDE
from core.cache import per_generation

from . import german

KEY_SPACE = 1 << 40  # each source's keys lie in [offset, offset + KEY_SPACE)
OFFER = "offer"


@dataclass(frozen=True)
class Source:
    type: str  # the value of the "type" facet, e.g. "offer"
    label: object  # its German name (lazy)
    model: type
    queryset: Callable  # () -> the objects that belong in the index (live, public)
    document: Callable  # (obj) -> search document
    offset: int = 0  # 0 for pages; a multiple of KEY_SPACE for other models

    def key(self, pk):
        return self.offset + pk

    def pks(self, keys):
        """The primary keys among ``keys`` that fall into this source's range."""
        return {k - self.offset for k in keys if self.offset <= k < self.offset + KEY_SPACE}

    @property
    def is_page(self):
        return self.offset == 0


_sources = {}


def register(source):
    """Make a kind of content searchable (called from an app's ``ready``); the order is the facet order."""
    _sources[source.type] = source


def sources():
    return list(_sources.values())


def source_types():
    return [(s.type, s.label) for s in _sources.values()]


def indexed_page_models():
    return tuple(s.model for s in _sources.values() if s.is_page)


def item_source(model):
    """The source of an indexed model that is not a page (its saves and deletes update the index), or None."""
    return next((s for s in _sources.values() if s.model is model and not s.is_page), None)


# -- the generic document ----------------------------------------------------------------------
def text_document(*, key, type, title, summary="", body="", meta="", tags=(), facets=None, data=None,
                  date=None):
    """The flat document of anything searchable: analysed text, facet values and display data."""
    title_tags = " ".join([title, *tags])
    all_text = " ".join([title_tags, summary, body, meta])
    return {
        "id": key,
        "title": title,
        "summary": summary,
        "description": body,
        # Pre-analysed text, weighted high to low: exact title words, then stems, then compound parts.
        "exact_hi": " ".join(german.tokens(title_tags)),
        "stem_hi": " ".join(german.stems(title_tags)),
        "stem_mid": " ".join(german.stems(summary + " " + meta)),
        "stem_lo": " ".join(german.stems(body)),
        "parts": " ".join(german.compound_stems(all_text)),
        "vocabulary": sorted(set(german.tokens(all_text))),
        "facets": {"type": [type], **(facets or {})},
        "data": {"id": key, "type": type, "title": title, "summary": summary, "date": date, **(data or {})},
    }


# -- offers ------------------------------------------------------------------------------------
def offer_queryset():
    """The offers that belong in the index: live and publicly visible (no view restrictions)."""
    return (
        OfferPage.objects.live().public()
        .select_related("provider")
        .prefetch_related("cities", "target_groups", "languages", "tagged_items__tag")
    )


def document_for(offer):
    """The search document of one offer page (its relations prefetched by ``offer_queryset``)."""
    return build_document(
        id=offer.pk,
        external_id=offer.external_id or "",
        title=offer.title,
        summary=offer.summary,
        description=offer.description_text,
        kind=offer.kind,
        format=offer.format,
        is_free=offer.is_free,
        cities=[(c.slug, c.name) for c in offer.cities.all()],
        target_groups=[(t.slug, t.name) for t in offer.target_groups.all()],
        languages=[lang.slug for lang in offer.languages.all()],
        tags=sorted(item.tag.name for item in offer.tagged_items.all()),
        provider=offer.provider.name if offer.provider else "",
        town=offer.town,
        url=offer.get_url(),
        published=offer.first_published_at.isoformat() if offer.first_published_at else None,
    )


def build_document(*, id, external_id, title, summary, description, kind, format, is_free, cities,
                   target_groups, languages, tags, provider, town, url, published, all_city_slugs=None):
    """An offer's document from plain values; ``cities`` and ``target_groups`` are (slug, name) pairs."""
    city_slugs = [slug for slug, _name in cities]
    group_slugs = [slug for slug, _name in target_groups]
    return text_document(
        key=id, type=OFFER, title=title, summary=summary, body=description, tags=tags, date=published,
        meta=" ".join([provider, town] + [name for _slug, name in cities + target_groups]),
        facets={
            "kind": [kind],
            "city": city_filter(city_slugs, all_city_slugs),
            "target_group": group_slugs,
            "language": list(languages),
            "format": [format],
            "tag": [german.fold(t) for t in tags],
            "free": ["true" if is_free else "false"],
        },
        data={
            "external_id": external_id,
            "kind": kind,
            "url": url,
            "cities": city_slugs,
            "target_groups": group_slugs,
            "languages": list(languages),
            "tags": list(tags),
            "provider": provider,
            "format": format,
            "is_free": is_free,
            "first_published_at": published,
        },
    )


def city_filter(city_slugs, all_city_slugs=None):
    """The district-wide rule, once for both engines: a "kreisweit" item serves every city."""
    if DISTRICT_WIDE not in city_slugs:
        return list(city_slugs)
    return sorted(set(city_slugs) | set(all_city_slugs if all_city_slugs is not None else _city_slugs()))


@per_generation
def _city_slugs():
    return list(City.objects.values_list("slug", flat=True))


register(Source(type=OFFER, label=OfferPage._meta.verbose_name, model=OfferPage, queryset=offer_queryset,
                document=document_for))


# -- reading all sources -----------------------------------------------------------------------
def documents():
    """Documents of everything indexable, streamed source by source."""
    for source in sources():
        for obj in source.queryset().iterator(chunk_size=500):
            yield source.document(obj)


def count():
    return sum(source.queryset().count() for source in sources())


def documents_for_keys(keys):
    """The current documents of the given keys, and the keys that are no longer indexable."""
    keys = set(keys)
    docs = []
    for source in sources():
        pks = source.pks(keys)
        if pks:
            docs += [source.document(obj) for obj in source.queryset().filter(pk__in=pks)]
    return docs, keys - {d["id"] for d in docs}
