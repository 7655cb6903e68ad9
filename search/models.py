"""Tables of the search app: the database engine's own index, synonyms, pending changes, unmet demand."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.cache import per_generation

from . import compounds, german


class SearchDocument(models.Model):
    """One indexed offer. The full-text index (FTS5 table or tsvector column) is keyed by this id."""

    id = models.BigIntegerField(primary_key=True)  # the offer page's id
    data = models.JSONField()
    exact_hi = models.TextField(blank=True)
    stem_hi = models.TextField(blank=True)
    stem_mid = models.TextField(blank=True)
    stem_lo = models.TextField(blank=True)
    parts = models.TextField(blank=True)
    vocabulary = models.TextField(blank=True)
    sort_date = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.data.get("title", str(self.id))


class SearchTitleWord(models.Model):
    """A word of a document's title or tags (folded), for autocomplete: a title's documents, newest first."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="title_words")
    type = models.CharField(max_length=20)
    word = models.CharField(max_length=100)
    age = models.BigIntegerField()  # the newest first: minus the date's timestamp (undated after all dated)

    class Meta:
        indexes = [models.Index(fields=["type", "word", "age", "document"], name="search_title_word_newest")]

    def __str__(self):
        return self.word


class SearchTitleTerm(models.Model):
    """How many documents of a type have a word in their title or tags: autocomplete finds words by prefix here,
    a few rows per prefix, instead of in every matching document."""

    type = models.CharField(max_length=20)
    word = models.CharField(max_length=100)
    documents = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["type", "word"], name="search_title_term_unique")]

    def __str__(self):
        return f"{self.word} ({self.documents})"


class SearchWord(models.Model):
    """How many documents use a word (folded) in one spelling: completed search terms and spelling corrections."""

    word = models.CharField(max_length=100)
    spelling = models.CharField(max_length=100)
    documents = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["word", "spelling"], name="search_word_unique")]

    def __str__(self):
        return f"{self.spelling} ({self.documents})"


class SearchIndexState(models.Model):
    """One row whose token changes with every index write, so per-process caches know when to rebuild.

    ``seq`` counts the writes since the last full rebuild, which sets a new ``base``: a process whose facet
    bitmaps are of the same base applies the documents changed since its ``seq`` (``SearchChange``) instead
    of building them again. Writers update this row first, so its lock orders their commits by ``seq``.
    """

    token = models.CharField(max_length=32)
    base = models.CharField(max_length=32, default="")
    seq = models.BigIntegerField(default=0)

    def __str__(self):
        return self.token


class SearchWrite(models.Model):
    """The token of each recent write by ``seq``: a process checks that the write its bitmaps were built at is
    still in the history (a rolled-back or restored database may reuse a ``seq`` for other changes)."""

    KEPT = 10_000  # writes older than this are forgotten; a process that old builds its bitmaps anew

    seq = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.seq}: {self.token}"


class SearchChange(models.Model):
    """The last write (``SearchIndexState.seq``) that changed or removed a document: one row per document."""

    document_id = models.BigIntegerField(primary_key=True)
    seq = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.document_id}@{self.seq}"


class SearchFacet(models.Model):
    """One facet value of a document; filters and counts read this table by (field, value)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_rows")
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["field", "value", "document"], name="search_facet_lookup")]

    def __str__(self):
        return f"{self.field}={self.value}"


class Synonym(models.Model):
    """A group of words that mean the same to searchers; both engines expand queries with it."""

    terms = models.CharField(
        _("Begriffe"),
        max_length=500,
        unique=True,
        help_text=_("Gleichbedeutende Begriffe, durch Komma getrennt, z. B. „Flüchtlinge, Geflüchtete“."),
    )

    class Meta:
        verbose_name = _("Synonymgruppe")
        verbose_name_plural = _("Synonyme")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self):
        return [t.strip() for t in self.terms.split(",") if t.strip()]

    def clean(self):
        if len(self.term_list) < 2:
            raise ValidationError({"terms": _("Bitte mindestens zwei Begriffe angeben.")})
        if any(len(german.tokens(t)) == 0 for t in self.term_list):
            raise ValidationError({"terms": _("Jeder Begriff braucht mindestens ein Wort.")})


class CompoundWord(models.Model):
    """A word for the compound splitter that its word data lacks, or a word it must never split."""

    word = models.CharField(
        _("Wort"),
        max_length=60,
        unique=True,
        help_text=_("Ein einzelnes Wort, z. B. „Kita“ (Bestandteil von „Kitaleitung“) oder ein Ortsname."),
    )
    keep_whole = models.BooleanField(
        _("Nicht zerlegen"),
        default=False,
        help_text=_("Angehakt: das Wort wird nie in Teile zerlegt (z. B. „Wülfrath“ nicht in „Wulf“ und „Rath“)."),
    )

    class Meta:
        verbose_name = _("Wort für die Zerlegung")
        verbose_name_plural = _("Wörter für die Zerlegung")
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        if len(german.tokens(self.word)) != 1 or not german.fold(self.word).isalpha():
            raise ValidationError({"word": _("Bitte genau ein Wort aus Buchstaben angeben.")})


@per_generation
def compound_words():
    """The editors' words as the splitter takes them (folded)."""
    rows = CompoundWord.objects.values_list("word", "keep_whole")
    return compounds.EditorWords(
        parts=frozenset(german.fold(w) for w, whole in rows if not whole),
        whole=frozenset(german.fold(w) for w, whole in rows if whole),
    )


class PendingChange(models.Model):
    """An index change Elasticsearch missed while unreachable; ``sync_search_index`` replays it."""

    document_id = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.document_id)


class ZeroResultQuery(models.Model):
    """A search that found nothing: normalised query and filters only, no personal data."""

    query = models.CharField(max_length=200, db_index=True)
    filters = models.JSONField(default=dict)
    result_count = models.PositiveIntegerField(default=0)
    correction = models.CharField(max_length=200, blank=True)  # what was searched instead, if anything
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Suche ohne Treffer")
        verbose_name_plural = _("Suchen ohne Treffer")

    def __str__(self):
        return self.query
