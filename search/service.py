"""The one entry point for every reader and writer of the search index.

It picks the engine from settings, turns a ``SearchQuery`` into a plan (German analysis and
synonyms, once for both engines), falls back to the database engine when Elasticsearch cannot
answer, suggests spellings, attaches facet labels and records searches that found nothing.
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from rapidfuzz import fuzz, process

from core.batch import collecting, defer
from core.bulk import gc_paused
from core.cache import per_generation, per_generation_and_language

from . import degraded as degraded_answer
from . import german
from .documents import OFFER, Stream, documents, documents_for_keys
from .engines.base import EngineUnavailable, IndexMissing, SearchPlan, Term
from .engines.database import DatabaseEngine
from .facets import OFFERS, facet, facets, switch_names
from .models import PendingChange, ZeroResultQuery
from .synonyms import synonym_map

logger = logging.getLogger(__name__)

REFILL_LOCK = "search-refill-lock"
REFILL_LOCK_SECONDS = 600  # longer than any rebuild; a crashed process's lock runs out


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    id: int
    data: dict
    highlight: dict


@dataclass
class SearchResult:
    hits: list
    total: int
    facets: dict  # facet -> [FacetValue]
    engine: str
    degraded: bool = False
    partial: bool = False  # no offer matched every word; these are the best partial matches
    suggestion: str = ""  # "Meinten Sie …?": a correction that would not find more
    switch_counts: dict = field(default_factory=dict)  # switch -> how many hits it would keep when on
    searched_for: str = ""  # the text actually searched (the correction, when one was applied)
    corrected_from: str = ""  # the text as typed, when the results are for a correction of it
    typed_total: int = 0  # what the text as typed found (the unmet-demand report counts it)


class SearchService:
    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback

    # -- reading -------------------------------------------------------------------------------
    def search(self, query, record=True):
        """Results for the query, or for its spelling correction when the query finds nothing or little
        and the correction finds more, or every word (then ``corrected_from`` holds the text as typed)."""
        result = typed = self._search(query)
        correction = ""
        if query.text and query.correct and typed.total <= settings.FEW_RESULTS:
            correction = self.did_you_mean(query.text)
        if correction:
            corrected = self._search(replace(query, text=correction))
            if better(corrected, typed):
                corrected.corrected_from = query.text
                result = corrected
            else:
                typed.suggestion = correction
                correction = ""
        result.typed_total = typed.total
        if record and query.scope == OFFERS:
            self.record_unmet_demand(query, typed.total, correction)
        return result

    def _search(self, query):
        plan = self.plan(query)
        engine, degraded = self.primary, False
        try:
            raw = _all_words_or_best_partial(engine, plan)
        except EngineUnavailable as exc:
            logger.warning("Search engine %s unavailable, answering from the database: %s", engine.name, exc)
            engine, degraded = self.fallback, True
            degraded_answer.mark()
            plan.match_all = True
            raw = _all_words_or_best_partial(engine, plan)

        query_stems = {s for t in plan.terms for s in t.stems | t.exact | set(t.parts)}
        hits = [
            Hit(id=i, data=raw.data[i], highlight=raw.highlights.get(i) or _highlight(raw.data[i], query_stems))
            for i in raw.ids
            if i in raw.data
        ]
        result = SearchResult(
            hits=hits,
            total=raw.total,
            facets=self._facets(raw.facet_counts, query),
            engine=engine.name,
            degraded=degraded,
            partial=not plan.match_all,
        )
        result.switch_counts = {
            name: raw.facet_counts.get(name, {}).get("true", 0) for name in switch_names(query.scope)
        }
        result.searched_for = query.text
        return result

    @staticmethod
    def record_unmet_demand(query, count, correction=""):
        """Note a search that found nothing or little (normalised words, filters, count, the correction shown
        instead; no personal data)."""
        if count <= settings.FEW_RESULTS and (query.text or query.filters) and query.page == 1:
            ZeroResultQuery.objects.create(
                query=" ".join(german.tokens(query.text))[:200],
                filters={k: list(v) for k, v in query.filters.items()},
                result_count=count,
                correction=correction[:200],
            )

    def version(self):
        """Changes with every index write (the database index is always written, whatever the engine)."""
        return self.fallback.version()

    def matching_ids(self, query, limit=5000):
        """Ids of every offer the query finds (up to ``limit``), best first: for feeds and exports."""
        plan = self.plan(query)
        plan.offset, plan.limit, plan.facets = 0, limit, ()
        try:
            return self.primary.search(plan).ids
        except EngineUnavailable:
            degraded_answer.mark()
            return self.fallback.search(plan).ids

    def plan(self, query):
        filters = {}
        for name, values in query.filters.items():
            normalise = facet(name).normalise
            filters[name] = tuple(normalise(v) for v in values) if normalise else values
        for name, on in query.switches.items():
            filters[name] = ("true" if on else "false",)
        if query.scope == OFFERS:
            filters["type"] = (OFFER,)  # the catalogue, its API and feeds never see other content
        counted = tuple(f.name for f in facets(query.scope) if f.counted)
        prefer = {
            facet(name).prefers: values
            for name, values in filters.items()
            if name in query.filters and facet(name).prefers
        }
        return SearchPlan(
            terms=analyse(query.text),
            filters=filters,
            offset=query.offset,
            limit=query.page_size,
            facets=counted,
            prefer=prefer,
        )

    def suggest(self, prefix, limit=8, types=(OFFER,)):
        """Display data of items whose title has a word starting like the last word of ``prefix``, folded as
        search folds ("Uebungs" finds "Übungsleitende")."""
        folded = german.tokens(prefix)
        if not folded:
            return []
        found = {}
        for form in german.prefix_forms(folded[-1]):
            try:
                items = self.primary.suggest(form, limit, types)
            except EngineUnavailable:
                degraded_answer.mark()
                items = self.fallback.suggest(form, limit, types)
            for item in items:
                found.setdefault(item.get("url") or item.get("id"), item)
        return list(found.values())[:limit]

    def complete_terms(self, prefix, limit=5):
        """Search texts completing the last word of ``prefix`` from the indexed words, most used first and
        spelled as in the offers ("Workshop zivi" → "Workshop Zivilcourage"); shared by both engines."""
        typed = german.words(prefix)
        if not typed or len(german.fold(typed[-1])) < 2:
            return []
        head = prefix[: prefix.rfind(typed[-1])]
        return [head + written for written in self.fallback.complete(german.prefix_forms(typed[-1]), limit)]

    def did_you_mean(self, text):
        """The text with each word the index does not know replaced by its closest indexed word, as written
        in the offers ("zivilkurage" → "Zivilcourage"); "" when there is nothing to correct.

        Words the index knows, numbers, synonyms and compounds of known words are kept as typed. Both engines
        share this corrector: its vocabulary is the database index's, which is written whatever the engine.
        """
        vocabulary = _vocabulary(self.fallback.version())
        if not vocabulary:
            return ""
        synonyms = synonym_map()
        changed, out = False, []
        for typed in german.words(text):
            word = german.fold(typed)
            if (
                word in vocabulary
                or word in german.STOPWORDS
                or not word.isalpha()
                or len(word) < 4
                or german.stem(word) in synonyms
                or german.query_parts(word)
            ):
                out.append(typed)
                continue
            matches = process.extract(word, vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=75, limit=5)
            if matches:
                best = max(matches, key=lambda m: (m[1], vocabulary[m[0]][0]))[0]
                out.append(vocabulary[best][1])
                changed = True
            else:
                out.append(typed)
        return " ".join(out) if changed else ""

    def _facets(self, counts, query):
        labels = facet_labels()
        facets = {}
        for name in query.facet_names:
            selected = set(query.selected(name))
            values = counts.get(name, {})
            facets[name] = [
                FacetValue(value=slug, label=label, count=values.get(slug, 0), selected=slug in selected)
                for slug, label in labels[name]
                if values.get(slug, 0) or slug in selected
            ]
        return facets

    # -- writing -------------------------------------------------------------------------------
    def index_documents(self, docs):
        self.fallback.index(docs)
        if self.primary is not self.fallback:
            self._write_primary(lambda: self.primary.index(docs), [d["id"] for d in docs])

    def remove(self, ids):
        ids = list(ids)
        self.fallback.remove(ids)
        if self.primary is not self.fallback:
            self._write_primary(lambda: self.primary.remove(ids), ids)

    def _write_primary(self, write, ids):
        try:
            try:
                write()
            except IndexMissing:
                self._refill()  # new, or restarted empty: the rebuild from the database includes this change
        except EngineUnavailable as exc:
            logger.warning("Elasticsearch missed %d changes, queued for sync: %s", len(ids), exc)
            for doc_id in ids:
                PendingChange.objects.update_or_create(document_id=doc_id)

    def sync(self):
        """Bring the primary engine up to date and return how many documents it got: all of them when it has
        no index (new, or restarted empty), else the queued changes it missed.

        The queue belongs to the Elasticsearch engine: a process configured for the database engine alone
        (a container without ``SEARCH_BACKEND``) leaves it for the process that can deliver it.
        """
        if self.primary is self.fallback:
            return 0
        if not self.primary.has_index():  # Elasticsearch lost its data: rebuild rather than patch
            return self._refill()
        pending = list(PendingChange.objects.values_list("document_id", flat=True))
        if not pending:
            return 0
        docs, gone = documents_for_keys(pending)
        if docs:
            self.primary.index(docs)
        if gone:
            self.primary.remove(gone)
        PendingChange.objects.filter(document_id__in=pending).delete()
        return len(pending)

    def _refill(self):
        """Rebuild the primary engine's index from the database, one process at a time (shared cache lock)."""
        if not cache.add(REFILL_LOCK, "1", timeout=REFILL_LOCK_SECONDS):
            raise EngineUnavailable("another process is refilling the index")
        try:
            pending = list(PendingChange.objects.values_list("document_id", flat=True))
            docs = list(documents())
            self.primary.rebuild(docs)
            logger.warning("Elasticsearch had no index: refilled with %d documents", len(docs))
            PendingChange.objects.filter(document_id__in=pending).delete()  # later ones wait for the next sync
            return len(docs)
        finally:
            cache.delete(REFILL_LOCK)

    @gc_paused()  # the documents and the objects they were built from live until written: no cycle collection
    def rebuild(self, progress=None):
        if self.primary is self.fallback:
            return self.fallback.rebuild(Stream(), progress=progress)
        docs = list(documents())
        # The node indexes while this process writes the database's copy (the Elasticsearch engine does not use
        # the database, so it may run in a thread of its own): the slower of the two, not their sum.
        with ThreadPoolExecutor(max_workers=1) as pool:
            loading = pool.submit(self.primary.rebuild, docs, progress=progress)
            self.fallback.rebuild(docs, progress=None)
            loading.result()
        PendingChange.objects.all().delete()
        return len(docs)


def better(corrected, typed):
    """Whether a correction's results are worth showing at once instead of the typed text's.

    Only words the index does not know are corrected, so what the typed text finds comes from partial
    matches or (on Elasticsearch) fuzziness: the correction wins unless it finds fewer, or only partially.
    """
    if corrected.total == 0 or (corrected.partial and not typed.partial):
        return False
    return corrected.total >= typed.total or (typed.partial and not corrected.partial)


def _all_words_or_best_partial(engine, plan):
    """Offers with every word; when there are none for several words, the best partial matches."""
    raw = engine.search(plan)
    if plan.terms and raw.total == 0 and len(plan.terms) > 1:
        plan.match_all = False
        raw = engine.search(plan)
    return raw


def analyse(text):
    """Query words as terms: folded word, its stem, the stems of its synonyms, and a compound's parts."""
    synonyms = synonym_map()
    terms = []
    for word in german.tokens(text)[:32]:
        if word.isdigit() and len(word) < 4:
            continue  # "Klasse 8": a grade or age is context, not a word offers must contain
        exact = {word}
        stems = {german.stem(word)}
        for alternative in synonyms.get(german.stem(word), ()):
            exact.update(german.tokens(alternative))
            stems.update(german.stems(alternative))
        terms.append(Term(text=word, exact=frozenset(exact), stems=frozenset(stems), parts=german.query_parts(word)))
    return terms


@per_generation
def _facet_choices():
    return {f.name: list(f.choices()) for f in facets() if f.counted and f.choices is not None}


@per_generation_and_language
def facet_labels():
    """Each listed facet's values with their labels, in display order, as strings of the current language (a
    lazy label is translated again each time it is read, about 30 times a search)."""
    return {name: [(value, str(label)) for value, label in choices] for name, choices in _facet_choices().items()}


@lru_cache(maxsize=2)
def _vocabulary(version):
    return DatabaseEngine().vocabulary()


def _highlight(data, query_stems):
    return {key: german.highlight(data.get(key, ""), query_stems) for key in ("title", "summary")}


def make_engine(name):
    if name == "elasticsearch":
        from .engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(
            settings.ELASTICSEARCH_URL, index=settings.ELASTICSEARCH_INDEX, timeout=settings.ELASTICSEARCH_TIMEOUT
        )
    return DatabaseEngine()


_services = {}


def warm_up(broad_words=200):
    """Load what a process's first searches would otherwise wait for (seconds at 10,000 offers): the word
    frequencies for compound splitting and, when the database engine answers, its facet bitmaps and the
    ranking tiers of the ``broad_words`` most used words (each in more than ``BROAD`` offers, such as the
    target-group names; a write carries them over). gunicorn calls it for each worker before it takes requests
    (``post_worker_init`` in gunicorn.conf.py); the search benchmark does the same."""
    from .compounds import frequencies

    started = time.perf_counter()
    frequencies()  # every engine's query analysis splits compounds
    engine = search_service().primary
    words = []
    if isinstance(engine, DatabaseEngine):  # Elasticsearch's own caches warm on its node, not here
        words = engine.broad_words()[:broad_words]
        engine.prepare(term for word in words for term in analyse(word))
    logger.info("Search warmed up in %.1f s (%d broad words)", time.perf_counter() - started, len(words))


def search_service():
    """The service for the configured engine (one per process and engine setting)."""
    key = (settings.SEARCH_BACKEND, settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)
    if key not in _services:
        fallback = DatabaseEngine()
        primary = fallback if settings.SEARCH_BACKEND == "database" else make_engine(settings.SEARCH_BACKEND)
        _services[key] = SearchService(primary, fallback)
    return _services[key]


def on_commit_index(keys):
    """Reindex these items after the commit (inside ``one_index_batch``: together with the batch's others)."""
    defer(_index_after_commit, frozenset(keys))


def _index_after_commit(key_sets):
    keys = set().union(*key_sets)
    transaction.on_commit(lambda: reindex(keys))


# For code that saves many items in one transaction (an import): the keys ``on_commit_index`` gets inside are
# queued as one reindex after the commit (one query per source, one index write), none if the block raises.
one_index_batch = collecting


def reindex(keys):
    """Bring the index in line with the current state of the items with these keys."""
    service = search_service()
    if service.primary is service.fallback:
        # The database engine alone: it writes a batch of documents while it builds the next.
        docs = Stream(keys)
        if docs.keys:
            service.fallback.index(docs)
        gone = set(keys) - docs.keys
        if gone:
            service.remove(gone)
        return
    docs, gone = documents_for_keys(keys)
    if docs:
        service.index_documents(docs)
    if gone:
        service.remove(gone)
