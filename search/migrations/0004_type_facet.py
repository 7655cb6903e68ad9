"""Documents now carry a ``type`` facet (the catalogue filters on type=offer); mark existing ones as offers.

Until now only offers were indexed. The data gains ``type`` and ``date`` the same way, so an existing
database index keeps answering without a rebuild. (Elasticsearch indexes need ``rebuild_search_index``.)
"""

import uuid

from django.db import migrations


def mark_offers(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchFacet = apps.get_model("search", "SearchFacet")
    SearchIndexState = apps.get_model("search", "SearchIndexState")
    typed = SearchFacet.objects.filter(field="type").values_list("document_id", flat=True)
    untyped = SearchDocument.objects.exclude(id__in=typed)
    for doc in untyped.iterator(chunk_size=500):
        doc.data = {**doc.data, "type": "offer", "date": doc.data.get("first_published_at")}
        doc.save(update_fields=["data"])
        SearchFacet.objects.create(document_id=doc.id, field="type", value="offer")
    SearchIndexState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_state")]
    operations = [migrations.RunPython(mark_offers, migrations.RunPython.noop)]
