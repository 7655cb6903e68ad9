from django.urls import path

from .calendar import event_calendar, offer_calendar, one_event_calendar, one_offer_calendar
from .exports import export_offers
from .feeds import OfferFeed, OfferRssFeed

app_name = "syndication"
urlpatterns = [
    path("feeds/angebote.atom", OfferFeed(), name="atom"),
    path("feeds/angebote.rss", OfferRssFeed(), name="rss"),
    path("feeds/angebote.ics", offer_calendar, name="ical"),
    path("feeds/veranstaltungen.ics", event_calendar, name="events_ical"),
    path("kalender/angebot-<int:offer_id>.ics", one_offer_calendar, name="offer_ics"),
    path("kalender/veranstaltung-<int:event_id>.ics", one_event_calendar, name="event_ics"),
    path("export/angebote.csv", export_offers, {"fmt": "csv"}, name="csv"),
    path("export/angebote-excel.csv", export_offers, {"fmt": "excel-csv"}, name="csv_excel"),
    path("export/angebote.xlsx", export_offers, {"fmt": "xlsx"}, name="xlsx"),
]
