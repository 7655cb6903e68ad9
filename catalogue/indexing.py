"""How offers enter the shared search index, and the catalogue's facets (see ``search.documents`` and
``search.facets``).

Offers are pages and keep their page ids as keys. ``search.signals`` follows page changes; the receivers
below add what only this app knows: taxonomy names are searchable text of the offers that carry them, and
the set of cities decides which cities a district-wide offer serves.
"""

from django.db.models.signals import post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from core.cache import per_generation
from search import german
from search.documents import OFFER, Source, register, text_document
from search.facets import Facet
from search.facets import register as register_facet
from search.service import on_commit_index
from search.signals import pages_naming

from .models import OfferPage
from .public_fields import organisation_name, plain_text, public_values, with_related
from .taxonomy import DISTRICT_WIDE, City, Language, OfferFormat, OfferKind, Organisation, TargetGroup, localized_lazy

# The offer's public fields the search document leaves out (``public_fields``): the index holds what is
# searched, filtered, ranked and shown in a hit; the offer's page shows the rest.
NOT_INDEXED = {
    **dict.fromkeys(("cost", "age_min", "age_max", "barrier_free"), "the page shows them; the free switch filters"),
    **dict.fromkeys(("contact_name", "email", "phone", "website", "registration_url"), "contact: on the page"),
    **dict.fromkeys(("street", "postcode"), "the town is searched, the address is on the page"),
    "dates": "the catalogue looks up the next date of a page of hits (cards.next_dates)",
    "last_published_at": "hits are dated by their first publication",
}


def offer_queryset():
    """The offers that belong in the index: live and publicly visible (no view restrictions)."""
    return with_related(OfferPage.objects.live().public(), leaving_out=NOT_INDEXED)


def document_for(offer):
    """The search document of one offer page (its relations prefetched by ``offer_queryset``)."""
    return document_from(public_values(offer))


def document_from(values):
    """The search document of an offer's public values."""
    published = values["first_published_at"]
    return build_document(
        id=values["id"],
        external_id=values["external_id"],
        title=values["title"],
        summary=values["summary"],
        description=plain_text(values["description"]),
        kind=values["kind"].slug,
        format=values["format"].slug,
        is_free=values["is_free"],
        cities=values["cities"],
        target_groups=values["target_groups"],
        languages=[lang.slug for lang in values["languages"]],
        tags=values["tags"],
        provider=organisation_name(values["provider"]),
        town=values["town"],
        url=values["url"],
        published=published.isoformat() if published else None,
    )


def build_document(
    *,
    id,
    external_id,
    title,
    summary,
    description,
    kind,
    format,
    is_free,
    cities,
    target_groups,
    languages,
    tags,
    provider,
    town,
    url,
    published,
    all_city_slugs=None,
):
    """An offer's document from plain values; ``cities`` and ``target_groups`` are (slug, name) pairs."""
    city_slugs = [slug for slug, _name in cities]
    group_slugs = [slug for slug, _name in target_groups]
    return text_document(
        key=id,
        type=OFFER,
        title=title,
        summary=summary,
        body=description,
        tags=tags,
        date=published,
        meta=" ".join([provider, town] + [name for _slug, name in cities + target_groups]),
        facets={
            "kind": [kind],
            "city": city_filter(city_slugs, all_city_slugs),
            "own_city": city_slugs,  # not the cities a district-wide offer serves: ranks local offers first
            "target_group": group_slugs,
            "language": list(languages),
            "format": [format],
            "tag": [german.fold(t) for t in tags],
            "free": ["true" if is_free else "false"],
        },
        data={
            "external_id": external_id,
            "kind": kind,
            "url": url,
            "cities": city_slugs,
            "target_groups": group_slugs,
            "languages": list(languages),
            "tags": list(tags),
            "provider": provider,
            "format": format,
            "is_free": is_free,
            "first_published_at": published,
        },
    )


def city_filter(city_slugs, all_city_slugs=None):
    """The district-wide rule, once for both engines: a "kreisweit" item serves every city."""
    if DISTRICT_WIDE not in city_slugs:
        return list(city_slugs)
    return sorted(set(city_slugs) | set(all_city_slugs if all_city_slugs is not None else _city_slugs()))


@per_generation
def _city_slugs():
    return list(City.objects.values_list("slug", flat=True))


TAXONOMY = (City, TargetGroup, Language, Organisation)  # their names are searchable text of offers

register(
    Source(
        type=OFFER,
        label=OfferPage._meta.verbose_name,
        model=OfferPage,
        queryset=offer_queryset,
        document=document_for,
        depends_on=TAXONOMY,
    )
)


# -- facets, in display order ------------------------------------------------------------------
def _terms(model):
    """(slug, label) of a taxonomy's terms; the label is lazy and follows the language of each request."""
    return lambda: [
        (slug, localized_lazy(name, name_en))
        for slug, name, name_en in model.objects.values_list("slug", "name", "name_en")
    ]


for facet in (
    Facet(
        name="kind",
        label=_("Art des Angebots"),
        choices=lambda: list(OfferKind.choices),
        help="Art: " + ", ".join(OfferKind.values) + " (wiederholbar)",
    ),
    Facet(
        name="city",
        label=_("Stadt"),
        choices=_terms(City),
        prefers="own_city",
        help="Stadt-Kürzel; kreisweite Angebote zählen für jede Stadt",
    ),
    Facet(
        name="target_group",
        label=_("Zielgruppe"),
        choices=_terms(TargetGroup),
        help="Zielgruppen-Kürzel (wiederholbar)",
    ),
    Facet(
        name="format",
        label=_("Format"),
        choices=lambda: list(OfferFormat.choices),
        help=", ".join(OfferFormat.values) + " (wiederholbar)",
    ),
    Facet(name="language", label=_("Sprache"), choices=_terms(Language), help="ISO-639-1-Code (wiederholbar)"),
    Facet(name="tag", label=_("Schlagwort"), counted=False, normalise=german.fold, help="Schlagwort (wiederholbar)"),
    Facet(name="free", label=_("kostenlos"), switch=True, help="true: nur kostenlose Angebote"),
    Facet(
        name="own_city",
        label=_("Angebote der Stadt selbst"),
        choices=_terms(City),
        counted=False,
        help="Stadt-Kürzel; nur die eigenen Angebote der Stadt, ohne kreisweite",
    ),
):
    register_facet(facet)


# -- taxonomy ----------------------------------------------------------------------------------
def _taxonomy_changed(term):
    """Term names are searchable text of the pages that carry them, and the set of cities decides which
    cities the district-wide pages serve."""
    ids = pages_naming(term)
    if isinstance(term, City):
        district = City.objects.filter(slug=DISTRICT_WIDE).first()
        ids += pages_naming(district) if district else []
    if ids:
        on_commit_index(sorted(set(ids)))


def taxonomy_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the index is rebuilt afterwards
        _taxonomy_changed(instance)


def taxonomy_deleted(sender, instance, **kwargs):
    # Before the delete, while the pages still refer to it; they are indexed after the commit, without it.
    _taxonomy_changed(instance)


for model in TAXONOMY:
    post_save.connect(taxonomy_saved, sender=model, dispatch_uid=f"search-taxonomy-save-{model.__name__}")
    pre_delete.connect(taxonomy_deleted, sender=model, dispatch_uid=f"search-taxonomy-delete-{model.__name__}")
