"""An iCalendar feed of dated offers (qualifications, events), filterable like the catalogue."""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from .results import InvalidQuery, matching_offers, validated_query

PAST_DAYS = 30  # recent dates stay in subscribed calendars for a while


def offer_calendar(request):
    try:
        query = validated_query(request)
    except InvalidQuery as invalid:
        return invalid.response()
    calendar = Calendar()
    calendar.add("prodid", "-//Kreis Mettmann//Praeventionskatalog//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Präventionskatalog Kreis Mettmann")
    calendar.add("x-wr-timezone", "Europe/Berlin")
    since = timezone.now() - timedelta(days=PAST_DAYS)
    host = request.get_host().split(":")[0]
    for offer in matching_offers(query):
        url = request.build_absolute_uri(offer.get_url(request))
        for date in offer.dates.all():
            if (date.end or date.start) < since:
                continue
            event = Event()
            event.add("uid", f"offer-{offer.pk}-date-{date.pk}@{host}")
            event.add("summary", offer.title)
            event.add("dtstart", date.start)
            event.add("dtend", date.end or date.start + timedelta(hours=1))
            event.add("dtstamp", offer.last_published_at or timezone.now())
            event.add("description", f"{offer.summary}\n\n{url}")
            event.add("url", url)
            location = ", ".join(offer.address_lines)
            if location:
                event.add("location", location)
            event.add("categories", [offer.get_kind_display()])
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="praeventionskatalog.ics"'
    return response
