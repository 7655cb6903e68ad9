"""Template helpers for shareable catalogue URLs and offer display."""

import json
from urllib.parse import urlencode

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from catalogue import cards
from catalogue.public_fields import public_values
from catalogue.structured_data import offer_jsonld
from core.fragments import Fragment
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


# A card per offer, language, landing note and next date; its highlighted title and summary are filled per query.
CARD = Fragment("includes/offer_card.html", "card", slots=("title", "summary"), kept=4096)


@register.simple_tag
def offer_cards_html(cards):
    """The cards of ``includes/offer_cards.html``, each on a line of its own, from the kept fragments."""
    return CARD.render_each(cards, before="\n")


register.filter("kind_label", cards.kind_label)


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


@register.simple_tag(takes_context=True)
def offer_card_list(context, offer):
    """One offer's card as a list for ``includes/offer_cards.html`` (a site search hit, in the order of hits of
    every type); its next date from those kept per generation (``cards.next_dates``), else a query."""
    return [cards.offer_card(offer, highlight=context.get("highlight"))]


@register.filter
def cost_note(cost):
    """The cost text when it says more than "free" (so a free offer never reads "kostenlos (kostenfrei)")."""
    words = {"kostenlos", "kostenfrei", "gratis", "frei", "free", "0", "0 €", "0,00 €", "keine"}
    return "" if (cost or "").strip().strip(".").lower() in words else cost
