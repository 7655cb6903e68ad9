"""One function turns a live offer into the flat search document both engines index.

Nothing else knows how an offer is indexed. The text fields are pre-analysed by ``search.german`` so
that both engines match the same words; the display fields are stored so results need no page query.
"""

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
    """The search document of one offer page (its relations prefetched by ``offer_queryset``)."""
    return build_document(
        id=offer.pk,
        external_id=offer.external_id or "",
        title=offer.title,
        summary=offer.summary,
        description=offer.description_text,
        kind=offer.kind,
        format=offer.format,
        is_free=offer.is_free,
        cities=[(c.slug, c.name) for c in offer.cities.all()],
        target_groups=[(t.slug, t.name) for t in offer.target_groups.all()],
        languages=[lang.slug for lang in offer.languages.all()],
        tags=sorted(item.tag.name for item in offer.tagged_items.all()),
        provider=offer.provider.name if offer.provider else "",
        town=offer.town,
        url=offer.get_url(),
        published=offer.first_published_at.isoformat() if offer.first_published_at else None,
        all_city_slugs=all_city_slugs,
    )


def build_document(*, id, external_id, title, summary, description, kind, format, is_free, cities,
                   target_groups, languages, tags, provider, town, url, published, all_city_slugs=None):
    """The flat document from plain values; ``cities`` and ``target_groups`` are (slug, name) pairs."""
    city_slugs = [slug for slug, _name in cities]
    # The district-wide rule, once for both engines: a "kreisweit" offer serves every city.
    city_filter = list(city_slugs)
    if DISTRICT_WIDE in city_slugs:
        if all_city_slugs is None:
            all_city_slugs = list(City.objects.values_list("slug", flat=True))
        city_filter = sorted(set(city_filter) | set(all_city_slugs))

    meta_text = " ".join([provider, town] + [name for _slug, name in cities + target_groups])
    title_tags = " ".join([title] + tags)
    all_text = " ".join([title_tags, summary, description, meta_text])
    return {
        "id": id,
        "title": title,
        "summary": summary,
        "description": description,
        # Pre-analysed text, weighted high to low: exact title words, then stems, then compound parts.
        "exact_hi": " ".join(german.tokens(title_tags)),
        "stem_hi": " ".join(german.stems(title_tags)),
        "stem_mid": " ".join(german.stems(summary + " " + meta_text)),
        "stem_lo": " ".join(german.stems(description)),
        "parts": " ".join(german.compound_stems(all_text)),
        "vocabulary": sorted(set(german.tokens(all_text))),
        "facets": {
            "kind": [kind],
            "city": city_filter,
            "target_group": [slug for slug, _name in target_groups],
            "language": list(languages),
            "format": [format],
            "tag": [german.fold(t) for t in tags],
            "free": ["true" if is_free else "false"],
        },
        "data": {
            "id": id,
            "external_id": external_id,
            "kind": kind,
            "title": title,
            "summary": summary,
            "url": url,
            "cities": city_slugs,
            "target_groups": [slug for slug, _name in target_groups],
            "languages": list(languages),
            "tags": tags,
            "provider": provider,
            "format": format,
            "is_free": is_free,
            "first_published_at": published,
        },
    }


def documents(queryset=None):
    """Documents for all indexable offers (or the given subset), streamed in batches."""
    all_city_slugs = list(City.objects.values_list("slug", flat=True))
    qs = offer_queryset() if queryset is None else queryset
    for offer in qs.iterator(chunk_size=500):
        yield document_for(offer, all_city_slugs)
