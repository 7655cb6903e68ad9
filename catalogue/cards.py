"""What a result card shows, worked out in Python for a whole list at once.

A catalogue page shows twenty cards; building each one's texts here (one query for the dates of all of them,
labels looked up once) instead of in template tags per card keeps the page's rendering cheap
(benchmarks/RESULTS.md, HTTP). ``templates/includes/offer_cards.html`` only places the values.
"""

from bisect import bisect_left

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from core.cache import per_generation, per_generation_and_language
from core.fragments import escaped

from .models import OfferDate
from .taxonomy import DISTRICT_WIDE, City, OfferFormat, OfferKind, localized


@per_generation
def _city_names():
    return {slug: (name, name_en) for slug, name, name_en in City.objects.values_list("slug", "name", "name_en")}


# Offers whose coming starts a process keeps (``_coming_starts``); beyond it they are looked up again.
MAX_KEPT_OFFERS = 20_000


@per_generation
def _coming_starts():
    """Offer id -> its starts still to come when looked up, sorted. Dates change only with their offer's page,
    whose saving and publishing start a new generation (home/signals.py), so a page of results is usually
    dated without a query; the next start is the first of them not yet past."""
    return {}


def next_dates(offer_ids):
    """The next start of each dated offer among ``offer_ids`` (at most one query for a page of results)."""
    kept = _coming_starts()
    missing = [pk for pk in offer_ids if pk not in kept]
    found = {}
    if missing:
        found = {pk: [] for pk in missing}
        rows = OfferDate.objects.filter(offer_id__in=missing, start__gte=timezone.now()).order_by("start")
        for pk, start in rows.values_list("offer_id", "start"):
            found[pk].append(start)
        if len(kept) + len(found) > MAX_KEPT_OFFERS:
            kept.clear()
        kept.update((pk, tuple(starts)) for pk, starts in found.items())
    now, dates = timezone.now(), {}
    for pk in offer_ids:
        starts = found.get(pk) or kept.get(pk) or ()
        position = bisect_left(starts, now)
        if position < len(starts):
            dates[pk] = starts[position]
    return dates


class Labels:
    """The names a card shows, looked up once for a list of cards in the current language."""

    def __init__(self):
        self.cities = {slug: localized(*names) for slug, names in _city_names().items()}
        # As strings: the choices are lazy, and a lazy label is translated again each time it is used.
        self.kinds = {value: str(label) for value, label in OfferKind.choices}
        self.formats = {value: str(label) for value, label in OfferFormat.choices}
        english = (get_language() or "de").startswith("en")
        self.lang = mark_safe(' lang="de"') if english else ""  # German content in the English interface (WCAG 3.1.2)
        self.district_wide, self.no_place = gettext("kreisweit"), gettext("ohne Ortsangabe")


@per_generation_and_language
def _current_labels():
    """The ``Labels`` of the current language (city names change only with a purge)."""
    return Labels()


def card_facts(offer, dates=None, labels=None):
    """Where, when and what a card shows, from a search hit's data or from an offer page.

    ``dates`` maps offer ids to their next start (see ``next_dates``); without it the date is looked up.
    """
    if isinstance(offer, dict):
        pk, slugs = offer.get("id"), list(offer.get("cities") or [])
        kind, format, is_free = offer.get("kind"), offer.get("format"), offer.get("is_free")
    else:
        pk, slugs = offer.pk, [city.slug for city in offer.cities.all()]
        kind, format, is_free = offer.kind, offer.format, offer.is_free
    labels = labels or _current_labels()
    if dates is None:  # not given: this one offer's date is looked up
        dates = next_dates([pk])
    return {
        "district_wide": DISTRICT_WIDE in slugs,
        "cities": [labels.cities[slug] for slug in slugs if slug in labels.cities and slug != DISTRICT_WIDE],
        "next_date": dates.get(pk),
        "kind": labels.kinds.get(kind, kind),
        "format": labels.formats.get(format, format),
        "is_free": is_free,
    }


def offer_card(offer, dates=None, highlight=None, landing_city=None, labels=None):
    """Everything one card shows, as display-ready values (strings escaped or marked safe here)."""
    labels = labels or _current_labels()
    facts = card_facts(offer, dates, labels)
    highlight = highlight or {}
    if isinstance(offer, dict):
        url, title, summary, provider = (offer.get(key) for key in ("url", "title", "summary", "provider"))
    else:
        url, title, summary = offer.url, offer.title, offer.summary
        provider = offer.provider and (offer.provider.name or str(offer.provider))
    place = ", ".join(([labels.district_wide] if facts["district_wide"] else []) + facts["cities"]) or labels.no_place
    # The highlighter escapes what it marks up; the rest is escaped here (cards are kept fragments with slots).
    return {
        **facts,
        "url": url,
        "title": SafeString(highlight["title"]) if highlight.get("title") else escaped(title),
        "summary": SafeString(highlight["summary"]) if highlight.get("summary") else escaped(shortened(summary)),
        "place": place,
        "landing": _landing_note(facts, landing_city),
        "provider": provider or "",
        "lang": labels.lang,
    }


SUMMARY_WORDS = 40


def shortened(summary):
    """A summary's first ``SUMMARY_WORDS`` words, " …" after them when cut: what Django's ``truncatewords``
    gives, without its lazy wrapper (a result page cuts a dozen summaries, the filter cost 10 µs each)."""
    words = (summary or "").split()
    return " ".join(words[:SUMMARY_WORDS]) + (" …" if len(words) > SUMMARY_WORDS else "")


def kind_label(value):
    """A kind of offer's name in the current language (the widget's hits)."""
    return _current_labels().kinds.get(value, value)


def _landing_note(facts, landing_city):
    """On a city's landing page: whether the offer is in that city or serves the whole district."""
    if not landing_city or landing_city.is_district_wide:
        return ""
    if facts["district_wide"]:
        return gettext("kreisweites Angebot")
    return gettext("Angebot in %(name)s") % {"name": landing_city.label}


def offer_cards(offers, highlights=None, landing_city=None):
    """The cards of a list of offers (hit data or pages): one query for all their next dates, names looked up
    once."""
    offers, labels = list(offers), _current_labels()
    dates = next_dates([o.get("id") if isinstance(o, dict) else o.pk for o in offers])
    highlights = highlights or [None] * len(offers)
    return [offer_card(o, dates, h, landing_city, labels) for o, h in zip(offers, highlights, strict=True)]
