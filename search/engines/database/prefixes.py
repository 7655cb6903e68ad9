"""Autocomplete's prefix index: each document's title words, and how many documents use each word.

A prefix is looked up among distinct words (``SearchTitleTerm``, ``SearchWord``: a few rows per prefix, by a
btree range), and a word's documents are read newest first from ``SearchTitleWord``'s index, a page at a time.
Before this, autocomplete matched the prefix in the full-text index and ranked every matching document (on
PostgreSQL reading each one's whole text vector): 50 ms for a common prefix at 10,000 offers.

The counts are kept up to date by each write (the writer's lock on ``SearchIndexState`` orders the writes), from
the old and the new words of the documents it changes.
"""

import re
from collections import Counter

from django.utils.dateparse import parse_datetime

from core.bulk import insert_rows

from ... import german
from ...models import SearchDocument, SearchTitleTerm, SearchTitleWord, SearchWord

WORD = 100  # characters kept of a word (the tables' column width)
UNDATED = 1 << 62  # the age of undated documents: after every dated one
TOKEN = re.compile(r"[^\W_]+")  # the full-text indexes' words (they split at underscores too)


def age(date):
    """Newest first in ascending order: minus the timestamp (``date`` as the document's data has it)."""
    parsed = parse_datetime(date) if date else None
    return -int(parsed.timestamp()) if parsed else UNDATED


def title_words(doc):
    """A document's type and the distinct folded words of its title and tags."""
    return doc["facets"]["type"][0], {word[:WORD] for word in TOKEN.findall(doc["exact_hi"])}


def spellings(vocabulary):
    """(folded word, spelling) of each word of a document's vocabulary (words as written)."""
    return {(german.fold_word(written)[:WORD], written[:WORD]) for written in vocabulary}


def replace(ids, docs):
    """Swap the words of the indexed documents ``ids`` (about to be replaced or removed) for those of ``docs``.

    Called in the writing transaction before the documents themselves are written."""
    add(forget(ids), docs)


def forget(ids):
    """Delete the title words of the indexed documents ``ids`` (about to be replaced or removed), and return
    their words' counts for ``add`` to take off. Called before the documents themselves go."""
    titles, words = Counter(), Counter()
    for row in SearchTitleWord.objects.filter(document_id__in=ids).values_list("type", "word"):
        titles[row] -= 1
    for vocabulary in SearchDocument.objects.filter(id__in=ids).values_list("vocabulary", flat=True):
        words.subtract(spellings(vocabulary.split()))
    SearchTitleWord.objects.filter(document_id__in=ids).delete()
    return titles, words


def add(forgotten, docs):
    """Update the counts: the words ``forget`` returned out, the words of the new ``docs`` in."""
    titles, words = forgotten
    new_titles, new_words = counts(docs)
    titles.update(new_titles)
    words.update(new_words)
    _add(SearchTitleTerm, ("type", "word"), titles)
    _add(SearchWord, ("word", "spelling"), words)


def title_rows(docs):
    """(document id, type, word, age) of each title word of ``docs``."""
    for doc in docs:
        type_, found = title_words(doc)
        doc_age = age(doc["data"].get("date"))
        for word in found:
            yield doc["id"], type_, word, doc_age


def counts(docs):
    """How many of ``docs`` have each (type, title word), and each (folded word, spelling)."""
    titles, words = Counter(), Counter()
    for doc in docs:
        type_, found = title_words(doc)
        titles.update((type_, word) for word in found)
        words.update(spellings(doc["vocabulary"]))
    return titles, words


def insert_title_words(docs):
    """The title words of new documents (their documents must be written first), as plain rows."""
    insert_rows(SearchTitleWord, ("document_id", "type", "word", "age"), title_rows(docs))


def rebuild(docs):
    """Every count from all documents (the title words are inserted with each batch of documents)."""
    SearchTitleTerm.objects.all().delete()
    SearchWord.objects.all().delete()
    titles, words = counts(docs)
    SearchTitleTerm.objects.bulk_create(
        (SearchTitleTerm(type=t, word=w, documents=n) for (t, w), n in titles.items()), batch_size=5000
    )
    SearchWord.objects.bulk_create(
        (SearchWord(word=w, spelling=s, documents=n) for (w, s), n in words.items()), batch_size=5000
    )


def _add(model, fields, delta):
    """Add ``delta`` (key -> change, a key being the values of ``fields``) to ``model``'s document counts;
    a count that reaches 0 goes."""
    delta = {key: change for key, change in delta.items() if change}
    if not delta:
        return
    at = fields.index("word")
    rows = model.objects.filter(word__in={key[at] for key in delta}).values_list(*fields, "documents")
    current = {(a, b): count for a, b, count in rows if (a, b) in delta}
    counts = {key: current.get(key, 0) + change for key, change in delta.items()}
    for key, count in counts.items():
        if count <= 0 and key in current:
            model.objects.filter(**dict(zip(fields, key, strict=True))).delete()
    model.objects.bulk_create(
        [model(**dict(zip(fields, key, strict=True)), documents=count) for key, count in counts.items() if count > 0],
        update_conflicts=True,
        unique_fields=fields,
        update_fields=["documents"],
    )
