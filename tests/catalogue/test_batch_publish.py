"""The import's batch publish (``catalogue.publishing``) leaves what Wagtail's per-page path leaves.

The same rows are written twice: through ``save_offer`` one by one (``add_child``, ``save_revision``,
``publish``, the way before the batch path) and through ``import_rows(..., publish=True)``, which publishes
its new offers in one batch. Every difference an editor or a visitor could see is compared: the page's
fields, its tree position, its revision, history, reference index, relations, the public page and the
search index.
"""

import json
import re

import pytest
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Page, PageLogEntry, ReferenceIndex

import core.cache
from catalogue.importing import import_rows, save_offer, validate
from catalogue.models import CatalogueIndexPage, OfferPage
from search.models import SearchDocument
from search.service import one_index_batch
from tests.catalogue.test_import import ROW

pytestmark = pytest.mark.django_db

ROWS = [
    ROW,
    {**ROW, "external_id": "ki-002", "title": "Workshop Zivilcourage", "tags": "", "dates": "", "provider": ""},
    {**ROW, "external_id": "ki-003", "title": "Elternabend Rechte Musik", "provider": "Neuer Träger e. V."},
]
# What differs between two pages of the same content by nature: identity, place, times (compared apart).
OWN = {"id", "pk", "page_ptr", "path", "slug", "url_path", "translation_key", "external_id", "content_object", "offer"}
TIMES = {"first_published_at", "last_published_at", "latest_revision_created_at", "latest_revision", "live_revision"}


def per_page_path(rows, user):
    catalogue = CatalogueIndexPage.objects.get()
    parsed, errors = validate(rows)
    assert not errors
    with one_index_batch():
        return [save_offer(catalogue, None, values, publish=True, user=user) for values in parsed]


def batch_path(rows, user):
    report = import_rows(rows, publish=True, user=user)
    assert report.ok and len(report.created) == len(rows)
    return [OfferPage.objects.get(external_id=row["external_id"]) for row in rows]


def both_ways(django_capture_on_commit_callbacks, user):
    with django_capture_on_commit_callbacks(execute=True):
        old = per_page_path([{**row, "external_id": "alt-" + row["external_id"]} for row in ROWS], user)
    with django_capture_on_commit_callbacks(execute=True):
        new = batch_path(ROWS, user)
    return [OfferPage.objects.get(pk=p.pk) for p in old], new


def without(data, keys):
    """``data`` with the keys in ``keys`` dropped, in nested dicts and lists too."""
    if isinstance(data, dict):
        return {k: without(v, keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [without(v, keys) for v in data]
    return data


def page_fields(page):
    return without({f.name: f.value_from_object(page) for f in OfferPage._meta.concrete_fields}, OWN | TIMES)


def history(page):
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    return [(e.action, e.user_id, e.revision_id, e.content_changed, e.label, e.data, e.deleted) for e in entries]


def references(page):
    rows = ReferenceIndex.objects.filter(object_id=str(page.pk))
    return sorted(
        (r.content_type_id, r.base_content_type_id, r.to_content_type_id, r.to_object_id, r.model_path) for r in rows
    )


def relations(page):
    return {
        "cities": list(page.cities.values_list("slug", flat=True)),
        "target_groups": list(page.target_groups.values_list("slug", flat=True)),
        "languages": list(page.languages.values_list("slug", flat=True)),
        "tags": sorted(page.tags.names()),
        "dates": list(page.dates.values_list("start", "end", "sort_order")),
    }


@pytest.fixture
def importer(django_user_model):
    return django_user_model.objects.create_superuser("importer", "importer@example.org", "geheim-12345")


def test_batch_pages_are_the_per_page_paths_pages(django_capture_on_commit_callbacks, importer):
    old, new = both_ways(django_capture_on_commit_callbacks, importer)
    for a, b in zip(old, new, strict=True):
        assert page_fields(b) == page_fields(a)
        assert b.owner == importer and b.live and not b.has_unpublished_changes
        assert a.slug == b.slug.removesuffix("-2") and b.slug.endswith("-2")  # the first to come takes the slug
        assert b.url_path == f"{b.get_parent().url_path}{b.slug}/" and b.depth == a.depth
        assert b.first_published_at == b.last_published_at >= b.latest_revision_created_at
        assert relations(b) == relations(a)

        assert a.revisions.count() == b.revisions.count() == 1
        revision = b.revisions.get()
        assert b.latest_revision == b.live_revision == revision and revision.user == importer
        assert revision.created_at == b.latest_revision_created_at and revision.object_str == b.title
        assert without(revision.content, OWN | TIMES) == without(a.latest_revision.content, OWN | TIMES)
        assert revision.content["pk"] == b.pk and revision.content["path"] == b.path
        assert [d["offer"] for d in revision.content["dates"]] == [b.pk] * b.dates.count()
        # the child rows' ids, as the per-page path stores them, so that a later edit updates these rows
        assert [d["pk"] for d in revision.content["dates"]] == list(b.dates.values_list("pk", flat=True))
        assert sorted(t["pk"] for t in revision.content["tagged_items"]) == sorted(
            b.tagged_items.values_list("pk", flat=True)
        )
        assert all(d["pk"] for d in a.latest_revision.content["dates"] + a.latest_revision.content["tagged_items"])
        assert revision.as_object().title == b.title and revision.as_object().cities.count() == b.cities.count()

        old_history, new_history = history(a), history(b)
        assert [e[0] for e in new_history] == ["wagtail.create", "wagtail.edit", "wagtail.publish"]
        assert [e[:2] + e[3:] for e in new_history] == [e[:2] + e[3:] for e in old_history]
        assert [e[2] for e in new_history] == [None, revision.pk, revision.pk]

        assert references(b) == references(a)
        assert len(references(b)) == (1 if b.provider else 0) + b.tags.count()


def test_the_tree_stays_valid_and_the_batch_follows_the_existing_children(django_capture_on_commit_callbacks, importer):
    old, new = both_ways(django_capture_on_commit_callbacks, importer)
    assert all(not problems for problems in Page.find_problems())
    catalogue = CatalogueIndexPage.objects.get()
    assert list(catalogue.get_children().values_list("pk", flat=True)) == [p.pk for p in old + new]
    assert catalogue.numchild == len(old + new)
    assert [p.path for p in new] == [Page._get_path(catalogue.path, catalogue.depth + 1, n) for n in (4, 5, 6)]


def test_public_page_and_search_are_the_same(client, django_capture_on_commit_callbacks, importer):
    old, new = both_ways(django_capture_on_commit_callbacks, importer)
    for a, b in zip(old, new, strict=True):
        html = {}
        for page in (a, b):
            response = client.get(page.url)
            assert response.status_code == 200
            text = response.content.decode()
            text = re.sub(r'nonce="[^"]*"', "", text).replace(page.slug, "SLUG")
            html[page.pk] = text.replace(f"angebot-{page.pk}.ics", "angebot-ID.ics")
        assert html[b.pk] == html[a.pk]

        documents = {d.id: d for d in SearchDocument.objects.filter(id__in=[a.pk, b.pk])}
        assert set(documents) == {a.pk, b.pk}
        own = {"id", "data", "sort_date", "updated_at"}  # the page's own id, url and publishing time
        fields = [f.attname for f in SearchDocument._meta.concrete_fields if f.attname not in own]
        assert [getattr(documents[b.pk], f) for f in fields] == [getattr(documents[a.pk], f) for f in fields]
        data = {
            pk: without(d.data, {"id", "date", "external_id", "url", "first_published_at"})
            for pk, d in documents.items()
        }
        assert data[b.pk] == data[a.pk]
        stored = json.dumps(documents[b.pk].data)
        assert f'"{b.url}"' in stored and f'"{b.first_published_at.isoformat()}"' in stored

    found = [r["id"] for r in client.get("/api/v1/offers/", {"q": "Rechte Codes"}).json()["results"]]
    twin = {a.pk: b.pk for a, b in zip(old, new, strict=True)}
    assert old[0].pk in found and set(found) <= set(twin) | set(twin.values())
    assert {twin[pk] for pk in found if pk in twin} == {pk for pk in found if pk not in twin}  # found in pairs


def test_the_page_cache_and_the_search_index_follow_once_per_import(
    monkeypatch, django_capture_on_commit_callbacks, importer
):
    import search.service

    bumps, batches = [], []
    monkeypatch.setattr(core.cache, "_bump", lambda: bumps.append(1))
    monkeypatch.setattr(search.service, "reindex", batches.append)
    with django_capture_on_commit_callbacks(execute=True):
        pages = batch_path(ROWS, importer)
    assert len(bumps) == 2  # now and after the commit, not twice per offer
    assert batches == [{p.pk for p in pages}]


def test_a_user_who_may_not_publish_gets_wagtails_error_and_nothing_is_written(django_user_model):
    editor = django_user_model.objects.create_user("ohne-rechte", "o@example.org", "geheim-12345")
    with pytest.raises(PublishPagePermissionError):
        import_rows(ROWS, publish=True, user=editor)
    assert not OfferPage.objects.exists()
    assert CatalogueIndexPage.objects.get().numchild == 0


def test_the_number_of_queries_does_not_grow_with_the_rows(importer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for prefix, n in (("a", 3), ("b", 30)):
        rows = [{**ROW, "external_id": f"{prefix}-{i}", "title": f"Angebot {prefix} {i}"} for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            assert import_rows(rows, publish=True, user=importer).ok
        counts.append(len(queries))
    assert counts[1] <= counts[0]  # the second import finds the provider and tags the first created
