"""Build offers the way editors do: as child pages of the catalogue, saved as revisions and published."""

import itertools

from catalogue.models import CatalogueIndexPage, City, Language, OfferPage, Organisation, TargetGroup

_numbers = itertools.count(1)


class OfferFactory:
    def __init__(self, capture_on_commit):
        self.capture = capture_on_commit

    @property
    def catalogue(self):
        return CatalogueIndexPage.objects.get()

    def make(self, title="Workshop Zivilcourage", *, summary="Ein Angebot für Schulen.", description="",
             kind="measure", cities=("hilden",), target_groups=("schulen-lehrkraefte",), languages=("de",),
             tags=(), provider="", fmt="in_person", is_free=True, publish=True, **fields):
        number = next(_numbers)
        page = OfferPage(
            title=title, slug=f"angebot-{number}", summary=summary, description=description, kind=kind,
            format=fmt, is_free=is_free, external_id=fields.pop("external_id", f"test-{number}"), **fields,
        )
        if provider:
            page.provider = Organisation.objects.get_or_create(name=provider)[0]
        page.cities = list(City.objects.filter(slug__in=cities))
        page.target_groups = list(TargetGroup.objects.filter(slug__in=target_groups))
        page.languages = list(Language.objects.filter(slug__in=languages))
        page.tags.set(list(tags))
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
