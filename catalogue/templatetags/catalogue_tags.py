"""Template helpers for shareable catalogue URLs and offer display."""

import json
from urllib.parse import urlencode

from django import template
from django.db.models import Min
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from catalogue.models import OfferDate
from catalogue.public_fields import public_values
from catalogue.structured_data import offer_jsonld
from catalogue.taxonomy import DISTRICT_WIDE, City, OfferFormat, OfferKind, localized
from core.cache import per_generation
from core.public_address import OG_IMAGE, public_url

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

register = template.Library()


@register.simple_tag
def toggle_url(query, facet, value):
    """The current search with one facet value switched on or off (page reset to 1)."""
    return "?" + urlencode(query.to_params(**{facet: value}))


@register.simple_tag
def page_url(query, number):
    return "?" + urlencode(query.to_params() + [("page", number)])


@register.simple_tag
def free_url(query, on):
    pairs = [(k, v) for k, v in query.to_params() if k != "free"]
    if on:
        pairs.append(("free", "true"))
    return "?" + urlencode(pairs)


@register.filter
def kind_label(value):
    return dict(OfferKind.choices).get(value, value)


@register.filter
def format_label(value):
    return dict(OfferFormat.choices).get(value, value)


@register.simple_tag(takes_context=True)
def structured_data(context, offer):
    """The offer's schema.org JSON-LD in a script element (escaped like Django's json_script)."""
    request = context["request"]
    values = public_values(offer, request)
    return jsonld_script(
        offer_jsonld(values, public_url(request, values["url"]), image=public_url(request, static(OG_IMAGE)))
    )


def jsonld_script(data):
    """JSON-LD in a script element, escaped like Django's json_script."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@per_generation
def _city_names():
    return {slug: (name, name_en) for slug, name, name_en in City.objects.values_list("slug", "name", "name_en")}


def next_dates(offer_ids):
    """The next start of each dated offer among ``offer_ids`` (one query for a page of results)."""
    rows = (
        OfferDate.objects.filter(offer_id__in=offer_ids, start__gte=timezone.now())
        .values("offer_id")
        .annotate(next_start=Min("start"))
    )
    return {row["offer_id"]: row["next_start"] for row in rows}


@register.simple_tag
def card_facts(offer, dates=None):
    """Where, when and what a result card shows, from a search hit's data or from an offer page.

    ``dates`` maps offer ids to their next start (see ``next_dates``); without it the date is looked up.
    """
    if isinstance(offer, dict):
        pk, slugs = offer.get("id"), list(offer.get("cities") or [])
        kind, format, is_free = offer.get("kind"), offer.get("format"), offer.get("is_free")
    else:
        pk, slugs = offer.pk, [city.slug for city in offer.cities.all()]
        kind, format, is_free = offer.kind, offer.format, offer.is_free
    names = _city_names()
    if not isinstance(dates, dict):  # not given (an undefined template variable is "")
        dates = next_dates([pk])
    return {
        "district_wide": DISTRICT_WIDE in slugs,
        "cities": [localized(*names[slug]) for slug in slugs if slug in names and slug != DISTRICT_WIDE],
        "next_date": dates.get(pk),
        "kind": kind_label(kind),
        "format": format_label(format),
        "is_free": is_free,
    }


@register.filter
def cost_note(cost):
    """The cost text when it says more than "free" (so a free offer never reads "kostenlos (kostenfrei)")."""
    words = {"kostenlos", "kostenfrei", "gratis", "frei", "free", "0", "0 €", "0,00 €", "keine"}
    return "" if (cost or "").strip().strip(".").lower() in words else cost
