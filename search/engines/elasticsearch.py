"""The Elasticsearch engine, built on elasticsearch-dsl.

The index lives behind an alias: a rebuild fills a new, versioned index and moves the alias in one
atomic call, so readers never see an empty index. Text is indexed twice: pre-analysed by
``search.german`` (the same tokens the database engine uses, so both match alike) and raw with the
built-in ``german`` analyzer, which adds typo tolerance (fuzziness, asked only when exact forms find
few results) and highlighting.
"""

import logging
import time
import uuid
from collections import deque

from django.conf import settings
from elastic_transport import SerializationError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, parallel_bulk
from elasticsearch_dsl import Completion, Date, Keyword, Long, MultiSearch, Object, Q, Search, Text

from .. import german
from ..compat import PlainMediaTypeNode
from ..facets import field_names
from .base import Engine, EngineResult, EngineUnavailable, IndexMissing

logger = logging.getLogger(__name__)

# Weights of the pre-analysed fields: title words exactly, then stems of title, summary, body, parts.
WEIGHTS = {"exact_hi": 12, "stem_hi": 6, "stem_mid": 3, "stem_lo": 1, "parts": 0.5}
# All the words of those fields in one, unscored: the facet counts only need to know which offers match, and
# one field's postings are read once instead of five fields' (half the counting search's time on the node).
ANYWHERE = "anywhere"
FUZZY_BOOST = 0.3
# The closest spellings in the index a misspelt word may stand for, per field. Working out the default 50
# was nearly all of a fuzzy search's time on the node at 50,000 offers (rewrite 17 ms, with 10: 5 ms).
FUZZY_EXPANSIONS = 10
TITLE_BOOST = 1000  # every word in the title or tags: ahead of any other match
# A city's own offers: their score times 1.25, so they come first among scores within about 25 %, as on the
# database engine (``_about`` there); a far better match elsewhere still ranks above them.
PREFER_WEIGHT = 1.25
FACET_SIZE = 200
REBUILD_TIMEOUT = 300


def mapping():
    """The index's fields: text (pre-analysed and raw), one keyword field per registered facet, display data."""
    return {
        "doc_id": Long(),
        "title": Text(analyzer="german"),
        "summary": Text(analyzer="german"),
        "description": Text(analyzer="german"),
        **{name: Text(analyzer="whitespace", copy_to=ANYWHERE) for name in WEIGHTS},
        ANYWHERE: Text(analyzer="whitespace", index_options="docs", norms=False),
        **{name: Keyword() for name in field_names()},
        "sort_date": Date(),
        "data": Object(enabled=False),
        # The type context lets the catalogue's autocomplete suggest offers only.
        "suggest": Completion(analyzer="simple", contexts=[{"name": "type", "type": "category"}]),
    }


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, url, index="offers", timeout=2.0):
        # The same node class reaches Elasticsearch 8 and OpenSearch 2 (see search.compat).
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False, node_class=PlainMediaTypeNode
        )
        # Rebuilds (index creation waits for the shard, bulk loads) may take long; searches and single writes
        # keep the short timeout and fall back.
        self.bulk_client = self.client.options(request_timeout=REBUILD_TIMEOUT)
        self.alias = index

    # -- index management -----------------------------------------------------------------------
    def _new_index(self):
        """A new versioned index, not yet searchable: no refreshes while it is filled (set back by ``rebuild``)."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        self.bulk_client.indices.create(
            index=name,
            settings={"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"},
            mappings={"properties": {field: kind.to_dict() for field, kind in mapping().items()}},
        )
        return name

    def _indices_behind_alias(self):
        try:
            return list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def rebuild(self, docs, progress=None):
        with _guard():
            name = self._new_index()
            actions = (_action(name, doc) for doc in _counted(docs, progress))
            # Two requests in flight: one at a time, the node waited on each round trip (10,000 offers: 10-11 s
            # one at a time, 3-4 s so, on the two-core machine under load). Errors raise as with ``bulk``.
            deque(parallel_bulk(self.bulk_client, actions, chunk_size=500, thread_count=2), maxlen=0)
            self.bulk_client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
            self.bulk_client.indices.refresh(index=name)
            old = self._indices_behind_alias()
            if not old and self.client.indices.exists(index=self.alias):  # a plain index of that name: replace it
                self.bulk_client.indices.delete(index=self.alias)
            swap = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            swap.append({"add": {"index": name, "alias": self.alias}})
            self.bulk_client.indices.update_aliases(actions=swap)
            for index in old:
                self.bulk_client.indices.delete(index=index)
            return name

    def has_index(self):
        """Whether an index of this code's mapping is behind the alias. One of an older mapping (built by a
        previous release, lacking a field the queries ask) counts as missing, so ``sync`` rebuilds it."""
        with _guard():
            indices = self._indices_behind_alias()
            if not indices:
                return False
            fields = set(mapping())
            found = self.client.indices.get_mapping(index=indices)
            return all(fields <= set(found[index]["mappings"].get("properties", {})) for index in indices)

    def index(self, docs):
        docs = list(docs)
        if not docs:
            return
        with _guard():
            # Never write into a missing index: the server would create an unmapped one, or an empty one
            # would hide that the node lost its data. The service rebuilds instead.
            if not self._indices_behind_alias():
                raise IndexMissing(f"no index behind the alias {self.alias}")
            bulk(self.client, (_action(self.alias, doc) for doc in docs), refresh=True)

    def remove(self, ids):
        ids = list(ids)
        if not ids:
            return
        with _guard():
            actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(i)} for i in ids)
            try:
                bulk(self.client, actions, refresh=True, raise_on_error=False)
            except NotFoundError:
                pass

    def healthy(self):
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            return False

    def count(self):
        with _guard():
            return self.client.count(index=self.alias)["count"]

    # -- reading -------------------------------------------------------------------------------
    def search(self, plan):
        """Exact forms first; only when they find few, again with fuzzy matching (a misspelt word). Fuzzy
        clauses expand every word to its near spellings in the index: on a real node they cost most of a
        query's time, for results an exact match almost always has."""
        result = self._search(plan, fuzzy=False)
        if plan.terms and result.total <= settings.FEW_RESULTS:
            return self._search(plan, fuzzy=True)
        return result

    def _search(self, plan, fuzzy):
        query = self._text_query(plan, fuzzy)
        # The filters narrow the match itself (filter context: cached, and only filtered offers are scored).
        # A ``post_filter`` would score every text match first; it was needed while the counts came from the
        # same search.
        search = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        search = search.query(Q("bool", must=[query], filter=_filter_clauses(plan.filters)))
        newest_first = ({"sort_date": {"order": "desc", "missing": "_last"}}, {"doc_id": "desc"})
        if plan.terms or plan.prefer:
            search = search.sort("_score", *newest_first)
        else:
            search = search.sort(*newest_first)
        if plan.terms:
            highlight_query = Q("multi_match", query=plan.text, fields=["title", "summary"]).to_dict()
            search = search.highlight("title", "summary").highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                number_of_fragments=0,
                highlight_query=highlight_query,
            )
        search = search.source(["data"])[plan.offset : plan.offset + plan.limit]
        # The facet counts go in a second search of the same request (``_msearch``): without hits, the node keeps
        # its answer in the shard request cache until the index changes, so a repeated browse or search (a city's
        # page, a widget) counts nothing again; the two run side by side on the node. At 50,000 offers the counts
        # were most of a query's time (about 11 of 13 ms).
        counts = _counts_search(self.alias, self._matching_query(plan, fuzzy), plan)
        with _guard():
            response, counted = MultiSearch(using=self.client).add(search).add(counts).execute(raise_on_error=True)
        # Read as the plain JSON it is: wrapping each hit in the DSL's response objects cost more of the
        # process's time than the rest of reading the answer.
        hits = response.to_dict()["hits"]
        ids, data, highlights = [], {}, {}
        for hit in hits["hits"]:
            doc_id = int(hit["_id"])
            ids.append(doc_id)
            data[doc_id] = hit["_source"]["data"]
            if "highlight" in hit:
                highlights[doc_id] = {k: " … ".join(v) for k, v in hit["highlight"].items()}
        return EngineResult(
            ids=ids,
            total=hits["total"]["value"],
            facet_counts=_facet_counts(counted.to_dict().get("aggregations", {}), plan.facets),
            data=data,
            highlights=highlights,
        )

    def _text_query(self, plan, fuzzy=False):
        """The terms (all, or at least one), offers with every word in title or tags far ahead of the rest, and
        preferred documents (a city's own offers) lifted by ``PREFER_WEIGHT``."""
        query = self._match_query(plan, fuzzy)
        if not plan.prefer:
            return query
        lifts = [{"filter": clause, "weight": PREFER_WEIGHT} for clause in _filter_clauses(plan.prefer)]
        return Q("function_score", query=query, functions=lifts, score_mode="max", boost_mode="multiply")

    def _match_query(self, plan, fuzzy):
        if not plan.terms:
            return Q("match_all")
        clauses = [self._term_query(term, fuzzy) for term in plan.terms]
        in_title = Q(
            "constant_score",
            boost=TITLE_BOOST,
            filter=Q(
                "bool",
                filter=[
                    Q("multi_match", query=_alternatives(term), fields=["exact_hi", "stem_hi"]) for term in plan.terms
                ],
            ),
        )
        if plan.match_all:
            return Q("bool", must=clauses, should=[in_title])
        return Q("bool", should=clauses, minimum_should_match=1)

    @staticmethod
    def _term_query(term, fuzzy):
        alternatives = _alternatives(term)
        should = [Q("match", **{field: {"query": alternatives, "boost": boost}}) for field, boost in WEIGHTS.items()]
        if fuzzy:
            should.append(_fuzzy(term))
        if term.parts:  # a compound's parts, all of them, anywhere
            fields = [f"{field}^{boost}" for field, boost in WEIGHTS.items()]
            should.append(
                Q("bool", must=[Q("multi_match", query=part, fields=fields) for part in term.parts], boost=0.5)
            )
        return Q("bool", should=should, minimum_should_match=1)

    def _matching_query(self, plan, fuzzy):
        """The offers ``_match_query`` finds, unscored, through ``ANYWHERE``: for the facet counts."""
        if not plan.terms:
            return Q("match_all")
        clauses = []
        for term in plan.terms:
            should = [Q("match", **{ANYWHERE: _alternatives(term)})]
            if fuzzy:
                should.append(_fuzzy(term))
            if term.parts:
                should.append(Q("bool", filter=[Q("match", **{ANYWHERE: part}) for part in term.parts]))
            clauses.append(Q("bool", should=should, minimum_should_match=1))
        if plan.match_all:
            return Q("bool", filter=clauses)
        return Q("bool", should=clauses, minimum_should_match=1)

    def suggest(self, prefix, limit=8, types=("offer",)):
        search = Search(using=self.client, index=self.alias).source(["data"])
        search = search.suggest(
            "titles",
            german.fold(prefix),
            completion={
                "field": "suggest",
                "size": limit * 3,
                "skip_duplicates": True,
                "contexts": {"type": list(types)},
            },
        )
        with _guard():
            response = search.execute()
        seen, out = set(), []
        for option in response.suggest.titles[0].options:
            doc_id = int(option._id)
            if doc_id not in seen:
                seen.add(doc_id)
                out.append(option._source.data.to_dict())
        return out[:limit]


def _alternatives(term):
    """A term's exact forms and stems (synonyms' too), as one query text for the pre-analysed fields."""
    return " ".join(sorted(term.exact | term.stems))


def _fuzzy(term):
    """The word as typed, in near spellings (typo tolerance), in the raw text fields."""
    return Q(
        "multi_match",
        query=term.text,
        fields=["title^2", "summary", "description"],
        fuzziness="AUTO",
        prefix_length=1,
        max_expansions=FUZZY_EXPANSIONS,
        boost=FUZZY_BOOST,
    )


def _filter_clauses(filters):
    """One clause per filtered field: values OR-ed within a field, fields AND-ed. Sorted, so the same filters
    make the same request body in every process (the shard request cache's key).

    A single value is a ``term`` query: OpenSearch runs ``terms`` as a multi-term query, which for the type
    filter (nearly every document) cost about 1 ms per search at 50,000 offers, a ``term`` query a quarter of it.
    """
    return [
        Q("term", **{name: next(iter(values))}) if len(values) == 1 else Q("terms", **{name: sorted(values)})
        for name, values in filters.items()
    ]


def _counts_search(index, matching, plan):
    """The disjunctive facet counts of the offers ``matching`` finds: each facet within every filter but its own.

    Filters on fields that are not counted (the document type) narrow the match itself. The facets nobody
    filters on share one bucket (within all the filters, or the match itself when no facet is filtered); each
    filtered facet gets its own. The usual search then counts its six facets over the matches once, not six
    times each behind an identical filter (a third less of the node's time for the counts at 50,000 offers).
    """
    counted = set(plan.facets)
    common = {name: values for name, values in plan.filters.items() if name not in counted}
    narrowing = {name: values for name, values in plan.filters.items() if name in counted}
    search = Search(index=index).params(request_cache=True).extra(size=0)
    search = search.query(Q("bool", filter=[matching, *_filter_clauses(common)]))
    shared = [facet for facet in plan.facets if facet not in narrowing]
    buckets = [(f"within:{facet}", [facet], _without(narrowing, facet)) for facet in narrowing]
    if shared:
        buckets.append(("within:all", shared, narrowing))
    for name, facets, filters in buckets:
        parent = search.aggs  # nothing to narrow: count over the matches themselves
        if filters:
            parent = parent.bucket(name, "filter", filter=Q("bool", filter=_filter_clauses(filters)))
        for facet in facets:
            parent.bucket(facet, "terms", field=facet, size=FACET_SIZE)
    return search


def _without(filters, skip):
    return {name: values for name, values in filters.items() if name != skip}


def _facet_counts(aggregations, facets):
    """Each facet's counts, wherever ``_counts_search`` put its terms aggregation."""
    found = {}
    for name, agg in aggregations.items():
        if name.startswith("within:"):
            found.update({facet: sub for facet, sub in agg.items() if isinstance(sub, dict) and "buckets" in sub})
        else:
            found[name] = agg
    return {facet: {b["key"]: b["doc_count"] for b in found[facet]["buckets"]} for facet in facets}


def _action(index, doc):
    title_words = german.tokens(doc["title"])
    suffixes = [" ".join(title_words[i:]) for i in range(len(title_words))]
    suffixes += [german.fold(tag) for tag in doc["data"].get("tags", [])]
    source = {
        "doc_id": doc["id"],
        "title": doc["title"],
        "summary": doc["summary"],
        "description": doc["description"],
        **{name: doc[name] for name in WEIGHTS},
        **{name: values for name, values in doc["facets"].items()},
        "sort_date": doc["data"].get("date"),
        "data": doc["data"],
        "suggest": {"input": [s for s in suffixes if s][:50], "contexts": {"type": doc["facets"]["type"]}},
    }
    return {"_index": index, "_id": str(doc["id"]), "_source": source}


def _counted(docs, progress):
    for doc in docs:
        yield doc
        if progress:
            progress(1)


def _status(error):
    """An ``ApiError``'s HTTP status; for one search of a multi-search (answered 200 as a whole), its own."""
    body = error.body if isinstance(error.body, dict) else {}
    return body.get("status", error.meta.status)


class _guard:
    """Turn every failure of the server or the way to it into ``EngineUnavailable``, so readers fall back and
    writers queue the change: unreachable, timeout (``TransportError``), a missing index (``IndexMissing``),
    and any answer with an error status (``ApiError``: 5xx, 429, and 4xx such as a refused mapping or query,
    which are logged as errors because they point at this code, not at an outage)."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, SerializationError | EngineUnavailable):
            return False  # ours already, or a bug in the request we built: let it surface
        if isinstance(exc, NotFoundError) or (isinstance(exc, ApiError) and _status(exc) == 404):
            raise IndexMissing(f"index missing: {exc}") from exc
        if isinstance(exc, ApiError):
            status = _status(exc)
            if status < 500 and status != 429:
                logger.error("Elasticsearch refused a request (%s): %s", status, exc)
            raise EngineUnavailable(f"Elasticsearch answered {status}: {exc}") from exc
        if isinstance(exc, BulkIndexError):
            logger.error("Elasticsearch refused %d documents: %s", len(exc.errors), exc.errors[:3])
            raise EngineUnavailable(f"{len(exc.errors)} documents refused: {exc.errors[:1]}") from exc
        if isinstance(exc, TransportError):
            raise EngineUnavailable(str(exc)) from exc
        return False
