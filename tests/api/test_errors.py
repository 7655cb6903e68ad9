"""Every answer of the API that is not a success has one shape, and the OpenAPI document says so."""

import pytest

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"errors"} and body["errors"]
    for problem in body["errors"]:
        assert set(problem) == {"parameter", "message"} and problem["message"]
    return body["errors"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/offers/999999/",
        "/api/v1/gibt-es-nicht/",
        "/api/v1/hsds/services/00000000-0000-0000-0000-000000000000",
        "/api/v1/hsds/organizations/nope",
    ],
)
def test_not_found_has_the_error_shape(client, use_database, url):
    assert_error_shape(client.get(url), 404)


def test_bad_parameters_have_the_error_shape(client, use_database):
    problems = assert_error_shape(client.get("/api/v1/offers/null,null/"), 400)
    assert [p["parameter"] for p in problems] == ["offer_id"]
    assert_error_shape(client.get("/api/v1/hsds/services", {"per_page": 0}), 400)


@pytest.mark.parametrize("offer_id", ["0", "2147483648", "1183304263988795736059805696"])
def test_ids_outside_the_page_id_range_are_a_clear_400(client, use_database, offer_id):
    """Found by schemathesis: a number too large for SQLite's driver was a 500 (OverflowError)."""
    problems = assert_error_shape(client.get(f"/api/v1/offers/{offer_id}/"), 400)
    assert [p["parameter"] for p in problems] == ["offer_id"]


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("url", ["/api/v1/offers/", "/api/v1/suggest/?q=ab"])
def test_rate_limit_is_429_with_retry_after_in_every_mode(client, settings, use_database, debug, url):
    settings.DEBUG = debug
    settings.SEARCH_RATE_LIMIT = "1/m"
    client.get(url, REMOTE_ADDR="203.0.113.9")
    response = client.get(url, REMOTE_ADDR="203.0.113.9")
    assert_error_shape(response, 429)
    assert response["Retry-After"] == "60"


def test_schema_documents_errors_and_the_server_limits(client):
    schema = client.get("/api/v1/schema/").json()
    error_ref = "#/components/schemas/ErrorOut"
    searching = {"/api/v1/offers/", "/api/v1/suggest/", "/api/v1/hsds/services", "/api/v1/hsds/service_at_locations"}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            statuses = {"400"} if operation.get("parameters") else set()
            statuses |= {"429"} if path in searching else set()
            for status in statuses:
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"]["$ref"] == error_ref, (path, status)
            for status, documented in operation["responses"].items():
                if status.startswith("4"):
                    assert documented["content"]["application/json"]["schema"]["$ref"] == error_ref
    offers = schema["paths"]["/api/v1/offers/"]["get"]
    params = {p["name"]: p["schema"] for p in offers["parameters"]}
    assert params["q"]["maxLength"] == 200
    assert params["page_size"]["maximum"] == 100 and params["page"]["minimum"] == 1
    assert "404" in schema["paths"]["/api/v1/offers/{offer_id}/"]["get"]["responses"]


def test_result_cache_is_kept_per_language(client, use_database, offers):
    offers.make("Workshop Zivilcourage", cities=["hilden"])
    english = client.get("/api/v1/offers/", HTTP_ACCEPT_LANGUAGE="en").json()
    german = client.get("/api/v1/offers/", HTTP_ACCEPT_LANGUAGE="de").json()
    label = lambda body: {f["value"]: f["label"] for f in body["facets"]["kind"]}["measure"]  # noqa: E731
    assert label(english) == "Measure"
    assert label(german) == "Maßnahme"
