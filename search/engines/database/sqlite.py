"""SQLite's full text: an FTS5 table beside the documents, ranked by bm25."""

from django.db import connection
from django.db.models import Q

from .base import TEXT_COLUMNS, FullText, either


class SqliteText(FullText):
    """FTS5 over the pre-analysed columns; bm25 weights rank title words before summary and body."""

    weights = "12.0, 6.0, 3.0, 1.0, 0.5"

    @staticmethod
    def rows(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def expression(terms, match_all=True):
        """The FTS5 query: each term's alternatives OR-ed, terms AND-ed (OR-ed for partial matches)."""
        joiner = " AND " if match_all else " OR "
        return joiner.join(either(term, " OR ", " AND ", '"{}"') for term in terms)

    def match(self, plan):
        # The third column: whether every word is in the title or tags (such offers rank first).
        sql = (
            f"SELECT rowid AS id, -bm25(search_fts, {self.weights}) AS score, "  # noqa: S608 - a constant; values are parameters
            "rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
            "FROM search_fts WHERE search_fts MATCH %s"
        )
        expression = self.expression(plan.terms, plan.match_all)
        return sql, [f"{{exact_hi stem_hi}} : ({self.expression(plan.terms)})", expression]

    def ids(self, term):
        return self._matching(self.expression([term]))

    def tiers(self, term):
        expression = self.expression([term])
        columns = ("exact_hi", "stem_hi", "{exact_hi stem_hi stem_mid}")
        return [self._matching(f"{column} : ({expression})") for column in columns]

    def _matching(self, expression):
        return [row[0] for row in self.rows("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])]

    def prefix(self, field, prefix):
        # A range, not LIKE: SQLite's LIKE ignores case and then cannot use the index.
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})

    def insert(self, cursor, docs):
        cursor.executemany(
            "INSERT INTO search_fts (rowid, exact_hi, stem_hi, stem_mid, stem_lo, parts) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [[doc["id"]] + [doc[c] for c in TEXT_COLUMNS] for doc in docs],
        )

    def delete(self, cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [[i] for i in ids])

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_fts")
