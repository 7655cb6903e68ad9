"""What every search engine implements, and the values that cross the interface."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One searched word: its folded form, its stems (own and synonyms'), and for fuzzy engines the raw text.

    ``parts`` are the stems of a compound's parts: a document with all of them matches too.
    """

    text: str
    exact: frozenset
    stems: frozenset
    parts: tuple = ()


@dataclass
class SearchPlan:
    """What the service asks an engine for: analysed terms, filters, paging."""

    terms: list  # [Term]
    match_all: bool = True  # AND across terms; False asks for the best partial matches
    filters: dict = field(default_factory=dict)  # facet -> tuple of values (OR within, AND across)
    offset: int = 0
    limit: int = 20
    facets: tuple = ()  # the facets to count (names from ``search.facets``)
    prefer: dict = field(default_factory=dict)  # facet -> values whose documents rank first at equal relevance

    @property
    def text(self):
        return " ".join(t.text for t in self.terms)


@dataclass
class EngineResult:
    ids: list  # page ids in rank order
    total: int
    facet_counts: dict  # facet -> {value: count}
    data: dict = field(default_factory=dict)  # id -> stored display fields
    highlights: dict = field(default_factory=dict)  # id -> {"title": html, "summary": html}


class EngineUnavailable(Exception):
    """The engine cannot answer now (unreachable, too slow, refused); the service falls back."""


class IndexMissing(EngineUnavailable):
    """The engine answers but has no index (new, or restarted empty): it needs a full rebuild, not a patch."""


class Engine(ABC):
    name = "engine"

    @abstractmethod
    def index(self, docs):
        """Add or replace documents (dicts from ``search.documents``)."""

    @abstractmethod
    def remove(self, ids):
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def search(self, plan) -> EngineResult:
        """Run a plan: ranked ids of one page, the total, and disjunctive facet counts."""

    @abstractmethod
    def suggest(self, prefix, limit=8, types=("offer",)):
        """Display data of items of ``types`` with a title word starting with ``prefix`` (folded), best first."""

    @abstractmethod
    def rebuild(self, docs, progress=None):
        """Replace the whole index with ``docs``; readers never see an empty index."""

    @abstractmethod
    def healthy(self) -> bool:
        """Whether the engine answers now."""

    def has_index(self):
        """Whether the index exists (an engine that lost its data needs a rebuild, not a sync)."""
        return True

    def count(self):
        """Number of indexed documents."""
        raise NotImplementedError
