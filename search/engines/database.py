"""The embedded engine: SQLite FTS5 locally, PostgreSQL full-text search in production.

It keeps its own index (``search.models.SearchDocument`` keyed by page id, a facet table, and an
FTS5 table or a weighted ``tsvector`` column) instead of Wagtail's database backend, whose ranking
and faceting are far too slow at 10,000 offers. Text arrives pre-analysed by ``search.german``, so
both dialects match the same words; they differ only in the full-text SQL below.
"""

from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from ..models import SearchDocument, SearchFacet
from .base import Engine, EngineResult

TEXT_COLUMNS = ("exact_hi", "stem_hi", "stem_mid", "stem_lo", "parts")


class SqliteText:
    """FTS5 over the pre-analysed columns; bm25 weights rank title words before summary and body."""

    weights = "12.0, 6.0, 3.0, 1.0, 0.5"

    def match(self, plan):
        joiner = " AND " if plan.match_all else " OR "
        groups = ["(" + " OR ".join(f'"{alt}"' for alt in _alternatives(term)) + ")" for term in plan.terms]
        sql = (f"SELECT rowid AS id, -bm25(search_fts, {self.weights}) AS score "
               "FROM search_fts WHERE search_fts MATCH %s")
        return sql, [joiner.join(groups)]

    def prefix(self, prefix):
        return (f"SELECT rowid AS id, -bm25(search_fts, {self.weights}) AS score FROM search_fts "
                "WHERE search_fts MATCH %s"), [f'exact_hi : "{prefix}" *']

    def write(self, cursor, doc):
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc["id"]])
        cursor.execute(
            "INSERT INTO search_fts (rowid, exact_hi, stem_hi, stem_mid, stem_lo, parts) "
            "VALUES (%s, %s, %s, %s, %s, %s)", [doc["id"]] + [doc[c] for c in TEXT_COLUMNS])

    def delete(self, cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [[i] for i in ids])

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_fts")


class PostgresText:
    """A generated, GIN-indexed ``tsvector`` (weights A–D) with the ``simple`` configuration.

    The German work (folding, Snowball stems, compound parts) is done before the text reaches
    PostgreSQL, because its ``german`` configuration neither folds umlauts nor matches SQLite.
    """

    weights = "'{0.05, 0.2, 0.5, 1.0}'"

    def match(self, plan):
        joiner = " & " if plan.match_all else " | "
        groups = ["(" + " | ".join(_alternatives(term)) + ")" for term in plan.terms]
        sql = ("SELECT id, ts_rank(search_vector, q, 1) AS score "
               "FROM search_searchdocument, to_tsquery('simple', %s) AS q WHERE search_vector @@ q")
        return sql.replace("ts_rank(", f"ts_rank({self.weights}, "), [joiner.join(groups)]

    def prefix(self, prefix):
        return ("SELECT id, ts_rank(search_vector, q) AS score FROM search_searchdocument, "
                "to_tsquery('simple', %s) AS q WHERE search_vector @@ q"), [f"{prefix}:*A"]

    def write(self, cursor, doc):
        pass  # the tsvector column is generated from the document's own columns

    def delete(self, cursor, ids):
        pass

    def clear(self, cursor):
        pass


def _alternatives(term):
    # Words are \w+ tokens from search.german, so they need no further quoting.
    return sorted(term.exact | term.stems)


class DatabaseEngine(Engine):
    name = "database"

    @property
    def text(self):
        return PostgresText() if connection.vendor == "postgresql" else SqliteText()

    # -- writing -------------------------------------------------------------------------------
    def index(self, docs):
        text = self.text
        with transaction.atomic(), connection.cursor() as cursor:
            for doc in docs:
                SearchDocument.objects.update_or_create(id=doc["id"], defaults=_row(doc))
                SearchFacet.objects.filter(document_id=doc["id"]).delete()
                SearchFacet.objects.bulk_create(
                    SearchFacet(document_id=doc["id"], field=name, value=value[:120])
                    for name, values in doc["facets"].items() for value in values
                )
                text.write(cursor, doc)

    def remove(self, ids):
        ids = list(ids)
        with transaction.atomic(), connection.cursor() as cursor:
            SearchDocument.objects.filter(id__in=ids).delete()
            self.text.delete(cursor, ids)

    def rebuild(self, docs, progress=None):
        # One transaction: readers keep seeing the old index until the new one is committed.
        with transaction.atomic():
            with connection.cursor() as cursor:
                self.text.clear(cursor)
            SearchDocument.objects.all().delete()
            for doc in docs:
                self.index([doc])
                if progress:
                    progress(1)

    def healthy(self):
        return True

    def count(self):
        return SearchDocument.objects.count()

    # -- reading -------------------------------------------------------------------------------
    def search(self, plan):
        text = self.text
        if plan.terms:
            match_sql, params = text.match(plan)
        else:
            match_sql, params = "SELECT id, 0.0 AS score FROM search_searchdocument", []

        conditions = {}
        for name, values in plan.filters.items():
            marks = ", ".join(["%s"] * len(values))
            conditions[name] = (
                f"m.id IN (SELECT document_id FROM search_searchfacet WHERE field = %s AND value IN ({marks}))",
                [name, *values],
            )

        def where(skip=None):
            parts = [conditions[n] for n in conditions if n != skip]
            return (" AND ".join(p[0] for p in parts) or "1 = 1"), [v for p in parts for v in p[1]]

        all_sql, all_params = where()
        base = f"WITH m AS ({match_sql}) "
        with connection.cursor() as cursor:
            cursor.execute(
                base + "SELECT m.id, d.data FROM m JOIN search_searchdocument d ON d.id = m.id "
                f"WHERE {all_sql} ORDER BY m.score DESC, d.sort_date DESC, m.id DESC LIMIT %s OFFSET %s",
                params + all_params + [plan.limit, plan.offset],
            )
            rows = cursor.fetchall()
            cursor.execute(base + f"SELECT COUNT(*) FROM m WHERE {all_sql}", params + all_params)
            total = cursor.fetchone()[0]
            facet_counts = self._facet_counts(cursor, base, params, plan, where)

        data = {row[0]: _json(row[1]) for row in rows}
        return EngineResult(ids=[row[0] for row in rows], total=total, facet_counts=facet_counts, data=data)

    def _facet_counts(self, cursor, base, params, plan, where):
        """Disjunctive counts for every facet in one pass: a facet ignores its own filter only."""
        cases, case_params = [], []
        for name in plan.facets:
            sql, values = where(skip=name)
            cases.append(f"WHEN %s THEN ({sql})")
            case_params += [name, *values]
        marks = ", ".join(["%s"] * len(plan.facets))
        cursor.execute(
            base + "SELECT f.field, f.value, COUNT(*) FROM m JOIN search_searchfacet f ON f.document_id = m.id "
            f"WHERE f.field IN ({marks}) AND (CASE f.field {' '.join(cases)} ELSE 1 = 0 END) "
            "GROUP BY f.field, f.value",
            params + list(plan.facets) + case_params,
        )
        counts = {name: {} for name in plan.facets}
        for field, value, count in cursor.fetchall():
            counts[field][value] = count
        return counts

    def suggest(self, prefix, limit=8):
        sql, params = self.text.prefix(prefix)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH m AS ({sql}) SELECT d.data FROM m JOIN search_searchdocument d ON d.id = m.id "
                "ORDER BY m.score DESC, d.sort_date DESC LIMIT %s", params + [limit])
            return [_json(row[0]) for row in cursor.fetchall()]

    def vocabulary(self):
        """Every indexed word with the number of offers using it (for "Meinten Sie …?")."""
        counts = {}
        for words in SearchDocument.objects.values_list("vocabulary", flat=True).iterator(chunk_size=2000):
            for word in words.split():
                counts[word] = counts.get(word, 0) + 1
        return counts

    def version(self):
        """Changes whenever the index changes; keys caches derived from it."""
        from django.db.models import Count, Max

        agg = SearchDocument.objects.aggregate(n=Count("id"), t=Max("updated_at"))
        return (agg["n"], agg["t"])


def _row(doc):
    published = doc["data"].get("first_published_at")
    return {
        "data": doc["data"],
        **{c: doc[c] for c in TEXT_COLUMNS},
        "vocabulary": " ".join(doc["vocabulary"]),
        "sort_date": parse_datetime(published) if published else None,
    }


def _json(value):
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value
