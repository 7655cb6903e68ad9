"""One function turns a live offer into the flat search document both engines index.

Nothing else knows how an offer is indexed. The text fields are pre-analysed by ``search.german`` so
that both engines match the same words; the display fields are stored so results need no page query.
"""

from django.utils.html import strip_tags

from catalogue.models import City, OfferPage
from catalogue.taxonomy import DISTRICT_WIDE

from . import german


def offer_queryset():
    """The offers that belong in the index: live and publicly visible (no view restrictions)."""
    return (
        OfferPage.objects.live().public()
        .select_related("provider")
        .prefetch_related("cities", "target_groups", "languages", "tagged_items__tag")
    )


def document_for(offer, all_city_slugs=None):
    cities = list(offer.cities.all())
    city_slugs = [c.slug for c in cities]
    target_groups = list(offer.target_groups.all())
    languages = list(offer.languages.all())
    tags = sorted(item.tag.name for item in offer.tagged_items.all())
    provider = offer.provider.name if offer.provider else ""
    description = strip_tags(offer.description or "")

    # The district-wide rule, once for both engines: a "kreisweit" offer serves every city.
    city_filter = list(city_slugs)
    if DISTRICT_WIDE in city_slugs:
        if all_city_slugs is None:
            all_city_slugs = list(City.objects.values_list("slug", flat=True))
        city_filter = sorted(set(city_filter) | set(all_city_slugs))

    meta_text = " ".join([provider, offer.town] + [c.name for c in cities] + [t.name for t in target_groups])
    title_tags = " ".join([offer.title] + tags)
    all_text = " ".join([title_tags, offer.summary, description, meta_text])
    return {
        "id": offer.pk,
        "title": offer.title,
        "summary": offer.summary,
        "description": description,
        # Pre-analysed text, weighted high to low: exact title words, then stems, then compound parts.
        "exact_hi": " ".join(german.tokens(title_tags)),
        "stem_hi": " ".join(german.stems(title_tags)),
        "stem_mid": " ".join(german.stems(offer.summary + " " + meta_text)),
        "stem_lo": " ".join(german.stems(description)),
        "parts": " ".join(german.compound_stems(all_text)),
        "vocabulary": sorted(set(german.tokens(all_text))),
        "facets": {
            "kind": [offer.kind],
            "city": city_filter,
            "target_group": [t.slug for t in target_groups],
            "language": [lang.slug for lang in languages],
            "format": [offer.format],
            "tag": [german.fold(t) for t in tags],
            "free": ["true" if offer.is_free else "false"],
        },
        "data": {
            "id": offer.pk,
            "external_id": offer.external_id or "",
            "kind": offer.kind,
            "title": offer.title,
            "summary": offer.summary,
            "url": offer.get_url(),
            "cities": city_slugs,
            "target_groups": [t.slug for t in target_groups],
            "languages": [lang.slug for lang in languages],
            "tags": tags,
            "provider": provider,
            "format": offer.format,
            "is_free": offer.is_free,
            "first_published_at": offer.first_published_at.isoformat() if offer.first_published_at else None,
        },
    }


def documents(queryset=None):
    """Documents for all indexable offers (or the given subset), streamed in batches."""
    all_city_slugs = list(City.objects.values_list("slug", flat=True))
    qs = offer_queryset() if queryset is None else queryset
    for offer in qs.iterator(chunk_size=500):
        yield document_for(offer, all_city_slugs)
