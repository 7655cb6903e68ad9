"""``core.bulk``: rows written by ``insert_rows`` read back as Django's ``bulk_create`` would have written them."""

import datetime
import gc
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from core.bulk import _unnest, gc_paused, insert_objects, insert_rows, pipelined
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

# JSON with what an array literal must escape: quotes, backslashes, braces, commas, non-ASCII, nesting, null.
AWKWARD = {"title": 'Ein "Zitat", {Klammern} \\ und Ümlaute', "list": [1, None, {"a": "b,c"}], "empty": ""}


def log_row(page, action, data, when):
    content_type = ContentType.objects.get_for_model(Page)
    return (action, when, None, None, page.pk, content_type.pk, page.title, uuid.uuid4(), True, False, data)


LOG_FIELDS = ["action", "timestamp", "user", "revision", "page", "content_type", "label", "uuid", "content_changed"]
LOG_FIELDS += ["deleted", "data"]


def test_rows_read_back_as_written_json_and_dates_included():
    page = Page.objects.get(depth=1)
    when = timezone.now()
    rows = [log_row(page, f"test.{n}", data, when) for n, data in enumerate([AWKWARD, {}, [], "text", 0])]
    assert insert_rows(PageLogEntry, LOG_FIELDS, rows) == []
    saved = list(PageLogEntry.objects.filter(page=page).order_by("action"))
    assert [(e.action, e.data, e.timestamp, e.uuid, e.label, e.content_changed) for e in saved] == [
        (row[0], row[10], when, row[7], page.title, True) for row in rows
    ]


def test_returning_gives_the_keys_in_the_rows_order():
    page = Page.objects.get(depth=1)
    content_type = ContentType.objects.get_for_model(Page)
    when = timezone.now()
    rows = [
        (content_type.pk, content_type.pk, str(page.pk), when, None, {**AWKWARD, "n": n}, f"Fassung {n}")
        for n in range(300)  # more than one statement's worth on SQLite (999 parameters)
    ]
    fields = ["content_type", "base_content_type", "object_id", "created_at", "user", "content", "object_str"]
    keys = insert_rows(Revision, fields, rows, returning=True)
    assert len(set(keys)) == 300
    revisions = Revision.objects.in_bulk(keys)
    assert [(revisions[k].object_str, revisions[k].content) for k in keys] == [(r[6], r[5]) for r in rows]


def test_a_null_json_value_is_sql_null_as_with_bulk_create():
    page = Page.objects.get(depth=1)
    content_type = ContentType.objects.get_for_model(Page)
    fields = ["content_type", "base_content_type", "object_id", "created_at", "user", "content", "object_str"]
    row = (content_type.pk, content_type.pk, str(page.pk), timezone.now(), None, None, "ohne Inhalt")
    # content is NOT NULL: refused, not stored as the JSON value null
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Revision, fields, [row])


def test_ignore_conflicts_skips_rows_that_break_a_unique_constraint_and_keeps_the_others():
    page = Page.objects.get(depth=1)
    content_type = ContentType.objects.get_for_model(Page)
    tags = [Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(3)]
    tag_type = ContentType.objects.get_for_model(Tag)

    def reference(tag):
        path = f"tags.item.{tag.pk}"
        hash_ = ReferenceIndex._get_content_path_hash(path)
        return (content_type.pk, content_type.pk, str(page.pk), tag_type.pk, str(tag.pk), "tags.item", path, hash_)

    fields = ["content_type", "base_content_type", "object_id", "to_content_type", "to_object_id", "model_path"]
    fields += ["content_path", "content_path_hash"]
    insert_rows(ReferenceIndex, fields, [reference(tags[0])])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(ReferenceIndex, fields, [reference(tags[0])])
    insert_rows(ReferenceIndex, fields, [reference(tag) for tag in tags], ignore_conflicts=True)
    stored = ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list("to_object_id", flat=True)
    assert sorted(stored) == sorted(str(tag.pk) for tag in tags)


def test_insert_objects_writes_instances_like_bulk_create():
    made = [Tag(name=f"Schlagwort {n}", slug=f"schlagwort-{n}") for n in range(5)]
    insert_objects(Tag, made)
    assert list(Tag.objects.order_by("slug").values_list("name", "slug")) == [(t.name, t.slug) for t in made]
    assert insert_rows(Tag, ["name", "slug"], []) == []


def test_gc_paused_switches_the_collector_off_and_back_nested_and_on_error():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_gc_paused_leaves_a_collector_that_was_off_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# Text that a literal, an array or JSON must carry intact: tabs, newlines, backslashes, quotes, braces, commas,
# words a COPY or array would read as NULL, non-ASCII, the empty string.
AWKWARD_TEXTS = ["a\tb\nc\r\nd", "Back\\slash \"quoted\" 'single'", "{a,b} NULL", "\\N", "", "Ümlaut € 😀"]


def test_text_numbers_dates_and_nulls_read_back_as_written():
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    when = datetime.datetime(2026, 3, 29, 2, 30, 15, 123456, tzinfo=datetime.UTC)  # microseconds kept
    rows = [
        (
            (1 << 40) + n,  # beyond 32 bits
            {"title": text, "n": n},
            text,
            gettext_lazy("Suche"),  # a lazy string is prepared through its field
            f"stem {n}",
            "",
            text[::-1],
            "\\ \t",
            None if n % 2 else when.astimezone(berlin),
            when,
        )
        for n, text in enumerate(AWKWARD_TEXTS)
    ]
    fields = ["id", "data", "exact_hi", "stem_hi", "stem_mid", "stem_lo", "parts", "vocabulary", "sort_date"]
    fields += ["updated_at"]
    insert_rows(SearchDocument, fields, rows)
    stored = SearchDocument.objects.order_by("id").values_list(*fields)
    assert [tuple(row) for row in stored] == [(*row[:3], "Suche", *row[4:]) for row in rows]


def test_values_that_json_does_not_carry_go_as_an_array():
    if connection.vendor != "postgresql":
        pytest.skip("the arrays are PostgreSQL's")
    fields = [models.DecimalField(max_digits=6, decimal_places=2), models.DurationField(), models.TextField()]
    for n, field in enumerate(fields):
        field.set_attributes_from_name(f"c{n}")
    rows = [(Decimal("12.50"), datetime.timedelta(days=1, seconds=5), "a\tb"), (None, None, None)]
    sql, params = _unnest(connection, fields, rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == rows


def test_pipelined_writes_are_read_back_and_their_errors_raise_by_the_end_of_the_block():
    with pipelined():
        insert_rows(Tag, ["name", "slug"], [("Erstes", "erstes")])
        assert Tag.objects.filter(slug="erstes").exists()  # a read waits for the writes before it
        insert_rows(Tag, ["name", "slug"], [("Zweites", "zweites")])
    assert set(Tag.objects.values_list("slug", flat=True)) >= {"erstes", "zweites"}
    with pytest.raises(IntegrityError), transaction.atomic(), pipelined():
        insert_rows(Tag, ["name", "slug"], [("Erstes", "erstes")])  # the slug is unique
    assert Tag.objects.filter(slug="erstes").count() == 1
