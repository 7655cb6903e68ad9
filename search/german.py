"""German text handling shared by both engines: folding, tokens, stems, compound parts, highlights.

Doing the analysis here, in one place, makes the database engine and Elasticsearch agree on what
matches (and lets the tests check it), whatever analyzers a given Elasticsearch offers.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape
from pathlib import Path

import snowballstemmer

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

COMPOUND_PARTS_FILE = Path(__file__).parent / "data" / "compound_parts.txt"
MIN_PART = 4


def fold(text):
    """Lower-case, ß → ss, and drop accents: "Straße" → "strasse", "Düsseldorf" → "dusseldorf"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text):
    """The words of a text as typed (case and accents kept), for highlighting."""
    return WORD_RE.findall(text or "")


def tokens(text):
    """Folded words without stop words, in order."""
    return [w for w in WORD_RE.findall(fold(text or "")) if w not in STOPWORDS]


@lru_cache(maxsize=50_000)
def stem(word):
    """The German stem of one word (umlauts, ue/oe/ae and ß folded by Snowball itself)."""
    word = word.casefold()
    stemmed = _stemmer.stemWord(word)
    if len(stemmed) > 4:
        stemmed = _LOANWORD_PLURAL_RE.sub("", stemmed)
    return fold(stemmed)


def stems(text):
    return [stem(t) for t in tokens(text)]


@lru_cache(maxsize=1)
def compound_parts():
    """Stems of the words that German compounds in this domain are made of (one per line)."""
    lines = COMPOUND_PARTS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(stem(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=50_000)
def split_compound(word):
    """Known parts of a compound word: "rassismuspravention" → ("rassismus", "pravention").

    Greedy from the left over the curated part list, allowing the linking letters s/n/en/es.
    Returns () when the word is not a compound of known parts.
    """
    word = fold(word)
    parts = compound_parts()
    found = []
    rest = word
    while rest:
        for cut in range(len(rest), MIN_PART - 1, -1):
            head = rest[:cut]
            if stem(head) in parts:
                found.append(stem(head))
                rest = rest[cut:]
                for link in ("es", "en", "s", "n"):
                    if rest.startswith(link) and rest != link and stem(rest[len(link):]) in parts | {""}:
                        rest = rest[len(link):]
                        break
                break
        else:
            return ()
    return tuple(found) if len(found) > 1 else ()


def compound_stems(text):
    return [part for t in tokens(text) for part in split_compound(t)]


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
        out.append(escape(text[last:match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    if not out:
        return ""
    out.append(escape(text[last:]))
    return "".join(out)
