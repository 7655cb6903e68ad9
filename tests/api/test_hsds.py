"""The HSDS 3.0 read API: its output is checked against the Open Referral compiled JSON schemas."""

import gzip
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from tests.factories import HILDEN_ADDRESS

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0"


def schema(name):
    with gzip.open(SCHEMAS / f"{name}.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def part(name, *path):
    """A schema nested in a compiled one (the taxonomy and term schemas ship inside ``service``)."""
    found = schema(name)
    for key in path:
        found = found["properties"][key]
        found = found.get("items", found)
    return found


def conforms(instance, name, *path):
    jsonschema.validate(instance, part(name, *path), format_checker=jsonschema.FormatChecker())


@pytest.fixture
def catalogue(use_database, offers):
    course = offers.make(
        "Fortbildung Rechte Codes",
        kind="qualification",
        provider="Mobile Beratung",
        languages=["de", "tr"],
        phone="0211 123",
        email="info@example.org",
        contact_name="A. Demir",
        cities=["hilden", "kreisweit"],
        target_groups=["schulen-lehrkraefte", "jugendarbeit"],
        age_min=16,
        description="<p>Erster Absatz.</p><p>Zweiter.</p>",
        cost="kostenfrei",
        dates=[(datetime(2027, 2, 4, 14, tzinfo=ZoneInfo("Europe/Berlin")), None)],
        **HILDEN_ADDRESS,
    )
    return {"course": course, "plain": offers.make("Sprachcafé")}


def test_service_list_is_paginated_and_conforms(client, catalogue):
    body = client.get("/api/v1/hsds/services", {"per_page": 1}).json()
    assert body["total_items"] == 2 and body["total_pages"] == 2 and body["first_page"] and not body["last_page"]
    for item in body["contents"]:
        conforms(item, "service_list")
    past = client.get("/api/v1/hsds/services", {"page": 3, "per_page": 1}).json()
    assert (past["contents"], past["size"], past["page_number"], past["empty"], past["last_page"]) == (
        [],
        0,
        3,
        True,
        True,
    )
    assert client.get("/api/v1/hsds/services", {"per_page": 1000}).status_code == 400


def test_full_service_conforms_and_maps_every_part(client, catalogue):
    listed = client.get("/api/v1/hsds/services").json()["contents"]
    course_id = next(s["id"] for s in listed if s["name"] == "Fortbildung Rechte Codes")
    service = client.get(f"/api/v1/hsds/services/{course_id}").json()
    conforms(service, "service")
    assert service["description"] == "Ein Angebot für Schulen.\n\nErster Absatz.\n\nZweiter."
    assert service["organization"]["name"] == "Mobile Beratung"
    assert [lang["code"] for lang in service["languages"]] == ["de", "tr"]
    assert service["phones"][0]["number"] == "0211 123"
    assert service["contacts"][0]["name"] == "A. Demir"
    assert service["schedules"][0]["dtstart"] == "2027-02-04" and service["schedules"][0]["opens_at"] == "14:00"
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["city"], address["country"]) == ("40721", "Hilden", "DE")
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} == {
        "schulen-lehrkraefte",
        "jugendarbeit",
        "qualification",
    }
    assert [area["name"] for area in service["service_areas"]] == ["Hilden", "Kreis Mettmann"]
    assert service["minimum_age"] == 16


def test_service_without_optional_parts_conforms(client, catalogue):
    listed = client.get("/api/v1/hsds/services").json()["contents"]
    plain_id = next(s["id"] for s in listed if s["name"] == "Sprachcafé")
    conforms(client.get(f"/api/v1/hsds/services/{plain_id}").json(), "service")


def test_ids_are_stable_uuids(client, catalogue):
    first = client.get("/api/v1/hsds/services").json()["contents"]
    second = client.get("/api/v1/hsds/services").json()["contents"]
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert client.get("/api/v1/hsds/services/00000000-0000-0000-0000-000000000000").status_code == 404


def test_organizations_conform_and_list_their_services(client, catalogue):
    body = client.get("/api/v1/hsds/organizations").json()
    assert [o["name"] for o in body["contents"]] == ["Mobile Beratung"]
    organization = client.get(f"/api/v1/hsds/organizations/{body['contents'][0]['id']}").json()
    conforms(organization, "organization")
    assert [s["name"] for s in organization["services"]] == ["Fortbildung Rechte Codes"]


def test_taxonomy_terms_cover_target_groups_and_kinds(client, catalogue):
    terms = client.get("/api/v1/hsds/taxonomy_terms", {"per_page": 100}).json()["contents"]
    codes = {t["code"] for t in terms}
    assert {"schulen-lehrkraefte", "betroffene", "measure", "contact_point", "qualification"} <= codes
    assert len(terms) == 11


def ids_by_name(client, url, **params):
    return {item["name"]: item["id"] for item in client.get(url, {"per_page": 100, **params}).json()["contents"]}


def names(client, **params):
    return sorted(s["name"] for s in client.get("/api/v1/hsds/services", params).json()["contents"])


def test_services_search_goes_through_the_catalogue_search(client, catalogue):
    assert names(client, search="Fortbildung") == ["Fortbildung Rechte Codes"]
    assert names(client, search="xyzzy") == []
    response = client.get("/api/v1/hsds/services", {"search": "x" * 201})
    assert response.status_code == 400 and response.json()["errors"][0]["parameter"] == "search"


def test_services_filter_by_taxonomy_term_taxonomy_and_organization(client, catalogue):
    terms = {t["code"]: t for t in client.get("/api/v1/hsds/taxonomy_terms", {"per_page": 100}).json()["contents"]}
    assert names(client, taxonomy_term_id=terms["jugendarbeit"]["id"]) == ["Fortbildung Rechte Codes"]
    assert names(client, taxonomy_term_id=terms["measure"]["id"]) == ["Sprachcafé"]
    assert names(client, taxonomy_term_id="00000000-0000-0000-0000-000000000000") == []
    taxonomies = ids_by_name(client, "/api/v1/hsds/taxonomies")
    assert names(client, taxonomy_id=taxonomies["praeventionskatalog-angebotsarten"]) == [
        "Fortbildung Rechte Codes",
        "Sprachcafé",
    ]
    organizations = ids_by_name(client, "/api/v1/hsds/organizations")
    assert names(client, organization_id=organizations["Mobile Beratung"]) == ["Fortbildung Rechte Codes"]


def test_services_modified_after_and_minimal(client, catalogue):
    course = catalogue["course"]
    course_time = course.last_published_at.isoformat()
    later = [o.last_published_at for o in catalogue.values()]
    assert len(names(client, modified_after=course_time)) == sum(1 for t in later if t >= course.last_published_at)
    assert names(client, modified_after="2999-01-01T00:00:00") == []
    response = client.get("/api/v1/hsds/services", {"modified_after": "gestern"})
    assert response.status_code == 400 and response.json()["errors"][0]["parameter"] == "modified_after"
    minimal = client.get("/api/v1/hsds/services", {"minimal": "true"}).json()["contents"]
    assert all(set(item) == {"id", "last_modified"} for item in minimal) and len(minimal) == 2


def test_organizations_search_and_terms_by_taxonomy(client, catalogue):
    assert ids_by_name(client, "/api/v1/hsds/organizations", search="mobile").keys() == {"Mobile Beratung"}
    assert ids_by_name(client, "/api/v1/hsds/organizations", search="xyzzy") == {}
    taxonomies = ids_by_name(client, "/api/v1/hsds/taxonomies")
    kinds = client.get(
        "/api/v1/hsds/taxonomy_terms", {"taxonomy_id": taxonomies["praeventionskatalog-angebotsarten"]}
    ).json()["contents"]
    assert {t["code"] for t in kinds} == {"measure", "contact_point", "qualification"}


def test_single_taxonomy_and_term_conform(client, catalogue):
    for taxonomy_id in ids_by_name(client, "/api/v1/hsds/taxonomies").values():
        taxonomy = client.get(f"/api/v1/hsds/taxonomies/{taxonomy_id}").json()
        conforms(taxonomy, "service", "attributes", "taxonomy_term", "taxonomy_detail")
    for term_id in ids_by_name(client, "/api/v1/hsds/taxonomy_terms").values():
        conforms(client.get(f"/api/v1/hsds/taxonomy_terms/{term_id}").json(), "service", "attributes", "taxonomy_term")
    assert client.get("/api/v1/hsds/taxonomies/nope").status_code == 404
    assert client.get("/api/v1/hsds/taxonomy_terms/nope").status_code == 404


def test_service_at_locations_list_and_detail_conform(client, catalogue):
    body = client.get("/api/v1/hsds/service_at_locations").json()
    assert body["total_items"] == 1  # only the course has an address
    item = body["contents"][0]
    conforms(item, "service_at_location_list")
    assert item["service"]["name"] == "Fortbildung Rechte Codes"
    single = client.get(f"/api/v1/hsds/service_at_locations/{item['id']}").json()
    conforms({k: v for k, v in single.items() if k != "service"}, "service", "service_at_locations")
    assert single["location"]["addresses"][0]["city"] == "Hilden"
    plain = catalogue["plain"]
    from api.hsds import hsds_id

    without_address = hsds_id("service_at_location", plain.pk)
    assert client.get(f"/api/v1/hsds/service_at_locations/{without_address}").status_code == 404


def test_providers_named_only_in_drafts_are_not_served(client, use_database, offers):
    from api.hsds import hsds_id
    from catalogue.models import Organisation

    offers.make("Öffentlich", provider="Öffentlicher Träger")
    offers.make("Entwurf", provider="Privater Träger", publish=False)
    private = Organisation.objects.get(name="Privater Träger")
    names = [o["name"] for o in client.get("/api/v1/hsds/organizations").json()["contents"]]
    assert names == ["Öffentlicher Träger"]
    assert client.get(f"/api/v1/hsds/organizations/{hsds_id('organization', private.pk)}").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/hsds/services", "/api/v1/hsds/taxonomies", "/api/v1/hsds/"])
def test_hsds_requests_are_rate_limited(client, settings, use_database, path):
    settings.HSDS_RATE_LIMIT = "3/m"
    statuses = [client.get(path, REMOTE_ADDR="203.0.113.8").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(path, REMOTE_ADDR="198.51.100.8").status_code == 200


def test_a_page_builds_only_its_own_records(client, use_database, offers, monkeypatch):
    from api import hsds

    for n in range(5):
        offers.make(f"Angebot {n}")
    built = []
    real = hsds.service_record
    monkeypatch.setattr(hsds, "service_record", lambda offer, *a, **k: built.append(offer.pk) or real(offer, *a, **k))
    answer = client.get("/api/v1/hsds/services", {"per_page": 2, "page": 2}).json()
    assert answer["total_items"] == 5 and answer["size"] == 2 and len(built) == 2
