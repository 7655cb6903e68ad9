"""Build offers the way editors do: as child pages of the catalogue, saved as revisions and published."""

import itertools

from catalogue.models import CatalogueIndexPage, City, Language, OfferDate, OfferPage, Organisation, TargetGroup

HILDEN_ADDRESS = {"street": "Am Rathaus 1", "postcode": "40721", "town": "Hilden"}  # an offer's address in tests

_numbers = itertools.count(1)


class OfferFactory:
    def __init__(self, capture_on_commit):
        self.capture = capture_on_commit

    @property
    def catalogue(self):
        return CatalogueIndexPage.objects.get()

    def make(
        self,
        title="Workshop Zivilcourage",
        *,
        summary="Ein Angebot für Schulen.",
        description="",
        kind="measure",
        cities=("hilden",),
        target_groups=("schulen-lehrkraefte",),
        languages=("de",),
        tags=(),
        provider="",
        fmt="in_person",
        is_free=True,
        dates=(),
        publish=True,
        **fields,
    ):
        """``dates`` are (start, end) pairs, ``end`` may be None; ``fields`` are further fields of the page."""
        number = next(_numbers)
        page = OfferPage(
            title=title,
            slug=f"angebot-{number}",
            summary=summary,
            description=description,
            kind=kind,
            format=fmt,
            is_free=is_free,
            external_id=fields.pop("external_id", f"test-{number}"),
            **fields,
        )
        if provider:
            page.provider = Organisation.objects.get_or_create(name=provider)[0]
        page.cities = list(City.objects.filter(slug__in=cities))
        page.target_groups = list(TargetGroup.objects.filter(slug__in=target_groups))
        page.languages = list(Language.objects.filter(slug__in=languages))
        page.tags.set(list(tags))
        page.dates = [OfferDate(start=start, end=end) for start, end in dates]
        if not publish:
            page.live = False
        with self.capture(execute=True):
            self.catalogue.add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
        return OfferPage.objects.get(pk=page.pk)

    def unpublish(self, page):
        with self.capture(execute=True):
            page.unpublish()

    def delete(self, page):
        with self.capture(execute=True):
            page.delete()

    def republish(self, page, **changes):
        page = page.get_latest_revision_as_object()
        for name, value in changes.items():
            setattr(page, name, value)
        with self.capture(execute=True):
            page.save_revision().publish()
        return OfferPage.objects.get(pk=page.pk)


class KnowledgeFactory:
    """Articles, events, glossary terms and documents, published like editors do (index updated on commit)."""

    def __init__(self, capture_on_commit):
        self.capture = capture_on_commit

    def _publish(self, parent, page):
        with self.capture(execute=True):
            parent.add_child(instance=page)
            page.save_revision().publish()
        return type(page).objects.get(pk=page.pk)

    def article(
        self, title="Rassismus erkennen", *, summary="Ein Artikel.", body=(), target_groups=(), tags=(), slug=None
    ):
        from knowledge.models import ArticlePage, KnowledgeIndexPage

        page = ArticlePage(
            title=title,
            slug=slug or f"artikel-{next(_numbers)}",
            summary=summary,
            body=list(body) or [("paragraph", "<p>Text.</p>")],
        )
        page.target_groups = list(TargetGroup.objects.filter(slug__in=target_groups))
        page.tags.set(list(tags))
        return self._publish(KnowledgeIndexPage.objects.get(), page)

    def event(self, title="Regionalkonferenz", *, city="hilden", start, kind="conference", **fields):
        from knowledge.models import EventIndexPage, EventPage

        fields.setdefault("organiser", "Stadt")
        fields.setdefault("summary", "Eine Veranstaltung.")
        page = EventPage(
            title=title,
            slug=f"veranstaltung-{next(_numbers)}",
            kind=kind,
            city=City.objects.get(slug=city),
            start=start,
            **fields,
        )
        return self._publish(EventIndexPage.objects.get(), page)

    def term(self, term="Rassismus", *, variants="", category="racism", definition="<p>Erklärung.</p>"):
        from knowledge.models import GlossaryTerm

        with self.capture(execute=True):
            return GlossaryTerm.objects.create(term=term, variants=variants, category=category, definition=definition)

    def document(
        self, title="Handreichung", *, description="", collection=None, filename="handreichung.pdf", content=None
    ):
        from django.core.files.base import ContentFile
        from wagtail.models import Collection

        from knowledge.demo import simple_pdf
        from knowledge.models import KnowledgeDocument

        document = KnowledgeDocument(
            title=title, description=description, collection=collection or Collection.get_first_root_node()
        )
        document.file.save(filename, ContentFile(simple_pdf([title]) if content is None else content), save=False)
        with self.capture(execute=True):
            document.save()
        return document
