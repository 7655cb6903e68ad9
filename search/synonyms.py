"""Synonym groups for query expansion: the editors' list plus groups other apps register (glossary spellings).

Both engines get the expanded words from ``service.analyse``, so a synonym works the same everywhere.
"""

from core.cache import per_generation

from . import german

_sources = []


def register(groups):
    """Add a source of synonym groups: ``groups()`` returns lists of equivalent terms (read per generation,
    so the app's saves must purge the page cache, as glossary saves do)."""
    _sources.append(groups)


def groups():
    from .models import Synonym

    yield from (synonym.term_list for synonym in Synonym.objects.all())
    for source in _sources:
        yield from (list(group) for group in source() if len(group) > 1)


@per_generation
def synonym_map():
    """Stem of a word -> every term of its synonym groups (editors change them: read again after every change)."""
    mapping = {}
    for terms in groups():
        for term in terms:
            for word_stem in german.stems(term):
                mapping.setdefault(word_stem, set()).update(terms)
    return mapping
