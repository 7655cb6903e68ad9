"""A read API compatible with Open Referral HSDS 3.0, so other service directories can harvest the catalogue.

Mapping (see README "HSDS mapping"): an offer is a *service*; its provider an *organization*; its
address a *location* (via *service_at_location*); its dates *schedules*; its languages, phone and contact
person the matching HSDS records; its target groups, kind and cities *taxonomy terms* linked as
*attributes*. Identifiers are UUIDs derived from our own ids (uuid5), so they are stable across harvests.
"""

import functools
import uuid
from datetime import datetime

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from catalogue.models import OfferPage, Organisation
from catalogue.public_fields import plain_text, public_values, with_related
from catalogue.taxonomy import DISTRICT_WIDE, OfferKind, TargetGroup
from core.public_address import public_url
from core.security import limit_requests, limit_searches
from search.query import MAX_QUERY_LENGTH, SearchQuery
from search.service import search_service

from . import hsds_schemas as out
from .errors import ERRORS, BadRequest, NotFound

router = Router(tags=["HSDS 3.0"])


def rate_limited(view):
    """Every HSDS request counts against ``HSDS_RATE_LIMIT`` per client (429 beyond), before any work."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        limit_requests(request, "hsds", settings.HSDS_RATE_LIMIT)
        return view(request, *args, **kwargs)

    return limited


router.add_decorator(rate_limited, mode="view")


def endpoint(path, shape, summary):
    """An HSDS read operation answering ``shape`` or the API's error shape; absent properties are left out."""
    return router.get(path, response={200: shape, **ERRORS}, exclude_none=True, summary=summary)


NAMESPACE = uuid.UUID("5b0f3b64-6a8e-4d3c-9a67-0d0c6f6f2a10")  # fixed: the ids must never change
MAX_PER_PAGE = 100
DEFAULT_ORGANISATION = "Kommunales Integrationszentrum Kreis Mettmann"
TAXONOMIES = {
    "target_group": ("praeventionskatalog-zielgruppen", "Zielgruppen des Präventionskatalogs Kreis Mettmann"),
    "kind": ("praeventionskatalog-angebotsarten", "Angebotsarten des Präventionskatalogs Kreis Mettmann"),
}


def hsds_id(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


# The offer's public fields a service does not carry (``catalogue.public_fields``), and why.
NOT_IN_HSDS = {
    "external_id": "our import key; HSDS ids are UUIDs derived from the page id",
    "tags": "HSDS 3.0 has no free keywords; taxonomy terms carry the controlled vocabularies",
    "website": "service.url is the catalogue page, which links the offer's website",
    "barrier_free": "HSDS keeps accessibility on locations (accessibility records); not mapped yet",
}


def offers():
    return with_related(OfferPage.objects.live().public(), leaving_out=NOT_IN_HSDS).order_by("pk")


def taxonomy_terms():
    terms = [("target_group", t.slug, t.name) for t in TargetGroup.objects.all()]
    terms += [("kind", value, str(label)) for value, label in OfferKind.choices]
    return [term_record(*term) for term in terms]


def taxonomy_records():
    return [
        {"id": hsds_id("taxonomy", key), "name": name, "description": description, "version": "1"}
        for key, (name, description) in TAXONOMIES.items()
    ]


def term_record(taxonomy, code, name):
    taxonomy_name, description = TAXONOMIES[taxonomy]
    return {
        "id": hsds_id(f"term:{taxonomy}", code),
        "code": code,
        "name": name,
        "description": f"{name} ({description})",
        "taxonomy": taxonomy_name,
        "taxonomy_id": hsds_id("taxonomy", taxonomy),
        "language": "de",
    }


def organization_record(provider):
    if provider is None:
        return {
            "id": hsds_id("organization", "default"),
            "name": DEFAULT_ORGANISATION,
            "description": "Träger des Präventionskatalogs Kreis Mettmann.",
        }
    record = {
        "id": hsds_id("organization", provider.pk),
        "name": provider.name,
        "description": f"Träger von Angeboten im Präventionskatalog Kreis Mettmann: {provider.name}.",
    }
    if provider.website:
        record["website"] = provider.website
    return record


def service_record(offer, request, full=True):
    return service_from(public_values(offer, request), request, full)


def service_from(values, request, full=True):
    """An offer's public values as an HSDS service; ``full`` adds its related records."""
    pk = values["id"]
    service_id = hsds_id("service", pk)
    provider = values["provider"]
    record = {
        "id": service_id,
        "organization_id": organization_record(provider)["id"],
        "name": values["title"],
        "description": "\n\n".join(filter(None, [values["summary"], plain_text(values["description"])])),
        "url": public_url(request, values["url"]),
        "status": "active",
        "fees_description": values["cost"] or ("kostenfrei" if values["is_free"] else ""),
        "eligibility_description": ", ".join(t.name for t in values["target_groups"]),
        "application_process": f"Anmeldung: {values['registration_url']}" if values["registration_url"] else "",
        "last_modified": (values["last_published_at"] or values["first_published_at"]).isoformat(),
    }
    if values["email"]:
        record["email"] = values["email"]
    if values["age_min"] is not None:
        record["minimum_age"] = values["age_min"]
    if values["age_max"] is not None:
        record["maximum_age"] = values["age_max"]
    record = {k: v for k, v in record.items() if v not in ("", None)}
    if not full:
        return record
    phone, contact_name, email = values["phone"], values["contact_name"], values["email"]
    record.update(
        {
            "organization": organization_record(provider),
            "languages": [
                {
                    "id": hsds_id(f"language:{pk}", lang.slug),
                    "service_id": service_id,
                    "name": lang.name,
                    "code": lang.slug,
                }
                for lang in values["languages"]
            ],
            "phones": [{"id": hsds_id("phone", pk), "service_id": service_id, "number": phone}] if phone else [],
            "contacts": [
                {
                    "id": hsds_id("contact", pk),
                    "service_id": service_id,
                    **({"name": contact_name} if contact_name else {}),
                    **({"email": email} if email else {}),
                }
            ]
            if contact_name or email
            else [],
            "schedules": [schedule_record(service_id, date, values["format"].slug) for date in values["dates"]],
            "service_areas": [
                {
                    "id": hsds_id(f"area:{pk}", city.slug),
                    "service_id": service_id,
                    "name": "Kreis Mettmann" if city.slug == DISTRICT_WIDE else city.name,
                    "extent_type": "other",
                }
                for city in values["cities"]
            ],
            "service_at_locations": location_records(values, service_id),
            "attributes": [attribute_record(service_id, "target_group", *t) for t in values["target_groups"]]
            + [attribute_record(service_id, "kind", *values["kind"])],
        }
    )
    return record


def schedule_record(service_id, date, attending_type):
    start = timezone.localtime(date.start)
    end = timezone.localtime(date.end or date.start)
    return {
        "id": hsds_id("schedule", date.pk),
        "service_id": service_id,
        "valid_from": start.date().isoformat(),
        "valid_to": end.date().isoformat(),
        "dtstart": start.date().isoformat(),
        "opens_at": start.strftime("%H:%M"),
        "closes_at": end.strftime("%H:%M"),
        "attending_type": attending_type,
        "description": f"Termin am {start:%d.%m.%Y}",
    }


def location_records(values, service_id):
    street, postcode, town = values["street"], values["postcode"], values["town"]
    if not (street or town):
        return []
    pk = values["id"]
    location_id = hsds_id("location", pk)
    address = {
        "id": hsds_id("address", pk),
        "location_id": location_id,
        "address_1": street or town,
        "city": town or "Mettmann",
        "state_province": "Nordrhein-Westfalen",
        "postal_code": postcode or "",
        "country": "DE",
        "address_type": "physical",
    }
    location = {"id": location_id, "location_type": "physical", "name": values["title"], "addresses": [address]}
    return [
        {
            "id": hsds_id("service_at_location", pk),
            "service_id": service_id,
            "location_id": location_id,
            "location": location,
        }
    ]


def attribute_record(service_id, taxonomy, code, name):
    term = term_record(taxonomy, code, name)
    return {
        "id": hsds_id(f"attribute:{service_id}:{taxonomy}", code),
        "link_id": service_id,
        "link_type": taxonomy,
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def page(items, number, per_page, build=None):
    """HSDS ``Page``: a page past the end is an empty page, not an error.

    With ``build``, ``items`` are objects and only the requested page's records are built.
    """
    total = len(items)
    pages = max((total + per_page - 1) // per_page, 1)
    contents = items[(number - 1) * per_page : number * per_page]
    if build:
        contents = [build(item) for item in contents]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }


class Paging(Schema):
    """The query parameters every HSDS list shares."""

    page_number: int = Field(1, alias="page", ge=1, description="Seite, ab 1; hinter der letzten Seite: leere Seite")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description=f"Einträge pro Seite, höchstens {MAX_PER_PAGE}")
    search: str = Field(None, max_length=MAX_QUERY_LENGTH, description="Volltextsuche (wie die Katalogsuche)")


class ServiceFilters(Paging):
    """The filters of the lists of services (and of services at their locations)."""

    taxonomy_term_id: str = Field(None, description="nur Dienste mit diesem Taxonomiebegriff")
    taxonomy_id: str = Field(None, description="nur Dienste mit einem Begriff dieser Taxonomie")
    organization_id: str = Field(None, description="nur Dienste dieses Trägers")
    modified_after: str = Field(None, description="nur Dienste, die seitdem geändert wurden (ISO 8601)")


def services_matching(request, filters):
    """Live offers narrowed by the HSDS filters; a search goes through the catalogue's search service."""
    found = offers()
    narrowing = (filters.taxonomy_term_id, filters.taxonomy_id, filters.organization_id, filters.modified_after)
    if filters.search:
        limit_searches(request)
        params = QueryDict(mutable=True)
        params["q"] = filters.search
        query = SearchQuery.from_params(params)
        if query.errors:
            raise BadRequest([{"parameter": "search", "message": str(m)} for _, m in query.errors])
        ids = search_service().matching_ids(query)
        rank = {pk: i for i, pk in enumerate(ids)}
        return sorted(_narrowed(found.filter(pk__in=ids), *narrowing), key=lambda o: rank[o.pk])
    return list(_narrowed(found, *narrowing))


def _narrowed(found, taxonomy_term_id, taxonomy_id, organization_id, modified_after):
    if taxonomy_term_id:
        term = _term(taxonomy_term_id)
        if term is None:
            return found.none()
        taxonomy, code = term
        found = found.filter(kind=code) if taxonomy == "kind" else found.filter(target_groups__slug=code)
    if taxonomy_id:
        taxonomy = next((key for key in TAXONOMIES if hsds_id("taxonomy", key) == taxonomy_id), None)
        if taxonomy is None:
            return found.none()
        if taxonomy == "target_group":
            found = found.filter(target_groups__isnull=False)
    if organization_id:
        if organization_id == hsds_id("organization", "default"):
            found = found.filter(provider__isnull=True)
        else:
            found = found.filter(
                provider__in=[p for p in Organisation.objects.all() if hsds_id("organization", p.pk) == organization_id]
            )
    if modified_after:
        found = found.filter(last_published_at__gte=_moment(modified_after))
    return found.distinct()


def _term(term_id):
    """``(taxonomy, code)`` of a term id, or None."""
    for record in taxonomy_terms():
        if record["id"] == term_id:
            return ("kind" if record["taxonomy_id"] == hsds_id("taxonomy", "kind") else "target_group"), record["code"]
    return None


def _moment(value):
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(
            [
                {
                    "parameter": "modified_after",
                    "message": "Datum und Uhrzeit nach ISO 8601 erwartet, z. B. 2026-01-31T12:00:00+01:00",
                }
            ]
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@router.get("/", response={200: out.RootOut}, summary="HSDS: Angaben zur Schnittstelle")
def root(request):
    return {
        "version": "3.0",
        "profile": "https://openreferral.org/imports/hsds/",
        "openapi_url": public_url(request, "/api/v1/schema/"),
    }


@endpoint("/services", out.ServicePage | out.ServiceMinimalPage, "HSDS: Dienste (Angebote)")
def services(
    request,
    filters: Query[ServiceFilters],
    minimal: bool = Query(False, description="nur `id` und `last_modified` je Dienst"),
):
    found = services_matching(request, filters)

    def build(offer):
        record = service_record(offer, request, full=False)
        return {"id": record["id"], "last_modified": record.get("last_modified")} if minimal else record

    return page(found, filters.page_number, filters.per_page, build)


@endpoint("/services/{service_id}", out.ServiceOut, "HSDS: ein Dienst mit allen Angaben")
def service(request, service_id: str):
    return service_record(_by_hsds_id(offers(), "service", service_id), request)


@endpoint("/organizations", out.OrganizationPage, "HSDS: Träger")
def organizations(request, paging: Query[Paging]):
    providers = public_organisations().order_by("name")
    if paging.search:
        providers = providers.filter(name__icontains=paging.search)
    return page(list(providers), paging.page_number, paging.per_page, organization_record)


@endpoint("/organizations/{organization_id}", out.OrganizationFullOut, "HSDS: ein Träger mit seinen Diensten")
def organization(request, organization_id: str):
    provider = _by_hsds_id(public_organisations(), "organization", organization_id)
    record = organization_record(provider)
    record["services"] = [service_record(o, request, full=False) for o in offers().filter(provider=provider)]
    return record


@endpoint("/taxonomies", out.TaxonomyPage, "HSDS: Taxonomien")
def taxonomies(request, paging: Query[Paging]):
    return page(_named(taxonomy_records(), paging.search), paging.page_number, paging.per_page)


@endpoint("/taxonomies/{taxonomy_id}", out.TaxonomyOut, "HSDS: eine Taxonomie")
def taxonomy(request, taxonomy_id: str):
    return _one(taxonomy_records(), "taxonomy_id", taxonomy_id)


@endpoint("/taxonomy_terms", out.TaxonomyTermPage, "HSDS: Taxonomiebegriffe (Zielgruppen und Angebotsarten)")
def terms(request, paging: Query[Paging], taxonomy_id: str = Query(None, description="nur Begriffe dieser Taxonomie")):
    records = [t for t in taxonomy_terms() if not taxonomy_id or t["taxonomy_id"] == taxonomy_id]
    return page(_named(records, paging.search), paging.page_number, paging.per_page)


@endpoint("/taxonomy_terms/{term_id}", out.TaxonomyTermOut, "HSDS: ein Taxonomiebegriff")
def term(request, term_id: str):
    return _one(taxonomy_terms(), "term_id", term_id)


@endpoint("/service_at_locations", out.ServiceAtLocationPage, "HSDS: Dienste an ihren Orten (Angebote mit Anschrift)")
def service_at_locations(request, filters: Query[ServiceFilters]):
    found = services_matching(request, filters)
    records = [record for offer in found for record in _at_locations(offer, request)]
    return page(records, filters.page_number, filters.per_page)


@endpoint(
    "/service_at_locations/{service_at_location_id}", out.ServiceAtLocationFullOut, "HSDS: ein Dienst an seinem Ort"
)
def service_at_location(request, service_at_location_id: str):
    offer = _by_hsds_id(offers(), "service_at_location", service_at_location_id)
    records = _at_locations(offer, request)
    if not records:
        raise NotFound("service_at_location_id", "Dieses Angebot hat keine Anschrift.")
    return records[0]


def _at_locations(offer, request):
    values = public_values(offer, request)
    brief = service_from(values, request, full=False)
    return [{**record, "service": brief} for record in location_records(values, brief["id"])]


def _named(records, search):
    return [r for r in records if not search or search.casefold() in r["name"].casefold()]


def _one(records, parameter, value):
    for record in records:
        if record["id"] == value:
            return record
    raise NotFound(parameter, f"Unbekannte Kennung {value}.")


def public_organisations():
    """Providers of live, public offers: a provider named only in a draft or a private submission stays private."""
    return Organisation.objects.filter(pk__in=offers().filter(provider__isnull=False).values("provider")).distinct()


def _by_hsds_id(queryset, kind, value):
    """The object whose derived id is ``value``, finding its key from the keys alone (no record is built)."""
    for pk in queryset.values_list("pk", flat=True):
        if hsds_id(kind, pk) == value:
            return queryset.get(pk=pk)
    raise NotFound(f"{kind}_id", f"Unbekannte Kennung {value}.")
