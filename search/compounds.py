"""German compound splitting from real word data: wordfreq's German frequencies plus the editors' words.

A word is split where it can be read as known words joined by the usual linking letters (Fugen: s, es,
n, en, e, er, ns): "lizenzverlangerung" → lizenz + verlangerung, "antidiskriminierungsberatung" →
antidiskriminierung + beratung (and, one level down, anti + diskriminierung). Among the readings, the
one with the fewest parts wins, then the one whose parts are most frequent (Koehn and Knight's
frequency method). A word more frequent than its parts' mean is left whole ("Velbert" is not vel + bert).

Editors add words the data lacks (domain words, abbreviations) and words never to split (place names)
in the admin; see ``models.CompoundWord``.
"""

import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Parts must be at least this common (Zipf scale: 3 is once per ten million words, 6 once per thousand).
MIN_ZIPF = 2.5
# Three-letter parts (Amt, Rat, Tag, Hof) must be common words, or names split into noise ("Erk-rath").
MIN_ZIPF_SHORT = 4.5
MIN_PART = 3
MAX_PARTS = 4
DEEP_SPLIT = 9  # parts at least this long are split once more
EDITOR_ZIPF = 5.0  # words added by editors count as common
LINKS = ("", "s", "es", "n", "en", "e", "er", "ns")


def _fold(text):
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def frequencies():
    """Folded German word -> Zipf frequency (about 82,000 words; loaded once per process).

    Read from wordfreq's packed list, most frequent first, up to ``MIN_ZIPF``: ``get_frequency_dict`` would keep
    the whole list and a dictionary of it in wordfreq's caches for the life of the process (35 MB per worker).
    """
    import wordfreq

    found = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(wordfreq.available_languages("best")["de"])):
        zipf = wordfreq.cB_to_zipf(-index)  # bucket n holds the words of -n centibels
        if zipf < MIN_ZIPF:
            break
        for word in bucket:
            if len(word) < MIN_PART or not word.isalpha():
                continue
            folded = _fold(word)
            if zipf > found.get(folded, 0):
                found[folded] = zipf
    return found


class EditorWords(NamedTuple):
    """Folded words from the admin: ``parts`` the data lacks, and words to keep ``whole`` (place names)."""

    parts: frozenset = frozenset()
    whole: frozenset = frozenset()


NO_WORDS = EditorWords()


def _zipf(word, extra):
    if word in extra.parts or word in extra.whole:
        return EDITOR_ZIPF
    zipf = frequencies().get(word, 0.0)
    needed = MIN_ZIPF_SHORT if len(word) == MIN_PART else MIN_ZIPF
    return zipf if zipf >= needed else 0.0


def split(word, extra=NO_WORDS):
    """The top-level parts of a folded word, or () when it is not a compound of known words."""
    if word in extra.whole:
        return ()
    reading = _best_split(word, extra, MAX_PARTS)
    if reading is None or _zipf(word, extra) > reading[1]:
        return ()
    return reading[0]


def decompose(word, extra=NO_WORDS):
    """Every part at every level: "ubungsleiterfortbildung" → ubungsleiter, fortbildung, ubung, leiter, …

    Below the top level only long parts are split, and only into parts of four letters or more, so that
    "Ausstieg" stays whole (not aus + stieg).
    """
    found = []
    todo = list(split(word, extra))
    while todo:
        part = todo.pop(0)
        if part not in found:
            found.append(part)
            below = split(part, extra) if len(part) >= DEEP_SPLIT else ()
            if all(len(p) > MIN_PART for p in below):
                todo += below
    return tuple(found)


def _reading(word, extra, budget):
    """(parts, mean Zipf) of a word as one known word, or else as its best split; None if neither."""
    zipf = _zipf(word, extra)
    if zipf:
        return (word,), zipf
    return _best_split(word, extra, budget) if budget >= 2 else None


@lru_cache(maxsize=100_000)
def _best_split(word, extra, budget):
    """The reading in two or more parts with the fewest parts, then the most frequent ones; or None."""
    best = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        head_zipf = _zipf(head, extra)
        if not head_zipf and (head_zipf := _zipf(head + "e", extra)):  # Schul|sozialarbeit, Kirch|turm
            head += "e"
        if not head_zipf:
            continue
        rest = word[cut:]
        for link in LINKS:
            tail = rest[len(link) :]
            if not rest.startswith(link) or len(tail) < MIN_PART:
                continue
            reading = _reading(tail, extra, budget - 1)
            if reading is None:
                continue
            parts = (head, *reading[0])
            mean = (head_zipf + reading[1] * len(reading[0])) / len(parts)
            if best is None or (len(parts), -mean) < (len(best[0]), -best[1]):
                best = (parts, mean)
    return best
