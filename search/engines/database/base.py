"""What each SQL dialect of the database engine implements: the full-text part of a search.

Everything else (documents, facets, bitmaps, ranking in tiers) is shared in ``engine.py``; a dialect only
says how its full-text index matches, counts, ranks and is written.
"""

from abc import ABC, abstractmethod

TEXT_COLUMNS = ("exact_hi", "stem_hi", "stem_mid", "stem_lo", "parts")


def alternatives(term):
    """A term's forms to match, sorted; words are \\w+ tokens from search.german, so they need no quoting."""
    return sorted(term.exact | term.stems)


def either(term, or_, and_, word="{}"):
    """One term as a full-text expression: any alternative, or (for a compound) all of its parts.

    ``or_``/``and_`` are the dialect's operators, ``word`` formats one word (quoting, weights)."""
    forms = [word.format(alt) for alt in alternatives(term)]
    if term.parts:
        forms.append("(" + and_.join(word.format(part) for part in term.parts) + ")")
    return "(" + or_.join(forms) + ")"


class FullText(ABC):
    @staticmethod
    @abstractmethod
    def rows(sql, params):
        """Run a full-text query, return its rows."""

    @staticmethod
    @abstractmethod
    def expression(terms, match_all=True):
        """The dialect's query string: each term's alternatives OR-ed, terms AND-ed (OR-ed for partial matches)."""

    @abstractmethod
    def match(self, plan):
        """SQL and parameters selecting ``(id, score, every word in title or tags)`` of the matching documents."""

    @abstractmethod
    def ids(self, term):
        """The ids of the documents containing ``term`` anywhere."""

    @abstractmethod
    def tiers(self, term):
        """One word's ids in the head, best first: in title words, in title stems, in title, summary or names.

        The lists may overlap (the engine makes them cumulative); documents with the word elsewhere only are
        ``ids(term)`` less these."""

    @abstractmethod
    def prefix(self, field, prefix):
        """A condition (``Q``) that a column of words starts with ``prefix``, answered from its btree index."""

    @abstractmethod
    def insert(self, cursor, docs):
        """Add documents' text to the full-text index (documents being replaced are ``delete``-d first)."""

    @abstractmethod
    def delete(self, cursor, ids):
        """Remove documents' text from the full-text index."""

    @abstractmethod
    def clear(self, cursor):
        """Empty the full-text index."""
