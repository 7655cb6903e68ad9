"""The HSDS 3.0 read API: its output is checked against the Open Referral compiled JSON schemas."""

import gzip
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from catalogue.models import OfferDate

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0"


def schema(name):
    with gzip.open(SCHEMAS / f"{name}.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def conforms(instance, name):
    jsonschema.validate(instance, schema(name), format_checker=jsonschema.FormatChecker())


@pytest.fixture
def catalogue(use_database, offers):
    course = offers.make("Fortbildung Rechte Codes", kind="qualification", provider="Mobile Beratung",
                         languages=["de", "tr"], phone="0211 123", email="info@example.org",
                         contact_name="A. Demir", street="Am Rathaus 1", postcode="40721", town="Hilden",
                         cities=["hilden", "kreisweit"], target_groups=["schulen-lehrkraefte", "jugendarbeit"],
                         age_min=16, description="<p>Erster Absatz.</p><p>Zweiter.</p>", cost="kostenfrei")
    draft = course.get_latest_revision_as_object()
    draft.dates = [OfferDate(start=datetime(2027, 2, 4, 14, tzinfo=ZoneInfo("Europe/Berlin")))]
    return {"course": offers.republish(draft), "plain": offers.make("Sprachcafé")}


def test_service_list_is_paginated_and_conforms(client, catalogue):
    body = client.get("/api/v1/hsds/services", {"per_page": 1}).json()
    assert body["total_items"] == 2 and body["total_pages"] == 2 and body["first_page"] and not body["last_page"]
    for item in body["contents"]:
        conforms(item, "service_list")
    assert client.get("/api/v1/hsds/services", {"page": 3, "per_page": 1}).status_code == 400
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
        "schulen-lehrkraefte", "jugendarbeit", "qualification"}
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
