"""Publish many new pages under one parent at once, leaving what Wagtail's per-page path would leave.

Wagtail's own path for a new published page is ``parent.add_child()``, ``save_revision()`` and
``revision.publish()``: three page saves and about 110 queries per page, so an import of 10,000 offers
takes minutes. ``publish_new_pages`` writes the same rows with a few statements per batch: the tree
positions after the parent's last child (treebeard's path helpers), the page and child rows, the
relations, one first revision per page that is its latest and live revision, the log entries
("wagtail.create", "wagtail.edit", "wagtail.publish"), the reference index; then it sends
``page_published`` and ``published`` per page as Wagtail does, so the project's receivers run (callers
wrap it in ``core.batch.collecting`` to have their effects once: one reindex, one page-cache purge).
``tests/catalogue/test_batch_publish.py`` compares its pages with pages made the per-page way.

What Wagtail's publish also does and a new page does not need: cancelling a workflow, updating aliases
and comment positions, clearing the site-root cache (a new child of the catalogue is none of these).
"""

from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published, published

from core.bulk import insert_objects, insert_rows


def publish_new_pages(parent, pages, *, user=None):
    """Add ``pages`` (unsaved, all of one direct ``Page`` subclass) as ``parent``'s last children, published.

    ``user`` publishes them (checked like Wagtail's publish: ``PublishPagePermissionError``) and is named in
    the revisions and log entries; each page's ``owner`` is kept as set. Must run inside a transaction that
    holds the parent (the import's lock), so that no other child is added meanwhile.
    """
    if not pages:
        return pages
    model = type(pages[0])
    if any(type(page) is not model for page in pages) or model._meta.get_parent_list() != [Page]:
        raise TypeError("publish_new_pages takes pages of one model that inherits directly from Page.")
    place_in_tree(parent, pages)
    for page in pages:
        prepare(page, parent)
    if user is not None:
        for page in pages:
            if not page.permissions_for_user(user).can_publish():
                raise PublishPagePermissionError("You do not have permission to publish this page.")
    with transaction.atomic():
        created_at = timezone.now()
        insert_pages(model, pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        parent.numchild += len(pages)
        insert_relations(model, pages)
        revisions = insert_revisions(pages, user, timezone.now())
        published_at = timezone.now()
        mark_published(pages, revisions, published_at)
        insert_log_entries(pages, revisions, user, created_at, published_at)
        insert_references(model, pages)
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=model, instance=page, revision=revision)
            published.send(sender=model, instance=page, revision=revision)
        transaction.on_commit(lambda: update_admin_search(model, pages))
    return pages


def place_in_tree(parent, pages):
    """Paths after the parent's last child, as treebeard's ``add_child`` gives them one by one."""
    model = type(pages[0])
    parent.refresh_from_db(fields=["path", "depth", "numchild"])  # as add_child reads the parent again
    last = parent.get_last_child()
    first = last._get_lastpos_in_path() + 1 if last else 1
    if first + len(pages) - 1 >= len(model.alphabet) ** model.steplen:
        raise PathOverflow(f"No room for {len(pages)} more children under '{parent.path}'.")
    depth = parent.depth + 1
    for step, page in enumerate(pages, start=first):
        page.depth, page.numchild = depth, 0
        page.path = model._get_path(parent.path, depth, step)


def prepare(page, parent):
    """The page as Wagtail's ``save()`` leaves it before its first revision: defaults set, fields valid.

    Field validation as ``full_clean`` does it, without its queries (one per foreign key, and the unique
    checks): the caller gives each page a slug free among the parent's children and a unique ``external_id``,
    its related objects come from the database, and the database's constraints hold the rest.
    """
    page._cached_parent_obj = parent
    for relation in get_all_child_relations(page):  # kept in memory: once saved, empty ones would be queried
        name = relation.get_accessor_name()
        setattr(page, name, list(getattr(page, name).all()))
    page.locale_id = parent.locale_id
    page.draft_title = page.title
    page.set_url_path(parent)
    page.live = page.has_unpublished_changes = page.expired = False
    page.first_published_at = page.last_published_at = page.latest_revision_created_at = None
    if hasattr(page, "apply_freshness_rules"):  # what OfferPage.save does on every save
        page.apply_freshness_rules()
    page.clean_fields(exclude=[f.name for f in page._meta.concrete_fields if f.is_relation])


def insert_pages(model, pages):
    """The ``wagtailcore_page`` rows (ids come back), then the model's own table's rows.

    Django's ``bulk_create`` refuses multi-table inheritance, so each table gets its rows on its own.
    """
    insert_objects(Page, pages, returning=True)
    for page in pages:
        setattr(page, model._meta.pk.attname, page.id)
    insert_objects(model, pages)


def insert_relations(model, pages):
    """Child objects (dates, tags, comments) and many-to-many rows, as ``ClusterableModel.save`` commits them.

    The many-to-many values are put in their model's order, in which the per-page path's revision (read back
    from the database) lists them.
    """
    for relation in get_all_child_relations(model):
        children = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, relation.field.name, page)
                children.append(child)
        insert_objects(relation.related_model, children, returning=True)  # their ids go into the revision
    for field in get_all_child_m2m_relations(model):
        through = field.remote_field.through
        order = {pk: n for n, pk in enumerate(field.related_model.objects.values_list("pk", flat=True))}
        rows = []
        for page in pages:
            items = sorted(getattr(page, field.name).all(), key=lambda item: order[item.pk])
            setattr(page, field.name, items)
            rows += [(page.pk, item.pk) for item in items]
        insert_rows(through, [field.m2m_field_name(), field.m2m_reverse_field_name()], rows)


def insert_revisions(pages, user, created_at):
    """Each page's first revision, with the content ``save_revision`` would store (the page before publishing)."""
    revisions = [
        Revision(
            created_at=created_at,
            content_type_id=page.content_type_id,
            base_content_type=page.get_base_content_type(),
            object_id=str(page.pk),
            user=user,
            approved_go_live_at=None,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    return insert_objects(Revision, revisions, returning=True)


def mark_published(pages, revisions, published_at):
    """Live, with the revision as latest and live revision: one UPDATE for the batch, and the same in memory."""
    first, last = pages[0], pages[-1]
    revision = Revision.objects.filter(
        base_content_type=first.get_base_content_type(), object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-created_at", "-pk")[:1]
    Page.objects.filter(depth=first.depth, path__gte=first.path, path__lte=last.path).update(
        live=True,
        has_unpublished_changes=False,
        expired=False,
        first_published_at=published_at,
        last_published_at=published_at,
        latest_revision=Subquery(revision.values("pk")),
        live_revision=Subquery(revision.values("pk")),
        latest_revision_created_at=revisions[0].created_at,  # one time for the batch's revisions
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = published_at
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at


def insert_log_entries(pages, revisions, user, created_at, published_at):
    """The history Wagtail writes: created (by the owner if no user), edited (a revision), published."""
    context = get_active_log_context()
    acting = user or context.user
    acting_id = acting.pk if acting else None
    rows = []
    for page, revision in zip(pages, revisions, strict=True):
        label = PageLogEntry.objects.get_instance_title(page)
        creator = user or page.owner or acting
        common = (page.pk, page.content_type_id, label, context.uuid, True, False, {})
        rows += [
            ("wagtail.create", created_at, creator.pk if creator else None, None, *common),
            ("wagtail.edit", revision.created_at, acting_id, revision.pk, *common),
            ("wagtail.publish", published_at, acting_id, revision.pk, *common),
        ]
    insert_rows(
        PageLogEntry,
        ["action", "timestamp", "user", "revision", "page", "content_type", "label", "uuid", "content_changed"]
        + ["deleted", "data"],
        rows,
    )


def insert_references(model, pages):
    """The reference index rows Wagtail's task writes after a page is saved (provider, tags …)."""
    if not ReferenceIndex.is_indexed(model):
        return
    content_type = pages[0].content_type
    base_content_type = pages[0].get_base_content_type()
    rows = [
        (
            content_type.pk,
            base_content_type.pk,
            str(page.pk),
            to_content_type_id,
            to_object_id,
            model_path,
            content_path,
            ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    columns = ["content_type", "base_content_type", "object_id", "to_content_type", "to_object_id", "model_path"]
    insert_rows(ReferenceIndex, columns + ["content_path", "content_path_hash"], rows, ignore_conflicts=True)


def update_admin_search(model, pages):
    """Wagtail's admin search index (its post-save task does this per page), once for the batch."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)
