"""A read API compatible with Open Referral HSDS 3.0, so other service directories can harvest the catalogue.

Mapping (see README "HSDS mapping"): an offer is a *service*; its provider an *organization*; its
address a *location* (via *service_at_location*); its dates *schedules*; its languages, phone and contact
person the matching HSDS records; its target groups, kind and cities *taxonomy terms* linked as
*attributes*. Identifiers are UUIDs derived from our own ids (uuid5), so they are stable across harvests.
"""

import uuid

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from catalogue.models import OfferPage, Organisation
from catalogue.taxonomy import DISTRICT_WIDE, OfferKind, TargetGroup

router = Router(tags=["HSDS 3.0"])
NAMESPACE = uuid.UUID("5b0f3b64-6a8e-4d3c-9a67-0d0c6f6f2a10")  # fixed: the ids must never change
MAX_PER_PAGE = 100
DEFAULT_ORGANISATION = "Kommunales Integrationszentrum Kreis Mettmann"
TAXONOMIES = {
    "target_group": ("praeventionskatalog-zielgruppen", "Zielgruppen des Präventionskatalogs Kreis Mettmann"),
    "kind": ("praeventionskatalog-angebotsarten", "Angebotsarten des Präventionskatalogs Kreis Mettmann"),
}


def hsds_id(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def offers():
    return (OfferPage.objects.live().public().select_related("provider")
            .prefetch_related("cities", "target_groups", "languages", "dates").order_by("pk"))


def taxonomy_terms():
    terms = [("target_group", t.slug, t.name) for t in TargetGroup.objects.all()]
    terms += [("kind", value, str(label)) for value, label in OfferKind.choices]
    return [term_record(*term) for term in terms]


def term_record(taxonomy, code, name):
    taxonomy_name, description = TAXONOMIES[taxonomy]
    return {"id": hsds_id(f"term:{taxonomy}", code), "code": code, "name": name,
            "description": f"{name} ({description})", "taxonomy": taxonomy_name,
            "taxonomy_id": hsds_id("taxonomy", taxonomy), "language": "de"}


def organization_record(provider):
    if provider is None:
        return {"id": hsds_id("organization", "default"), "name": DEFAULT_ORGANISATION,
                "description": "Träger des Präventionskatalogs Kreis Mettmann."}
    record = {"id": hsds_id("organization", provider.pk), "name": provider.name,
              "description": f"Träger von Angeboten im Präventionskatalog Kreis Mettmann: {provider.name}."}
    if provider.website:
        record["website"] = provider.website
    return record


def service_record(offer, request, full=True):
    service_id = hsds_id("service", offer.pk)
    record = {
        "id": service_id,
        "organization_id": organization_record(offer.provider)["id"],
        "name": offer.title,
        "description": "\n\n".join(filter(None, [offer.summary, offer.description_text])),
        "url": request.build_absolute_uri(offer.get_url(request)),
        "status": "active",
        "fees_description": offer.cost or ("kostenfrei" if offer.is_free else ""),
        "eligibility_description": ", ".join(t.name for t in offer.target_groups.all()),
        "application_process": f"Anmeldung: {offer.registration_url}" if offer.registration_url else "",
        "last_modified": (offer.last_published_at or offer.first_published_at).isoformat(),
    }
    if offer.email:
        record["email"] = offer.email
    if offer.age_min is not None:
        record["minimum_age"] = offer.age_min
    if offer.age_max is not None:
        record["maximum_age"] = offer.age_max
    record = {k: v for k, v in record.items() if v not in ("", None)}
    if not full:
        return record
    record.update({
        "organization": organization_record(offer.provider),
        "languages": [{"id": hsds_id(f"language:{offer.pk}", lang.slug), "service_id": service_id,
                       "name": lang.name, "code": lang.slug} for lang in offer.languages.all()],
        "phones": [{"id": hsds_id("phone", offer.pk), "service_id": service_id, "number": offer.phone}]
        if offer.phone else [],
        "contacts": [{"id": hsds_id("contact", offer.pk), "service_id": service_id,
                      **({"name": offer.contact_name} if offer.contact_name else {}),
                      **({"email": offer.email} if offer.email else {})}]
        if offer.contact_name or offer.email else [],
        "schedules": [schedule_record(service_id, date, offer) for date in offer.dates.all()],
        "service_areas": [{"id": hsds_id(f"area:{offer.pk}", city.slug), "service_id": service_id,
                           "name": "Kreis Mettmann" if city.slug == DISTRICT_WIDE else city.name,
                           "extent_type": "other"} for city in offer.cities.all()],
        "service_at_locations": location_records(offer, service_id),
        "attributes": [attribute_record(service_id, "target_group", t.slug, t.name)
                       for t in offer.target_groups.all()]
        + [attribute_record(service_id, "kind", offer.kind, offer.get_kind_display())],
    })
    return record


def schedule_record(service_id, date, offer):
    start = timezone.localtime(date.start)
    end = timezone.localtime(date.end or date.start)
    return {"id": hsds_id("schedule", date.pk), "service_id": service_id,
            "valid_from": start.date().isoformat(), "valid_to": end.date().isoformat(),
            "dtstart": start.date().isoformat(), "opens_at": start.strftime("%H:%M"),
            "closes_at": end.strftime("%H:%M"), "attending_type": offer.format,
            "description": f"Termin am {start:%d.%m.%Y}"}


def location_records(offer, service_id):
    if not (offer.street or offer.town):
        return []
    location_id = hsds_id("location", offer.pk)
    address = {"id": hsds_id("address", offer.pk), "location_id": location_id,
               "address_1": offer.street or offer.town, "city": offer.town or "Mettmann",
               "state_province": "Nordrhein-Westfalen", "postal_code": offer.postcode or "", "country": "DE",
               "address_type": "physical"}
    location = {"id": location_id, "location_type": "physical", "name": offer.title, "addresses": [address]}
    return [{"id": hsds_id("service_at_location", offer.pk), "service_id": service_id, "location": location}]


def attribute_record(service_id, taxonomy, code, name):
    term = term_record(taxonomy, code, name)
    return {"id": hsds_id(f"attribute:{service_id}:{taxonomy}", code), "link_id": service_id,
            "link_type": taxonomy, "link_entity": "service", "taxonomy_term_id": term["id"], "taxonomy_term": term}


def page(items, number, per_page):
    total = len(items)
    pages = max((total + per_page - 1) // per_page, 1)
    if number > pages:
        raise HttpError(400, f"Seite {number} gibt es nicht; es gibt {pages} Seite(n).")
    contents = items[(number - 1) * per_page:number * per_page]
    return {"total_items": total, "total_pages": pages, "page_number": number, "size": len(contents),
            "first_page": number == 1, "last_page": number == pages, "empty": total == 0, "contents": contents}


@router.get("/", summary="HSDS: Angaben zur Schnittstelle")
def root(request):
    return {"version": "3.0", "profile": "https://openreferral.org/imports/hsds/",
            "openapi_url": request.build_absolute_uri("/api/v1/schema/")}


@router.get("/services", summary="HSDS: Dienste (Angebote)")
def services(request, page_number: int = Query(1, alias="page", ge=1),
             per_page: int = Query(50, ge=1, le=MAX_PER_PAGE)):
    return page([service_record(o, request, full=False) for o in offers()], page_number, per_page)


@router.get("/services/{service_id}", summary="HSDS: ein Dienst mit allen Angaben")
def service(request, service_id: str):
    return service_record(_by_hsds_id(offers(), "service", service_id), request)


@router.get("/organizations", summary="HSDS: Träger")
def organizations(request, page_number: int = Query(1, alias="page", ge=1),
                  per_page: int = Query(50, ge=1, le=MAX_PER_PAGE)):
    providers = Organisation.objects.filter(offers__live=True).distinct().order_by("name")
    return page([organization_record(p) for p in providers], page_number, per_page)


@router.get("/organizations/{organization_id}", summary="HSDS: ein Träger mit seinen Diensten")
def organization(request, organization_id: str):
    provider = _by_hsds_id(Organisation.objects.all(), "organization", organization_id)
    record = organization_record(provider)
    record["services"] = [service_record(o, request, full=False) for o in offers().filter(provider=provider)]
    return record


@router.get("/taxonomies", summary="HSDS: Taxonomien")
def taxonomies(request):
    items = [{"id": hsds_id("taxonomy", key), "name": name, "description": description, "version": "1"}
             for key, (name, description) in TAXONOMIES.items()]
    return page(items, 1, MAX_PER_PAGE)


@router.get("/taxonomy_terms", summary="HSDS: Taxonomiebegriffe (Zielgruppen und Angebotsarten)")
def terms(request, page_number: int = Query(1, alias="page", ge=1),
          per_page: int = Query(50, ge=1, le=MAX_PER_PAGE)):
    return page(taxonomy_terms(), page_number, per_page)


def _by_hsds_id(queryset, kind, value):
    for obj in queryset:
        if hsds_id(kind, obj.pk) == value:
            return obj
    raise Http404(f"unknown {kind} id")

