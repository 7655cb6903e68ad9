"""The embedded engine: SQLite FTS5 locally, PostgreSQL full-text search in production.

One module per dialect (``sqlite.py``, ``postgres.py``) behind ``full_text()``, as in Wagtail's modelsearch.

It keeps its own index (``search.models.SearchDocument`` keyed by page id, a facet table, and an
FTS5 table or a weighted ``tsvector`` column) instead of Wagtail's database backend, whose ranking
and faceting are far too slow at 10,000 offers. Text arrives pre-analysed by ``search.german``, so
both dialects match the same words; they differ only in their full-text SQL.
"""

import functools
import heapq
import json
import math
import operator
import threading
import uuid
from collections import Counter

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F
from django.utils.dateparse import parse_datetime

from ... import german
from ...bitmaps import FacetBitmaps
from ...models import SearchDocument, SearchFacet, SearchIndexState
from ..base import Engine, EngineResult
from .base import TEXT_COLUMNS, alternatives
from .postgres import PostgresText
from .sqlite import SqliteText

# A query whose every word is found in more than BROAD documents, and which still matches more than BROAD, is
# ranked in tiers (all words in the title words, in the title stems, in title, summary or names; then the
# rest), newest first within each tier, instead of by bm25 / ts_rank: for words nearly every offer contains,
# term frequencies say little, and scoring thousands of matches costs more than the rest of the search.
# Each broad word's tiers are worked out once per index version (``FacetBitmaps.remember``).
BROAD = 1000


DIALECTS = {"sqlite": SqliteText, "postgresql": PostgresText}


def full_text(vendor):
    """The full-text part for a database vendor; the engine runs on SQLite and PostgreSQL only."""
    try:
        return DIALECTS[vendor]()
    except KeyError:
        raise ImproperlyConfigured(f"The database search engine needs SQLite or PostgreSQL, not {vendor}.") from None


class DatabaseEngine(Engine):
    """Documents of every type share one index; the catalogue narrows to offers with the ``type`` facet."""

    name = "database"

    @property
    def text(self):
        return full_text(connection.vendor)

    # -- writing -------------------------------------------------------------------------------
    def index(self, docs):
        text = self.text
        with transaction.atomic(), connection.cursor() as cursor:
            for doc in docs:
                SearchDocument.objects.update_or_create(id=doc["id"], defaults=_row(doc))
                SearchFacet.objects.filter(document_id=doc["id"]).delete()
                SearchFacet.objects.bulk_create(
                    SearchFacet(document_id=doc["id"], field=name, value=value[:120])
                    for name, values in doc["facets"].items()
                    for value in values
                )
                text.write(cursor, doc)
            self.touch()

    def remove(self, ids):
        ids = list(ids)
        with transaction.atomic(), connection.cursor() as cursor:
            SearchDocument.objects.filter(id__in=ids).delete()
            self.text.delete(cursor, ids)
            self.touch()

    def rebuild(self, docs, progress=None, batch_size=500):
        # One transaction: readers keep seeing the old index until the new one is committed.
        text = self.text
        with transaction.atomic(), connection.cursor() as cursor:
            text.clear(cursor)
            SearchDocument.objects.all().delete()
            batch = []
            for doc in docs:
                batch.append(doc)
                if len(batch) == batch_size:
                    self._insert(cursor, text, batch, progress)
                    batch = []
            self._insert(cursor, text, batch, progress)
            self.touch()

    @staticmethod
    def _insert(cursor, text, docs, progress):
        SearchDocument.objects.bulk_create(SearchDocument(id=doc["id"], **_row(doc)) for doc in docs)
        SearchFacet.objects.bulk_create(
            SearchFacet(document_id=doc["id"], field=name, value=value[:120])
            for doc in docs
            for name, values in doc["facets"].items()
            for value in values
        )
        for doc in docs:
            text.write(cursor, doc)
        if progress and docs:
            progress(len(docs))

    def healthy(self):
        return True

    def count(self):
        return SearchDocument.objects.count()

    # -- reading -------------------------------------------------------------------------------
    def _matches(self, plan, bitmaps):
        """The matching documents as a bitmap, and how to rank them: scores, tiers, or neither (date)."""
        if not plan.terms:
            return bitmaps.everything, None, None
        if plan.match_all and (tiers := self._broad_tiers(plan.terms, bitmaps)):
            return tiers[-1], None, tiers
        text = self.text
        scores = {doc_id: (bool(in_title), score) for doc_id, score, in_title in text.rows(*text.match(plan))}
        return bitmaps.of_ids(scores), scores, None

    def _broad_tiers(self, terms, bitmaps):
        """Tiers for documents with every word, if every word is broad and they share more than BROAD documents.

        A document is in a tier when each word is in that tier or a better one, so each tier is an AND of the
        words' cumulative tiers; the last one is every document with all the words. Each word's documents come
        first (one bitmap per word), so a narrow word or a small overlap spares working out any tiers, and the
        overlap of several words needs no query of its own.
        """
        text = self.text
        words = [self._remembered(bitmaps, "ids", [term], lambda t: bitmaps.of_ids(text.ids(t[0]))) for term in terms]
        if any(word.bit_count() <= BROAD for word in words):
            return None
        shared = functools.reduce(operator.and_, words)
        if shared.bit_count() <= BROAD:
            return None
        tiers = None
        for term, anywhere in zip(terms, words, strict=True):
            head = self._remembered(bitmaps, "tiers", [term], lambda t: _cumulative(bitmaps, text.tiers(t[0])))
            found = [*head, anywhere]
            tiers = found if tiers is None else [a & b for a, b in zip(tiers, found, strict=True)]
        return tiers

    @staticmethod
    def _remembered(bitmaps, what, terms, compute):
        """A word's documents or tiers, worked out once per index version (``FacetBitmaps.remember``)."""
        key = (what, *((*alternatives(term), term.parts) for term in terms))
        value = bitmaps.remembered(key)
        if value is None:
            value = compute(terms)
            bitmaps.remember(key, value)
        return value

    def search(self, plan):
        bitmaps = self.bitmaps()
        matches, scores, tiers = self._matches(plan, bitmaps)
        filters = {name: bitmaps.filter(name, values) for name, values in plan.filters.items()}

        def within(skip=None):
            bits = matches
            for name, filter_bits in filters.items():
                if name != skip:
                    bits &= filter_bits
            return bits

        hits = within()
        # Disjunctive counts: each facet is counted within every filter but its own.
        facet_counts = {name: bitmaps.counts(name, within(skip=name)) for name in plan.facets}
        preferred = 0
        for name, values in plan.prefer.items():
            preferred |= bitmaps.filter(name, values)
        if tiers is not None or scores is None:
            # Tiers (or, without text, one tier), each split into the preferred documents and the rest.
            tiers = tiers if tiers is not None else [hits]
            split = [part for tier in tiers for part in ((tier & preferred, tier) if preferred else (tier,))]
            ids = bitmaps.first_in_tiers([tier & hits for tier in split], plan.offset, plan.limit)
        else:
            # Every word in the title or tags first, then by score; at about equal score (within 25 %) preferred
            # documents first, then newest first (positions are in newest-first order). Only one page is sorted.
            position = bitmaps.position
            prefers = bitmaps.members(preferred) if preferred else (lambda pos: False)
            ranked = (
                (not in_title, -_about(score), not prefers(position[i]), -score, position[i])
                for i, (in_title, score) in scores.items()
                if i in position
            )
            if hits != matches:
                member = bitmaps.members(hits)
                ranked = (key for key in ranked if member(key[-1]))
            top = heapq.nsmallest(plan.offset + plan.limit, ranked)
            ids = [bitmaps.ids[key[-1]] for key in top[plan.offset :]]
        data = dict(SearchDocument.objects.filter(id__in=ids).values_list("id", "data"))
        return EngineResult(
            ids=ids, total=hits.bit_count(), facet_counts=facet_counts, data={i: _json(v) for i, v in data.items()}
        )

    def bitmaps(self):
        """This process's facet bitmaps, rebuilt when the index has changed since they were built."""
        token = self.version()
        key = (connection.alias, connection.settings_dict["NAME"])
        cached = _bitmaps.get(key)
        if cached is None or cached[0] != token:
            # One thread builds (about 0.1 s at 10,000 documents); the others wait for it instead of each
            # building its own copy after every write.
            with _bitmaps_lock:
                cached = _bitmaps.get(key)
                if cached is None or cached[0] != token:
                    ordered = SearchDocument.objects.order_by(F("sort_date").desc(nulls_last=True), "-id")
                    rows = SearchFacet.objects.values_list("document_id", "field", "value").iterator(chunk_size=5000)
                    cached = (token, FacetBitmaps(ordered.values_list("id", flat=True), rows))
                    _bitmaps[key] = cached
        return cached[1]

    def suggest(self, prefix, limit=8, types=("offer",)):
        sql, params = self.text.prefix(prefix)
        of_type = ", ".join(["%s"] * len(types))
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH m AS ({sql}) SELECT d.data FROM m JOIN search_searchdocument d ON d.id = m.id "  # noqa: S608 - placeholders and dialect SQL only
                "WHERE EXISTS (SELECT 1 FROM search_searchfacet f WHERE f.document_id = d.id "
                f"AND f.field = 'type' AND f.value IN ({of_type})) "
                "ORDER BY m.score DESC, d.sort_date DESC LIMIT %s",
                params + list(types) + [limit],
            )
            return [_json(row[0]) for row in cursor.fetchall()]

    def vocabulary(self):
        """Every indexed word (folded) -> (number of documents using it, its most used spelling), for corrections."""
        return spellings(SearchDocument.objects.values_list("vocabulary", flat=True).iterator(chunk_size=2000))

    def version(self):
        """A token that changes with every write to the index; keys caches derived from it."""
        state = SearchIndexState.objects.filter(pk=1).values_list("token", flat=True).first()
        return state or ""

    @staticmethod
    def touch():
        SearchIndexState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


_bitmaps = {}
_bitmaps_lock = threading.Lock()


def spellings(vocabularies):
    """Folded word -> (documents using it, most used spelling) from each document's words as written."""
    forms = {}
    for words in vocabularies:
        for written in words.split():
            forms.setdefault(german.fold(written), Counter())[written] += 1
    return {word: (sum(counts.values()), counts.most_common(1)[0][0]) for word, counts in forms.items()}


def _about(score):
    """Scores within about 25 % of each other share a value: "equal relevance" for preferring local offers
    (title length and provider names move ts_rank and bm25 by more than 10 % for the same matched words)."""
    return round(math.log(score) * 4) if score > 0 else -1_000


def _cumulative(bitmaps, groups):
    """Bitmaps of the ids in each group or an earlier one."""
    tiers, seen = [], 0
    for ids in groups:
        seen |= bitmaps.of_ids(ids)
        tiers.append(seen)
    return tiers


def _row(doc):
    date = doc["data"].get("date")
    return {
        "data": doc["data"],
        **{c: doc[c] for c in TEXT_COLUMNS},
        "vocabulary": " ".join(doc["vocabulary"]),
        "sort_date": parse_datetime(date) if date else None,
    }


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
