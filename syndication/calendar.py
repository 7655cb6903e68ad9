"""iCalendar feeds: dated offers (filterable like the catalogue) and the conferences and qualifications."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from catalogue.taxonomy import DISTRICT_WIDE
from knowledge.models import EventPage

from .results import InvalidQuery, matching_offers, validated_query

PAST_DAYS = 30  # recent dates stay in subscribed calendars for a while


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
    host = request.get_host().split(":")[0]
    entries = []
    for offer in matching_offers(query):
        url = request.build_absolute_uri(offer.get_url(request))
        entries += [
            Entry(uid=f"offer-{offer.pk}-date-{date.pk}@{host}", summary=offer.title, start=date.start,
                  end=date.end, stamp=offer.last_published_at, description=f"{offer.summary}\n\n{url}", url=url,
                  location=", ".join(offer.address_lines), categories=[offer.get_kind_display()])
            for date in offer.dates.all() if (date.end or date.start) >= since
        ]
    return calendar_response(entries, "praeventionskatalog.ics")


def event_calendar(request):
    """Regional conferences and qualifications; ``?city=<slug>`` narrows to cities (district-wide ones stay)."""
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    events = EventPage.objects.live().public().select_related("city").filter(
        start__gte=timezone.now() - timedelta(days=PAST_DAYS)).order_by("start")
    if query.selected("city"):
        events = events.filter(city__slug__in=[*query.selected("city"), DISTRICT_WIDE])
    host = request.get_host().split(":")[0]
    entries = []
    for event in events:
        url = request.build_absolute_uri(event.get_url(request))
        entries.append(Entry(uid=f"event-{event.pk}@{host}", summary=event.title, start=event.start, end=event.end,
                             stamp=event.last_published_at, description=f"{event.summary}\n\n{url}", url=url,
                             location=", ".join(filter(None, [event.venue, event.city.name])),
                             categories=[event.get_kind_display()]))
    return calendar_response(entries, "veranstaltungen.ics")


def calendar_response(entries, filename):
    calendar = Calendar()
    calendar.add("prodid", "-//Kreis Mettmann//Praeventionskatalog//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Präventionskatalog Kreis Mettmann")
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end or entry.start + timedelta(hours=1))
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
