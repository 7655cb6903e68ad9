"""How knowledge content enters the shared search index (see ``search.documents``).

Articles and events are pages and keep their page ids as keys; glossary terms and documents get key
ranges of their own. ``search.signals`` follows page changes and every save or delete of a term or
document; the receivers below add what only this app knows: where the glossary lives, which documents
are public.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.signals import page_published, page_unpublished

from catalogue.indexing import city_filter
from search.documents import KEY_SPACE, Source, register, text_document
from search.service import on_commit_index

from .models import ArticlePage, EventPage, GlossaryPage, GlossaryTerm, KnowledgeDocument


def _iso(moment):
    return moment.isoformat() if moment else None


def stream_text(stream):
    """The plain text of a StreamField (headings, paragraphs, quotes, captions, programme items)."""
    return " ".join(
        strip_tags(str(part)) for block in stream for part in block.block.get_searchable_content(block.value)
    )


# -- articles ----------------------------------------------------------------------------------
def article_queryset():
    return ArticlePage.objects.live().public().prefetch_related("target_groups", "tagged_items__tag")


def article_document(article):
    groups = list(article.target_groups.all())
    tags = sorted(item.tag.name for item in article.tagged_items.all())
    return text_document(
        key=article.pk,
        type="article",
        title=article.title,
        summary=article.summary,
        body=stream_text(article.body),
        meta=" ".join(g.name for g in groups),
        tags=tags,
        facets={"target_group": [g.slug for g in groups], "tag": tags},
        data={"url": article.get_url(), "tags": tags},
        date=_iso(article.first_published_at),
    )


# -- events ------------------------------------------------------------------------------------
def event_queryset():
    return EventPage.objects.live().public().select_related("city").prefetch_related("target_groups")


def event_document(event):
    groups = list(event.target_groups.all())
    return text_document(
        key=event.pk,
        type="event",
        title=event.title,
        summary=event.summary,
        body=" ".join([stream_text(event.programme), strip_tags(event.results)]),
        meta=" ".join(
            [event.city.name, event.venue, event.organiser, event.get_kind_display()] + [g.name for g in groups]
        ),
        facets={"city": city_filter([event.city.slug]), "target_group": [g.slug for g in groups]},
        data={"url": event.get_url(), "city": event.city.name, "event_kind": event.kind, "start": _iso(event.start)},
        date=_iso(event.start),
    )


# -- glossary ----------------------------------------------------------------------------------
def glossary_url():
    page = GlossaryPage.objects.live().first()
    return page.get_url() if page else ""


def glossary_document(term, url=None):
    url = glossary_url() if url is None else url
    return text_document(
        key=GLOSSARY.key(term.pk),
        type="glossary",
        title=term.term,
        summary=strip_tags(term.definition),
        tags=term.forms[1:],
        meta=term.get_category_display(),
        data={"url": f"{url}#{term.slug}" if url else ""},
    )


# -- documents ---------------------------------------------------------------------------------
def public_collections():
    """Collections without a view restriction on themselves or an ancestor."""
    restricted = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    return [c.pk for c in Collection.objects.all() if not any(c.path.startswith(p) for p in restricted)]


def document_queryset():
    return KnowledgeDocument.objects.filter(collection__in=public_collections()).prefetch_related("tags")


def document_document(document):
    tags = sorted(tag.name for tag in document.tags.all())
    extension = document.file_extension.upper()
    return text_document(
        key=DOCUMENTS.key(document.pk),
        type="document",
        title=document.title,
        summary=document.description,
        body=document.text,
        tags=tags,
        facets={"tag": tags},
        date=_iso(document.created_at),
        data={"url": document.url, "file_type": extension, "tags": tags},
    )


register(
    Source(type="article", label=_("Artikel"), model=ArticlePage, queryset=article_queryset, document=article_document)
)
register(
    Source(type="event", label=_("Veranstaltung"), model=EventPage, queryset=event_queryset, document=event_document)
)
GLOSSARY = Source(
    type="glossary",
    label=_("Glossar"),
    model=GlossaryTerm,
    queryset=GlossaryTerm.objects.all,
    document=glossary_document,
    offset=1 * KEY_SPACE,
)
DOCUMENTS = Source(
    type="document",
    label=_("Dokument"),
    model=KnowledgeDocument,
    queryset=document_queryset,
    document=document_document,
    offset=2 * KEY_SPACE,
)
register(GLOSSARY)
register(DOCUMENTS)


@receiver(page_published, sender=GlossaryPage)
@receiver(page_unpublished, sender=GlossaryPage)
def glossary_page_changed(sender, instance, **kwargs):
    """Glossary results link to the glossary page, so its address (or absence) is part of every term's entry."""
    on_commit_index([GLOSSARY.key(pk) for pk in GlossaryTerm.objects.values_list("pk", flat=True)])


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_restriction_changed(sender, instance, **kwargs):
    """A restricted collection's documents leave the index; lifting the restriction brings them back."""
    collections = Collection.objects.filter(path__startswith=instance.collection.path)
    ids = KnowledgeDocument.objects.filter(collection__in=collections).values_list("pk", flat=True)
    if ids:
        on_commit_index([DOCUMENTS.key(pk) for pk in ids])
