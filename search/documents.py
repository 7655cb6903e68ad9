"""What is indexed, and how each kind of content becomes the flat document both engines index.

Every searchable kind (offers from ``catalogue.indexing``; articles, glossary terms, events and documents
from ``knowledge.indexing``) is a ``Source`` an app registers: its live objects, a function that turns
one into a document, and a key range. Keys are the engines' integer document ids: pages keep their page
id (page ids are unique across page types), other models are shifted into a range of their own. The text
is pre-analysed by ``search.german`` so that both engines match the same words; display fields are stored
so results need no database query.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import german
from .facets import SITE, Facet
from .facets import register as register_facet

KEY_SPACE = 1 << 40  # each source's keys lie in [offset, offset + KEY_SPACE)
OFFER = "offer"  # the type of the documents the catalogue scope searches (registered by ``catalogue``)


@dataclass(frozen=True)
class Source:
    type: str  # the value of the "type" facet, e.g. "offer"
    label: object  # its German name (lazy)
    model: type
    queryset: Callable  # () -> the objects that belong in the index (live, public)
    document: Callable  # (obj) -> search document
    offset: int = 0  # 0 for pages; a multiple of KEY_SPACE for other models
    depends_on: tuple = ()  # other models whose names or values the documents show (taxonomy)

    def key(self, pk):
        return self.offset + pk

    def pks(self, keys):
        """The primary keys among ``keys`` that fall into this source's range."""
        return {k - self.offset for k in keys if self.offset <= k < self.offset + KEY_SPACE}

    @property
    def is_page(self):
        return self.offset == 0


_sources = {}


_followers = []


def register(source):
    """Make a kind of content searchable (called from an app's ``ready``); the order is the facet order."""
    _sources[source.type] = source
    for follower in _followers:
        follower(source)


def follow(follower):
    """Call ``follower(source)`` for every source, those registered already and those to come.

    For connecting delete receivers per model: a receiver of every model's deletes (no sender) keeps Django from
    deleting any row without loading it first, everywhere (the search index's own facet rows included).
    """
    _followers.append(follower)
    for source in list(_sources.values()):
        follower(source)


def sources():
    return list(_sources.values())


def source_types():
    return [(s.type, s.label) for s in _sources.values()]


# The site search's one facet: the kind of content, one value per registered source.
register_facet(Facet(name="type", label=_("Art des Inhalts"), choices=source_types, scope=SITE))


def indexed_page_models():
    return tuple(s.model for s in _sources.values() if s.is_page)


def models_shown():
    """Models whose saves and deletes change what searches find or show, pages apart (they change on
    publish): the indexed models that are not pages, the models documents depend on, and the synonyms."""
    from .models import CompoundWord, Synonym

    models = {Synonym, CompoundWord}
    for source in _sources.values():
        models.update(source.depends_on)
        if not source.is_page:
            models.add(source.model)
    return models


def item_source(model):
    """The source of an indexed model that is not a page (its saves and deletes update the index), or None."""
    return next((s for s in _sources.values() if s.model is model and not s.is_page), None)


# -- the generic document ----------------------------------------------------------------------
def text_document(*, key, type, title, summary="", body="", meta="", tags=(), facets=None, data=None, date=None):
    """The flat document of anything searchable: analysed text, facet values and display data."""
    title_tags = " ".join([title, *tags])
    all_text = " ".join([title_tags, summary, body, meta])
    # Each part folded and split into words once (folding is most of a rebuild's analysis); the words of
    # ``all_text`` are those of its parts in order, since they are joined by spaces.
    head, middle, low, names = (german.tokens(text) for text in (title_tags, summary, body, meta))
    return {
        "id": key,
        "title": title,
        "summary": summary,
        "description": body,
        # Pre-analysed text, weighted high to low: exact title words, then stems, then compound parts.
        "exact_hi": " ".join(head),
        "stem_hi": " ".join(map(german.stem, head)),
        "stem_mid": " ".join(map(german.stem, middle + names)),
        "stem_lo": " ".join(map(german.stem, low)),
        "parts": " ".join(german.parts_of(head + middle + low + names)),
        "vocabulary": sorted({w for w in set(german.words(all_text)) if german.fold_word(w) not in german.STOPWORDS}),
        "facets": {"type": [type], **(facets or {})},
        "data": {"id": key, "type": type, "title": title, "summary": summary, "date": date, **(data or {})},
    }


# -- reading all sources -----------------------------------------------------------------------
def documents():
    """Documents of everything indexable, streamed source by source."""
    return iter(Stream())


class Stream:
    """The documents of everything indexable, or of the indexable items among ``keys``, for a writer that takes
    them in ``batches`` (the database engine); iterating gives them one by one.

    With ``keys``, ``self.keys`` are those still indexable (read at once, one query per source).
    """

    def __init__(self, keys=None, size=500):
        self.size = size
        self._querysets = []
        found = set()
        for source in sources():
            queryset = source.queryset()
            if keys is not None:
                pks = source.pks(keys)
                if not pks:
                    continue
                present = list(queryset.filter(pk__in=pks).values_list("pk", flat=True))
                queryset = queryset.filter(pk__in=present)
                found.update(source.key(pk) for pk in present)
            self._querysets.append((source, queryset))
        self.keys = found if keys is not None else None

    def __iter__(self):
        return itertools.chain.from_iterable(self.batches())

    def batches(self):
        """The documents a batch at a time: taking the next batch reads its objects (and their prefetched
        relations); its documents are built as they are taken from it.

        So a writer can hand one batch to the database and build the next while the server writes (the database
        engine), with the reading of each batch between the writes.
        """
        for source, queryset in self._querysets:
            objects = queryset.iterator(chunk_size=self.size)
            while chunk := list(itertools.islice(objects, self.size)):
                yield map(source.document, chunk)


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
