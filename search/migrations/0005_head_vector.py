"""PostgreSQL: a small vector of title, summary and names (weights A–C) to rank on.

Matching still uses the full ``search_vector`` and its GIN index; ranking on the head vector avoids
reading every matching body (see ``PostgresText.match``). SQLite ranks with bm25 and needs nothing.
"""

from django.db import migrations

UP = ("ALTER TABLE search_searchdocument ADD COLUMN head_vector tsvector GENERATED ALWAYS AS ("
      "setweight(to_tsvector('simple', exact_hi), 'A') || setweight(to_tsvector('simple', stem_hi), 'B') || "
      "setweight(to_tsvector('simple', stem_mid), 'C')) STORED")
DOWN = "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS head_vector"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0004_type_facet")]
    operations = [migrations.RunPython(run(UP), run(DOWN))]
