"""The embedded engine: SQLite FTS5 locally, PostgreSQL full-text search in production.

One module per dialect (``sqlite.py``, ``postgres.py``) behind ``full_text()``, as in Wagtail's modelsearch.

It keeps its own index (``search.models.SearchDocument`` keyed by page id, a facet table, and an
FTS5 table or a weighted ``tsvector`` column) instead of Wagtail's database backend, whose ranking
and faceting are far too slow at 10,000 offers. Text arrives pre-analysed by ``search.german``, so
both dialects match the same words; they differ only in their full-text SQL.
"""

import functools
import heapq
import itertools
import json
import math
import operator
import re
import threading
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.bulk import insert_rows, pipelined

from ...bitmaps import FacetBitmaps
from ...documents import Stream
from ...models import (
    SearchChange,
    SearchDocument,
    SearchFacet,
    SearchIndexState,
    SearchTitleTerm,
    SearchTitleWord,
    SearchWord,
    SearchWrite,
)
from ..base import Engine, EngineResult
from . import prefixes
from .base import TEXT_COLUMNS, alternatives
from .postgres import PostgresText
from .sqlite import SqliteText

# A query whose every word is found in more than BROAD documents, and which still matches more than BROAD, is
# ranked in tiers (all words in the title words, in the title stems, in title, summary or names; then the
# rest), newest first within each tier, instead of by bm25 / ts_rank: for words nearly every offer contains,
# term frequencies say little, and scoring thousands of matches costs more than the rest of the search.
# Each broad word's tiers are worked out once per index version (``FacetBitmaps.remember``).
BROAD = 1000

# More changed documents than this since a process's bitmaps were built (an import, a taxonomy rename) and
# it builds them anew: moving each document's bits costs about 0.1 ms per bitmap at 50,000 documents.
INCREMENTAL = 500

# The columns each tier of ``FullText.tiers`` matches in, best first (both dialects use the same ones).
TIER_COLUMNS = (("exact_hi",), ("stem_hi",), ("exact_hi", "stem_hi", "stem_mid"), TEXT_COLUMNS)
ASCII_WORD = re.compile(r"[a-z0-9]+")
TOKEN = re.compile(r"[^\W_]+")


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
    def index(self, docs, batch_size=500):
        """Replace these documents (and their facets and text rows): a few statements per batch of them.

        An import's reindex of thousands of offers would otherwise cost five queries per document. ``docs`` may
        be a ``Stream`` of keys: each batch is then written while the next is built, as in ``rebuild``.
        """
        text = self.text
        if isinstance(docs, Stream):
            ids, parts = sorted(docs.keys), docs.batches()
        else:
            docs = list({doc["id"]: doc for doc in docs}.values())  # the last of each id, as one by one would leave
            ids, parts = [doc["id"] for doc in docs], _chunks(docs, batch_size)
        with transaction.atomic(), connection.cursor() as cursor, _checked_as_written(cursor):
            self._written(ids)
            replaced = prefixes.forget(ids)
            for start in range(0, len(ids), batch_size):
                batch_ids = ids[start : start + batch_size]
                SearchFacet.objects.filter(document_id__in=batch_ids).delete()
                SearchDocument.objects.filter(id__in=batch_ids).only("id").delete()  # the collector reads ids only
                text.delete(cursor, batch_ids)
            prefixes.add(replaced, self._write(cursor, text, parts, None))  # with their title words

    def remove(self, ids):
        ids = list(ids)
        with transaction.atomic(), connection.cursor() as cursor:
            self._written(ids)
            prefixes.replace(ids, [])
            SearchDocument.objects.filter(id__in=ids).only("id").delete()
            self.text.delete(cursor, ids)

    @staticmethod
    def _written(ids):
        """Note a write of these documents, first thing in its transaction (see ``SearchIndexState``)."""
        state, _ = SearchIndexState.objects.select_for_update().get_or_create(pk=1, defaults={"token": ""})
        state.token, state.seq = uuid.uuid4().hex, state.seq + 1
        state.save(update_fields=["token", "seq"])
        SearchWrite.objects.create(seq=state.seq, token=state.token)
        SearchWrite.objects.filter(seq__lte=state.seq - SearchWrite.KEPT).delete()
        SearchChange.objects.bulk_create(
            [SearchChange(document_id=doc_id, seq=state.seq) for doc_id in set(ids)],
            update_conflicts=True,
            unique_fields=["document_id"],
            update_fields=["seq"],
        )

    def rebuild(self, docs, progress=None, batch_size=500):
        # One transaction: readers keep seeing the old index until the new one is committed.
        text = self.text
        parts = docs.batches() if isinstance(docs, Stream) else _chunks(docs, batch_size)
        with transaction.atomic(), connection.cursor() as cursor, _checked_as_written(cursor):
            text.clear(cursor)
            # One statement per table, the rows pointing at documents first: Django's delete would load every
            # document and its facets first (a third of a rebuild's own time at 2,000 offers).
            for model in (SearchTitleWord, SearchFacet, SearchDocument):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - a table name from the models
            written = self._write(cursor, text, parts, progress)
            prefixes.rebuild(written)
            SearchChange.objects.all().delete()
            self.touch(base=True)
        return len(written)

    def _write(self, cursor, text, parts, progress):
        """Insert the documents of each part (a batch), and return them all.

        Each batch is written while the next one is built (on PostgreSQL the server works on one core and this
        process on the other); taking a part (reading its objects) waits until no write is in flight.
        """
        written, built = [], []
        for part in parts:
            with pipelined():
                self._insert(cursor, text, built, progress)
                built = list(part)
            written += built
        self._insert(cursor, text, built, progress)
        return written

    @staticmethod
    def _insert(cursor, text, docs, progress):
        insert_rows(SearchDocument, DOCUMENT_COLUMNS, _document_rows(docs))
        # About twenty facet values per document.
        insert_rows(
            SearchFacet,
            ("document_id", "field", "value"),
            (
                (doc["id"], name, value[:120])
                for doc in docs
                for name, values in doc["facets"].items()
                for value in values
            ),
        )
        text.insert(cursor, docs)
        prefixes.insert_title_words(docs)
        if progress and docs:
            progress(len(docs))

    def healthy(self):
        return True

    def count(self):
        return SearchDocument.objects.count()

    # -- reading -------------------------------------------------------------------------------
    def _matches(self, plan, bitmaps):
        """The matching documents as a bitmap, and how to rank them: scores, tiers, or neither (date).

        Every word of a query is in at least as many documents as all of them together, so a query is ranked
        in tiers exactly when more than BROAD documents have all its words. When each word's documents are
        remembered, their AND says so without SQL; otherwise the scored match itself, cut after BROAD + 1
        rows, tells: a narrow query (most never-asked ones) then costs one full-text query, not two.
        """
        if not plan.terms:
            return bitmaps.everything, None, None
        text = self.text
        sql, params = text.match(plan)
        if plan.match_all:
            known = [self._known_documents(bitmaps, term) for term in plan.terms]
            if None not in known:
                broad = functools.reduce(operator.and_, known).bit_count() > BROAD
                rows = None
            else:
                rows = text.rows(f"{sql} LIMIT %s", [*params, BROAD + 1])
                broad = len(rows) > BROAD
            if broad and (tiers := self._broad_tiers(plan.terms, bitmaps)):
                return tiers[-1], None, tiers
            if rows is not None and not broad:
                return self._scored(rows, bitmaps)
        return self._scored(text.rows(sql, params), bitmaps)

    @staticmethod
    def _scored(rows, bitmaps):
        scores = {doc_id: (bool(in_title), score) for doc_id, score, in_title in rows}
        return bitmaps.of_ids(scores), scores, None

    def _known_documents(self, bitmaps, term):
        """A word's documents if this snapshot remembers them (from its tiers or an id query), else None."""
        tiers = bitmaps.remembered(_key("tiers", [term]))
        if tiers:
            return tiers[-1]
        return bitmaps.remembered(_key("ids", [term]))

    def _broad_tiers(self, terms, bitmaps):
        """Tiers for documents with every word, if every word is broad and they share more than BROAD documents.

        A document is in a tier when each word is in that tier or a better one, so each tier is an AND of the
        words' cumulative tiers; the last one is every document with all the words. Each word's documents come
        first (one bitmap per word), so a narrow word or a small overlap spares working out any tiers, and the
        overlap of several words needs no query of its own.
        """
        text = self.text
        words = [self._documents(bitmaps, term) for term in terms]
        if any(word.bit_count() <= BROAD for word in words):
            return None
        if functools.reduce(operator.and_, words).bit_count() <= BROAD:
            return None
        tiers = None
        for term, anywhere in zip(terms, words, strict=True):
            found = self._remembered(
                bitmaps, "tiers", [term], lambda t, a=anywhere: [*_cumulative(bitmaps, text.tiers(t[0])), a]
            )
            tiers = found if tiers is None else [a & b for a, b in zip(tiers, found, strict=True)]
        return tiers

    def broad_words(self):
        """The indexed words (folded) in more than BROAD documents, most used first: the ones whose tiers
        are worth working out before anyone searches for them (``prepare``)."""
        counted = SearchWord.objects.values("word").annotate(total=Sum("documents")).filter(total__gt=BROAD)
        return list(counted.order_by("-total", "word").values_list("word", flat=True))

    def prepare(self, terms):
        """Work out and remember each broad term's documents and tiers now, so that the first search for it
        reads them (the work of a never-asked broad word: two full-text queries over thousands of offers)."""
        bitmaps = self.bitmaps()
        for term in terms:
            self._broad_tiers([term], bitmaps)

    def _documents(self, bitmaps, term):
        """The documents with this word anywhere: the last of its remembered tiers if there are any (they
        outlive writes), else one query, remembered as a bitmap for this index version."""
        known = self._known_documents(bitmaps, term)
        if known is not None:
            return known
        return self._remembered(bitmaps, "ids", [term], lambda t: bitmaps.of_ids(self.text.ids(t[0])))

    @staticmethod
    def _remembered(bitmaps, what, terms, compute):
        """A word's documents or tiers, worked out once per index version (``FacetBitmaps.remember``)."""
        key = _key(what, terms)
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
        data = _documents_data(ids)
        return EngineResult(
            ids=ids, total=hits.bit_count(), facet_counts=facet_counts, data={i: _json(v) for i, v in data.items()}
        )

    def bitmaps(self):
        """This process's facet bitmaps, brought up to date when the index has changed since they were built."""
        token, base, seq = _index_state() or ("", "", 0)
        key = (connection.alias, connection.settings_dict["NAME"])
        cached = _bitmaps.get(key)
        if cached is None or cached.token != token:
            # One thread updates or builds; the others wait for it instead of each making its own copy.
            with _bitmaps_lock:
                cached = _bitmaps.get(key)
                if cached is None or cached.token != token:
                    written = _written_token(seq)
                    cached = _Snapshot(token, base, seq, written, self._bitmaps_since(cached, base, seq))
                    _bitmaps[key] = cached
        return cached.bitmaps

    @staticmethod
    def _bitmaps_since(cached, base, seq):
        """The cached bitmaps with the documents changed since they were built, or new ones after a rebuild
        (a new base) or many changes."""
        if (
            cached is not None
            and (cached.base, cached.written) == (base, _written_token(cached.seq))
            and cached.seq <= seq
        ):
            changes = SearchChange.objects.filter(seq__gt=cached.seq).values_list("document_id", flat=True)
            ids = list(changes[: INCREMENTAL + 1])
            if len(ids) <= INCREMENTAL:
                rows = SearchDocument.objects.filter(id__in=ids).values_list("id", "sort_date", *TEXT_COLUMNS)
                facets = {}
                for doc_id, field, value in SearchFacet.objects.filter(document_id__in=ids).values_list(
                    "document_id", "field", "value"
                ):
                    facets.setdefault(doc_id, set()).add((field, value))
                changed = [(row[0], row[1], facets.get(row[0], set()), _tier_words(row[2:])) for row in rows]
                gone = set(ids) - {row[0] for row in changed}
                return cached.bitmaps.updated(gone, changed, _tier_of)
        documents = SearchDocument.objects.values_list("id", "sort_date").iterator(chunk_size=5000)
        rows = SearchFacet.objects.values_list("document_id", "field", "value").iterator(chunk_size=5000)
        return FacetBitmaps(documents, rows)

    def suggest(self, prefix, limit=8, types=("offer",)):
        """Display data of documents with a title word starting with ``prefix``: the most used such words
        first, each word's documents newest first (``prefixes``: distinct words, then one word's index)."""
        words = (
            SearchTitleTerm.objects.filter(self.text.prefix("word", prefix), type__in=types)
            .order_by("-documents", "word")
            .values_list("word", flat=True)
        )
        found = {}
        for word in words[:limit]:
            rows = (
                SearchTitleWord.objects.filter(word=word, type__in=types)
                .order_by("age", "document_id")
                .values_list("document_id", "document__data")
            )
            for doc_id, data in rows[: limit - len(found)]:
                found.setdefault(doc_id, _json(data))
            if len(found) >= limit:
                break
        return list(found.values())

    def complete(self, forms, limit=5):
        """The most used spellings of indexed words that start with one of ``forms`` (folded prefixes) and
        are longer than the first, most used first."""
        starts = Q()
        for form in forms:
            starts |= self.text.prefix("word", form)
        found = spellings(SearchWord.objects.filter(starts).values_list("word", "spelling", "documents"))
        longer = ((-count, written) for word, (count, written) in found.items() if len(word) > len(forms[0]))
        return [written for _count, written in heapq.nsmallest(limit, longer)]

    def vocabulary(self):
        """Every indexed word (folded) -> (number of documents using it, its most used spelling), for corrections."""
        return spellings(SearchWord.objects.values_list("word", "spelling", "documents").iterator(chunk_size=5000))

    def version(self):
        """A token that changes with every write to the index; keys caches derived from it."""
        state = _index_state()
        return state[0] if state else ""

    @staticmethod
    def touch(base=False):
        """A new version token; with ``base``, also a new base: every process builds its bitmaps anew."""
        defaults = {"token": uuid.uuid4().hex}
        if base:
            defaults["base"] = uuid.uuid4().hex
        SearchIndexState.objects.update_or_create(pk=1, defaults=defaults)


@dataclass(frozen=True)
class _Snapshot:
    token: str
    base: str
    seq: int
    written: str  # the token of write ``seq`` (``SearchWrite``), "" if none
    bitmaps: FacetBitmaps


_bitmaps = {}
_bitmaps_lock = threading.Lock()


def _written_token(seq):
    return SearchWrite.objects.filter(seq=seq).values_list("token", flat=True).first() or ""


def _key(what, terms):
    return (what, *((*alternatives(term), term.parts) for term in terms))


def _tier_words(columns):
    """A document's words in the columns of each tier, from its text columns (``TEXT_COLUMNS``)."""
    text = dict(zip(TEXT_COLUMNS, columns, strict=True))
    return [{word for name in names for word in TOKEN.findall(text[name])} for names in TIER_COLUMNS]


def _tier_of(key, tier_words):
    """For ``FacetBitmaps.updated``: where a changed document (``_tier_words``) goes in a word's remembered
    tiers (the first it is in, ``math.inf`` for none) or documents (0 if it has the word anywhere), as
    ``FullText.tiers`` and ``FullText.ids`` would find it; None for words the full-text tokenizers might split
    differently (only plain ASCII words and numbers are placed)."""
    if key[0] not in ("tiers", "ids") or len(key) != 2:
        return None
    *forms, parts = key[1]
    if not all(ASCII_WORD.fullmatch(word) for word in [*forms, *parts]):
        return None
    for tier, words in enumerate(tier_words):
        if any(form in words for form in forms) or (parts and all(part in words for part in parts)):
            return tier if key[0] == "tiers" else 0
    return math.inf


def spellings(rows):
    """Folded word -> (documents using it, most used spelling) from (word, spelling, documents) rows."""
    forms = {}
    for word, written, count in rows:
        forms.setdefault(word, Counter())[written] += count
    return {
        word: (sum(counts.values()), min(counts.items(), key=lambda item: (-item[1], item[0]))[0])
        for word, counts in forms.items()
    }


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


DOCUMENT_COLUMNS = ("id", "data", *TEXT_COLUMNS, "vocabulary", "sort_date", "updated_at")


def _document_rows(docs):
    """``SearchDocument`` rows in ``DOCUMENT_COLUMNS`` order, for ``insert_rows`` (``bulk_create`` ran each of
    100,000 values through the SQL compiler: a third of a rebuild's writing time)."""
    now = timezone.now()
    for doc in docs:
        date = doc["data"].get("date")
        yield (
            doc["id"],
            doc["data"],
            *(doc[c] for c in TEXT_COLUMNS),
            " ".join(doc["vocabulary"]),
            parse_datetime(date) if date else None,
            now,
        )


@contextmanager
def _checked_as_written(cursor):
    """PostgreSQL: the facet and title word rows' references to their documents checked by each statement, not
    all at the commit (0.6 s at 10,000 documents while this process waits): in a rebuild the server checks one
    batch while this process builds the next."""
    if connection.vendor != "postgresql":
        yield
        return
    names = [
        connection.ops.quote_name(name)
        for model in (SearchFacet, SearchTitleWord)
        for name, constraint in connection.introspection.get_constraints(cursor, model._meta.db_table).items()
        if constraint["foreign_key"] == (SearchDocument._meta.db_table, "id")
    ]
    cursor.execute(f"SET CONSTRAINTS {', '.join(names)} IMMEDIATE")
    yield
    cursor.execute(f"SET CONSTRAINTS {', '.join(names)} DEFERRED")  # as declared, for the rest of a transaction


def _chunks(docs, size):
    docs = iter(docs)
    while chunk := list(itertools.islice(docs, size)):
        yield chunk


# The two reads of every search, in plain SQL: building and compiling them through the ORM cost about ten times
# the queries themselves (SQLite, 10,000 offers: 0.22 and 0.34 ms against 0.02 and 0.04 ms of CPU), a tenth of
# an API request (benchmarks/RESULTS.md, HTTP).
def _index_state():
    """(token, base, seq) of the index, or None before its first write."""
    table = connection.ops.quote_name(SearchIndexState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, base, seq FROM {table} WHERE id = %s", [1])  # noqa: S608 - a model's table
        return cursor.fetchone()


def _documents_data(ids):
    """The stored display data of these documents, by id (as ``_json`` reads it)."""
    if not ids:
        return {}
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, data FROM {table} WHERE id IN ({marks})", list(ids))  # noqa: S608 - placeholders
        return dict(cursor.fetchall())


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
