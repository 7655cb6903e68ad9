"""German text handling shared by both engines: folding, tokens, stems, compound parts, highlights.

Doing the analysis here, in one place, makes the database engine and Elasticsearch agree on what
matches (and lets the tests check it), whatever analyzers a given Elasticsearch offers.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape

import snowballstemmer

from . import compounds

WORD_RE = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("german")
# Plural -s of loanwords (Workshops, Videos, Handys), which the Snowball stemmer keeps.
_LOANWORD_PLURAL_RE = re.compile(r"(?<=[aeiouypckw])s$")

STOPWORDS = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    auch auf aus bei bin bis bist da damit dann das dass dem den der des dich die dir doch dort du durch
    ein eine einem einen einer eines er es etwas euch euer für fur hat hatte hier ich ihr im in ins ist
    ja jede jedem jeden jeder jedes kann mich mir mit nach nicht noch nun nur ob oder ohne sich sie sind
    so um und uns unter vom von vor war was weil wie wir wird wo zu zum zur über uber""".split()
)


def fold(text):
    """Lower-case, ß → ss, and drop accents: "Straße" → "strasse", "Düsseldorf" → "dusseldorf"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def fold_word(word):
    """``fold`` of one word, remembered: an index's documents repeat the same few thousand words."""
    return fold(word)


def words(text):
    """The words of a text as typed (case and accents kept), for highlighting."""
    return WORD_RE.findall(text or "")


def tokens(text):
    """Folded words without stop words, in order.

    Word by word, each folded once per process (documents repeat the same few thousand words; folding whole
    texts character by character was a third of building the search documents). NFC first, so that a "u"
    followed by a combining diaeresis stays one word.
    """
    text = unicodedata.normalize("NFC", text or "")
    return [t for word in WORD_RE.findall(text) for t in _folded_words(word) if t not in STOPWORDS]


@lru_cache(maxsize=100_000)
def _folded_words(word):
    """The folded words of one written word: itself folded, or its pieces if folding splits it ("½" → 1, 2)."""
    return tuple(WORD_RE.findall(fold(word)))


@lru_cache(maxsize=50_000)
def stem(word):
    """The German stem of one word (umlauts, ue/oe/ae and ß folded by Snowball itself)."""
    word = word.casefold()
    stemmed = _stemmer.stemWord(word)
    if len(stemmed) > 4:
        stemmed = _LOANWORD_PLURAL_RE.sub("", stemmed)
    return fold(stemmed)


_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def prefix_forms(prefix):
    """A folded word prefix and, if it spells umlauts as ae/oe/ue, the folded umlaut form ("wuelfr" → "wulfr"),
    since a prefix cannot be stemmed as whole words are (Snowball folds ue only in whole words)."""
    folded = fold(prefix)
    plain = folded
    for digraph, vowel in _DIGRAPHS:
        plain = plain.replace(digraph, vowel)
    return (folded, plain) if plain != folded else (folded,)


def stems(text):
    return [stem(t) for t in tokens(text)]


def editor_words():
    """The editors' words for the compound splitter (``models.CompoundWord``), read again after every change."""
    from .models import compound_words

    return compound_words()


def split_compound(word, extra=None):
    """Stems of a compound word's parts, every level: "rassismuspravention" → ("rassismus", "pravention").

    Parts come from real word data (``search.compounds``) plus the editors' words; () when the word
    is not a compound of known words.
    """
    return _split_compound(fold(word), editor_words() if extra is None else extra)


@lru_cache(maxsize=50_000)
def _split_compound(folded, extra):
    if len(folded) < 2 * compounds.MIN_PART or not folded.isalpha():
        return ()
    return tuple(dict.fromkeys(stem(part) for part in compounds.decompose(folded, extra)))


def query_parts(word):
    """Stems of the top-level parts of a searched compound (a query for it also finds the parts apart)."""
    folded = fold(word)
    if len(folded) < 2 * compounds.MIN_PART or not folded.isalpha():
        return ()
    return tuple(stem(part) for part in compounds.split(folded, editor_words()))


def compound_stems(text):
    return parts_of(tokens(text))


def parts_of(folded):
    """The compound parts' stems of words already folded (``tokens``)."""
    extra = editor_words()
    return [part for t in folded for part in _split_compound(t, extra)]


@lru_cache(maxsize=50_000)
def word_forms(word):
    """Everything a searched stem can match in one word: folded form, stem, compound parts (cached)."""
    folded = fold(word)
    return frozenset((folded, stem(folded), *split_compound(folded)))


def highlight(text, query_stems):
    """HTML of ``text`` with the words whose stem (or compound part) was searched for in <mark>."""
    if not text or not query_stems:
        return ""
    query_stems = set(query_stems)
    out = []
    last = 0
    for match in WORD_RE.finditer(text):
        if query_stems.isdisjoint(word_forms(match.group(0))):
            continue
        # Escaping is per character, so the text between marks is escaped in one piece.
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    if not out:
        return ""
    out.append(escape(text[last:]))
    return "".join(out)
