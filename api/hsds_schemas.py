"""Shapes of the HSDS 3.0 answers: the fields of the Open Referral schemas this catalogue fills.

They document the responses in the OpenAPI document and check every answer before it is sent (ninja validates
the returned dicts against them). Absent values are left out (``exclude_none``), as HSDS prefers.
"""

from ninja import Schema


class DescribedOut(Schema):
    """What HSDS taxonomies and organizations begin with."""

    id: str
    name: str
    description: str


class TaxonomyOut(DescribedOut):
    version: str | None = None


class TaxonomyTermOut(Schema):
    id: str
    code: str | None = None
    name: str
    description: str
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    language: str | None = None


class OrganizationOut(DescribedOut):
    website: str | None = None


class ServiceBriefOut(Schema):
    """A service with its one-to-one fields only (HSDS ``service_list``)."""

    id: str
    organization_id: str | None = None
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    last_modified: str | None = None


class ServiceMinimalOut(Schema):
    """``?minimal=true``: just enough for a harvester to see what changed."""

    id: str
    last_modified: str | None = None


class LanguageOut(Schema):
    id: str
    service_id: str
    name: str
    code: str


class PhoneOut(Schema):
    id: str
    service_id: str
    number: str


class ContactOut(Schema):
    id: str
    service_id: str
    name: str | None = None
    email: str | None = None


class ScheduleOut(Schema):
    id: str
    service_id: str
    valid_from: str
    valid_to: str
    dtstart: str
    opens_at: str
    closes_at: str
    attending_type: str
    description: str


class ServiceAreaOut(Schema):
    id: str
    service_id: str
    name: str
    extent_type: str


class AddressOut(Schema):
    id: str
    location_id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class LocationOut(Schema):
    id: str
    location_type: str
    name: str
    addresses: list[AddressOut]


class ServiceAtLocationOut(Schema):
    id: str
    service_id: str
    location_id: str | None = None
    location: LocationOut


class AttributeOut(Schema):
    id: str
    link_id: str
    link_type: str
    link_entity: str
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTermOut


class ServiceOut(ServiceBriefOut):
    """A service with everything linked to it (HSDS ``service``)."""

    organization: OrganizationOut
    languages: list[LanguageOut]
    phones: list[PhoneOut]
    contacts: list[ContactOut]
    schedules: list[ScheduleOut]
    service_areas: list[ServiceAreaOut]
    service_at_locations: list[ServiceAtLocationOut]
    attributes: list[AttributeOut]


class OrganizationFullOut(OrganizationOut):
    services: list[ServiceBriefOut]


class ServiceAtLocationFullOut(ServiceAtLocationOut):
    service: ServiceBriefOut


class RootOut(Schema):
    version: str
    profile: str
    openapi_url: str


def page_of(item, name):
    """The HSDS ``Page`` wrapper around a list of ``item``."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {
                "total_items": int,
                "total_pages": int,
                "page_number": int,
                "size": int,
                "first_page": bool,
                "last_page": bool,
                "empty": bool,
                "contents": list[item],
            }
        },
    )


ServicePage = page_of(ServiceBriefOut, "ServicePage")
ServiceMinimalPage = page_of(ServiceMinimalOut, "ServiceMinimalPage")
OrganizationPage = page_of(OrganizationOut, "OrganizationPage")
TaxonomyPage = page_of(TaxonomyOut, "TaxonomyPage")
TaxonomyTermPage = page_of(TaxonomyTermOut, "TaxonomyTermPage")
ServiceAtLocationPage = page_of(ServiceAtLocationFullOut, "ServiceAtLocationPage")
