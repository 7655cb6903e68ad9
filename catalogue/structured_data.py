"""schema.org JSON-LD for offer pages: a Course, an Event or a Service, as fits the kind.

Search engines and other directories read it; the mapping follows schema.org's vocabulary:
qualifications are Courses (with CourseInstances for the dates), measures with dates are Events,
contact points and undated measures are Services. Price categories are Google's ("Free", "Paid"); the image is
the page's or the operator's picture (``image``, an absolute URL).
"""

from .public_fields import address_lines
from .taxonomy import DISTRICT_WIDE, OfferFormat, OfferKind

COURSE_MODE = {OfferFormat.IN_PERSON: "onsite", OfferFormat.ONLINE: "online", OfferFormat.HYBRID: "blended"}
ATTENDANCE = {
    OfferFormat.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    OfferFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    OfferFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


# The offer's public fields schema.org does not get from us (``catalogue.public_fields``), and why.
NOT_IN_JSONLD = {
    "id": "the page address is the item's @id",
    "external_id": "our import key, meaningless outside the catalogue",
    "description": "the summary is the description search engines show; the page carries the long text",
    "barrier_free": "schema.org's accessibility properties describe media, not places; not mapped yet",
    "last_published_at": "search engines read the page's own dates",
    "first_published_at": "search engines read the page's own dates",
}


def offer_jsonld(values, url, image=None):
    """An offer's public values (``public_fields.public_values``) as JSON-LD; ``url`` is its absolute address."""
    dates = list(values["dates"])
    data = {
        "@context": "https://schema.org",
        "@type": _type(values["kind"].slug, dates),
        "@id": url,
        "url": url,
        "name": values["title"],
        "description": values["summary"],
        "inLanguage": [lang.slug for lang in values["languages"]],
        "keywords": ", ".join(values["tags"]),
        "audience": [{"@type": "Audience", "audienceType": group.name} for group in values["target_groups"]],
        "isAccessibleForFree": values["is_free"],
        "image": image,
    }
    provider = _organisation(values["provider"])
    place = _place(values)
    area = [area_served(city) for city in values["cities"]]
    fmt, website, phone, email = values["format"].slug, values["website"], values["phone"], values["email"]
    if data["@type"] == "Course":
        data["provider"] = provider
        data["hasCourseInstance"] = [
            {
                "@type": "CourseInstance",
                "courseMode": COURSE_MODE[fmt],
                "startDate": d.start.isoformat(),
                **({"endDate": d.end.isoformat()} if d.end else {}),
                **({"location": place} if place else {}),
                **_workload(d),
            }
            for d in dates
        ] or [{"@type": "CourseInstance", "courseMode": COURSE_MODE[fmt]}]
        data["offers"] = _offer(values, url, category=True)
    elif data["@type"] == "Event":
        first = dates[0]
        where = {
            "eventAttendanceMode": ATTENDANCE[fmt],
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place or {"@type": "VirtualLocation", "url": website or url},
        }
        data.update(
            {
                "startDate": first.start.isoformat(),
                "endDate": (first.end or first.start).isoformat(),
                **where,
                "organizer": {**provider, "url": provider.get("url") or website or url},
                "offers": _offer(values, url),
            }
        )
        if len(dates) > 1:
            data["subEvent"] = [
                {
                    "@type": "Event",
                    "name": values["title"],
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
                "serviceType": values["kind"].name,
                "provider": provider,
                "areaServed": area,
                "availableChannel": {
                    "@type": "ServiceChannel",
                    "serviceUrl": website or url,
                    **({"servicePhone": {"@type": "ContactPoint", "telephone": phone}} if phone else {}),
                    **({"serviceLocation": place} if place else {}),
                },
            }
        )
    if email or phone:
        contact = {"@type": "ContactPoint", "contactType": "Ansprechperson"}
        points = (("name", values["contact_name"]), ("email", email), ("telephone", phone))
        contact.update({k: v for k, v in points if v})
        target = data["provider"] if data.get("provider") else data.get("organizer")
        if target:
            target["contactPoint"] = contact
    age_min, age_max = values["age_min"], values["age_max"]
    if age_min is not None or age_max is not None:
        data["typicalAgeRange"] = f"{age_min or ''}-{age_max or ''}"
    return without_empty(data)


def _type(kind, dates):
    if kind == OfferKind.QUALIFICATION:
        return "Course"
    if kind == OfferKind.MEASURE and dates:
        return "Event"
    return "Service"


def _organisation(provider):
    if not provider:
        return {"@type": "Organization", "name": "Kommunales Integrationszentrum Kreis Mettmann"}
    return without_empty({"@type": "Organization", "name": provider.name, "url": provider.website})


def _place(values):
    street, postcode, town = values["street"], values["postcode"], values["town"]
    if not (street or town):
        return None
    return {
        "@type": "Place",
        "name": ", ".join(address_lines(street, postcode, town)),
        "address": without_empty(
            {
                "@type": "PostalAddress",
                "streetAddress": street,
                "postalCode": postcode,
                "addressLocality": town,
                "addressRegion": "Nordrhein-Westfalen",
                "addressCountry": "DE",
            }
        ),
    }


def area_served(city):
    if city.slug == DISTRICT_WIDE:
        return {"@type": "AdministrativeArea", "name": "Kreis Mettmann"}
    return {"@type": "City", "name": city.name}


def _offer(values, url, category=False):
    """schema.org Offer: free ones cost 0 EUR; for others the cost text is all we know (no invented price)."""
    data = {
        "@type": "Offer",
        "url": values["registration_url"] or url,
        "description": values["cost"],
        "availability": "https://schema.org/InStock",
    }
    if values["is_free"]:
        data.update({"price": 0, "priceCurrency": "EUR"})
    if category:
        data["category"] = "Free" if values["is_free"] else "Paid"
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
