"""The full-text part of the database engine's index, in each database's own dialect."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "exact_hi, stem_hi, stem_mid, stem_lo, parts, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES_UP = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', exact_hi), 'A') || setweight(to_tsvector('simple', stem_hi), 'B') || "
    "setweight(to_tsvector('simple', stem_mid), 'C') || "
    "setweight(to_tsvector('simple', stem_lo || ' ' || parts), 'D')) STORED",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_document_vector",
                 "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
