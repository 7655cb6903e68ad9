"""schema.org JSON-LD for offer pages: a Course, an Event or a Service, as fits the kind.

Search engines and other directories read it; the mapping follows schema.org's vocabulary:
qualifications are Courses (with CourseInstances for the dates), measures with dates are Events,
contact points and undated measures are Services. Price categories are Google's ("Free", "Paid"); the image is
the page's or the operator's picture (``image``, an absolute URL).
"""

from .taxonomy import DISTRICT_WIDE, OfferFormat, OfferKind

COURSE_MODE = {OfferFormat.IN_PERSON: "onsite", OfferFormat.ONLINE: "online", OfferFormat.HYBRID: "blended"}
ATTENDANCE = {
    OfferFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    OfferFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    OfferFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def offer_jsonld(offer, url, image=None):
    dates = list(offer.dates.all())
    data = {
        "@context": "https://schema.org",
        "@type": _type(offer, dates),
        "@id": url,
        "url": url,
        "name": offer.title,
        "description": offer.summary,
        "inLanguage": [lang.slug for lang in offer.languages.all()],
        "keywords": ", ".join(sorted(item.tag.name for item in offer.tagged_items.all())),
        "audience": [{"@type": "Audience", "audienceType": group.name} for group in offer.target_groups.all()],
        "isAccessibleForFree": offer.is_free,
        "image": image,
    }
    provider = _organisation(offer)
    place = _place(offer)
    area = [area_served(city) for city in offer.cities.all()]
    if data["@type"] == "Course":
        data["provider"] = provider
        data["hasCourseInstance"] = [
            {
                "@type": "CourseInstance",
                "courseMode": COURSE_MODE[offer.format],
                "startDate": d.start.isoformat(),
                **({"endDate": d.end.isoformat()} if d.end else {}),
                **({"location": place} if place else {}),
                **_workload(d),
            }
            for d in dates
        ] or [{"@type": "CourseInstance", "courseMode": COURSE_MODE[offer.format]}]
        data["offers"] = _offer(offer, url, category=True)
    elif data["@type"] == "Event":
        first = dates[0]
        where = {
            "eventAttendanceMode": ATTENDANCE[offer.format],
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place or {"@type": "VirtualLocation", "url": offer.website or url},
        }
        data.update(
            {
                "startDate": first.start.isoformat(),
                "endDate": (first.end or first.start).isoformat(),
                **where,
                "organizer": {**provider, "url": provider.get("url") or offer.website or url},
                "offers": _offer(offer, url),
            }
        )
        if len(dates) > 1:
            data["subEvent"] = [
                {
                    "@type": "Event",
                    "name": offer.title,
                    "url": url,
                    "startDate": d.start.isoformat(),
                    "endDate": (d.end or d.start).isoformat(),
                    **where,
                }
                for d in dates
            ]
    else:
        data.update(
            {
                "serviceType": offer.get_kind_display(),
                "provider": provider,
                "areaServed": area,
                "availableChannel": {
                    "@type": "ServiceChannel",
                    "serviceUrl": offer.website or url,
                    **({"servicePhone": {"@type": "ContactPoint", "telephone": offer.phone}} if offer.phone else {}),
                    **({"serviceLocation": place} if place else {}),
                },
            }
        )
    if offer.email or offer.phone:
        contact = {"@type": "ContactPoint", "contactType": "Ansprechperson"}
        contact.update(
            {k: v for k, v in (("name", offer.contact_name), ("email", offer.email), ("telephone", offer.phone)) if v}
        )
        target = data["provider"] if data.get("provider") else data.get("organizer")
        if target:
            target["contactPoint"] = contact
    if offer.age_min is not None or offer.age_max is not None:
        data["typicalAgeRange"] = f"{offer.age_min or ''}-{offer.age_max or ''}"
    return without_empty(data)


def _type(offer, dates):
    if offer.kind == OfferKind.QUALIFICATION:
        return "Course"
    if offer.kind == OfferKind.MEASURE and dates:
        return "Event"
    return "Service"


def _organisation(offer):
    if not offer.provider:
        return {"@type": "Organization", "name": "Kommunales Integrationszentrum Kreis Mettmann"}
    return without_empty({"@type": "Organization", "name": offer.provider.name, "url": offer.provider.website})


def _place(offer):
    if not (offer.street or offer.town):
        return None
    return {
        "@type": "Place",
        "name": ", ".join(offer.address_lines),
        "address": without_empty(
            {
                "@type": "PostalAddress",
                "streetAddress": offer.street,
                "postalCode": offer.postcode,
                "addressLocality": offer.town,
                "addressRegion": "Nordrhein-Westfalen",
                "addressCountry": "DE",
            }
        ),
    }


def area_served(city):
    if city.slug == DISTRICT_WIDE:
        return {"@type": "AdministrativeArea", "name": "Kreis Mettmann"}
    return {"@type": "City", "name": city.name}


def _offer(offer, url, category=False):
    """schema.org Offer: free ones cost 0 EUR; for others the cost text is all we know (no invented price)."""
    data = {
        "@type": "Offer",
        "url": offer.registration_url or url,
        "description": offer.cost,
        "availability": "https://schema.org/InStock",
    }
    if offer.is_free:
        data.update({"price": 0, "priceCurrency": "EUR"})
    if category:
        data["category"] = "Free" if offer.is_free else "Paid"
    return without_empty(data)


def _workload(date):
    """A dated course instance runs once, for the time between start and end (ISO 8601 duration)."""
    if not date.end or date.end <= date.start:
        return {}
    minutes = int((date.end - date.start).total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    duration = "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")
    return {
        "courseWorkload": duration,
        "courseSchedule": {
            "@type": "Schedule",
            "startDate": date.start.date().isoformat(),
            "endDate": date.end.date().isoformat(),
            "duration": duration,
            "repeatCount": 1,
            "repeatFrequency": "P1D",
        },
    }


def without_empty(data):
    return {k: v for k, v in data.items() if v not in ("", None, [], {})}
