"""schema.org JSON-LD for conference and qualification pages (an Event, with its documents afterwards)."""

from catalogue.structured_data import ATTENDANCE, area_served, without_empty
from catalogue.taxonomy import OfferFormat
from core.public_address import public_url


def event_jsonld(event, url, request=None):
    address = {"@type": "PostalAddress", "addressRegion": "Nordrhein-Westfalen", "addressCountry": "DE"}
    if not event.district_wide:  # a district-wide event's town is in its venue, not its city field
        address["addressLocality"] = event.city.name
    place = {"@type": "Place", "name": event.venue or event.city.name, "address": address}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "endDate": (event.end or event.start).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE[OfferFormat.IN_PERSON],
        "location": place,
        "organizer": {"@type": "Organization", "name": event.organiser},
        "audience": [{"@type": "Audience", "audienceType": group.name} for group in event.target_groups.all()],
        "areaServed": area_served(event.city),
    }
    if event.registration_url and not event.past:
        data["offers"] = {
            "@type": "Offer",
            "url": event.registration_url,
            **({"validThrough": event.registration_deadline.isoformat()} if event.registration_deadline else {}),
        }
    downloads = [item.document for item in event.downloads.all()]
    if event.past and downloads:
        data["subjectOf"] = [
            {"@type": "DigitalDocument", "name": doc.title, "url": public_url(request, doc.url) if request else doc.url}
            for doc in downloads
        ]
    return without_empty(data)
