"""iCalendar feeds: dated offers (filterable like the catalogue) and the conferences and qualifications, and one
calendar file per offer or event ("add to my calendar").

Every calendar carries the Europe/Berlin VTIMEZONE its times refer to, so even an empty result has the one
component RFC 5545 requires. UIDs are UUIDs derived from our ids: the same on every host name and harvest.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import Http404, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from catalogue.models import OfferPage
from catalogue.public_fields import public_values
from catalogue.taxonomy import DISTRICT_WIDE
from core.public_address import public_url
from knowledge.models import EventPage

from .results import InvalidQuery, matching_offers, validated_query

PAST_DAYS = 30  # recent dates stay in subscribed calendars for a while
ZONE = "Europe/Berlin"
UID_NAMESPACE = uuid.UUID("0d1f6c2e-4b7a-5e39-8c41-6a2f0e9b7d53")  # fixed: calendars match events by UID


def uid(kind, key):
    return f"{uuid.uuid5(UID_NAMESPACE, f'{kind}:{key}')}@praeventionskatalog"


@dataclass
class Entry:
    uid: str
    summary: str
    start: datetime
    end: datetime | None
    stamp: datetime | None
    description: str
    url: str
    location: str = ""
    categories: list = field(default_factory=list)


def offer_calendar(request):
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    since = timezone.now() - timedelta(days=PAST_DAYS)
    entries = [
        entry
        for offer in matching_offers(query)
        for entry in offer_entries(offer, request)
        if (entry.end or entry.start) >= since
    ]
    return calendar_response(entries, "praeventionskatalog.ics")


def offer_entries(offer, request):
    about, location = page_facts(offer, request), ", ".join(offer.address_lines)
    return [
        Entry(uid=uid("offer-date", date.pk), start=date.start, end=date.end, location=location, **about)
        for date in public_values(offer)["dates"]  # prefetched by ``with_related`` for a list of offers
    ]


def event_entry(event, request):
    location = ", ".join(filter(None, [event.venue, event.city.name]))
    return Entry(
        uid=uid("event", event.pk), start=event.start, end=event.end, location=location, **page_facts(event, request)
    )


def page_facts(page, request):
    """What an entry says of its offer or event page: title, summary and address, kind, last change."""
    url = public_url(request, page.get_url(request))
    return {
        "summary": page.title,
        "description": f"{page.summary}\n\n{url}",
        "url": url,
        "stamp": page.last_published_at,
        "categories": [page.get_kind_display()],
    }


def one_offer_calendar(request, offer_id):
    """All dates of one published offer, past ones included, as a file to add to a calendar."""
    offer = OfferPage.objects.live().public().prefetch_related("dates").filter(pk=offer_id).first()
    if offer is None:
        raise Http404("Kein veröffentlichtes Angebot mit dieser Nummer.")
    return calendar_response(offer_entries(offer, request), f"angebot-{offer.pk}.ics", name=offer.title)


def one_event_calendar(request, event_id):
    event = EventPage.objects.live().public().select_related("city").filter(pk=event_id).first()
    if event is None:
        raise Http404("Keine veröffentlichte Veranstaltung mit dieser Nummer.")
    return calendar_response([event_entry(event, request)], f"veranstaltung-{event.pk}.ics", name=event.title)


def event_calendar(request):
    """Regional conferences and qualifications; ``?city=<slug>`` narrows to cities (district-wide ones stay)."""
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    events = (
        EventPage.objects.live()
        .public()
        .select_related("city")
        .filter(start__gte=timezone.now() - timedelta(days=PAST_DAYS))
        .order_by("start")
    )
    if query.selected("city"):
        events = events.filter(city__slug__in=[*query.selected("city"), DISTRICT_WIDE])
    return calendar_response([event_entry(event, request) for event in events], "veranstaltungen.ics")


def calendar_response(entries, filename, name="Präventionskatalog Kreis Mettmann"):
    zone = ZoneInfo(ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Kreis Mettmann//Praeventionskatalog//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", ZONE)
    calendar.add_component(Timezone.from_tzid(ZONE))
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("dtstart", entry.start.astimezone(zone))
        event.add("dtend", (entry.end or entry.start + timedelta(hours=1)).astimezone(zone))
        event.add("dtstamp", entry.stamp or timezone.now())
        event.add("description", entry.description)
        event.add("url", entry.url)
        if entry.location:
            event.add("location", entry.location)
        event.add("categories", entry.categories)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
