"""The public JSON API: the contract partners' widgets and other directories rely on."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(use_database, offers):
    return {
        "workshop": offers.make("Workshop Zivilcourage", cities=["hilden"], tags=["Zivilcourage"]),
        "kreis": offers.make(
            "Fortbildung Rassismuskritik", cities=["kreisweit"], kind="qualification", languages=["de", "en"]
        ),
        "velbert": offers.make("Beratungsstelle Velbert", cities=["velbert"], kind="contact_point"),
    }


def test_list_shape_facets_and_absolute_urls(client, catalogue):
    response = client.get("/api/v1/offers/", {"city": "hilden"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["page"] == 1 and body["page_size"] == 20
    assert body["engine"] == "database"
    first = body["results"][0]
    assert set(first) == {
        "id",
        "external_id",
        "kind",
        "title",
        "summary",
        "url",
        "cities",
        "target_groups",
        "languages",
        "tags",
        "highlight",
    }
    assert first["url"].startswith("http://testserver/angebote/")
    cities = {f["value"]: f for f in body["facets"]["city"]}
    assert cities["velbert"] == {"value": "velbert", "label": "Velbert", "count": 2}
    assert set(body["facets"]) == {"kind", "city", "target_group", "language", "format"}


def test_repeated_filters_and_text(client, catalogue):
    body = client.get("/api/v1/offers/?kind=measure&kind=contact_point&q=Beratung").json()
    assert [r["title"] for r in body["results"]] == ["Beratungsstelle Velbert"]
    assert body["results"][0]["highlight"]["title"] == "<mark>Beratungsstelle</mark> Velbert"


def test_bad_parameters_get_one_400_listing_each_problem(client, catalogue):
    response = client.get("/api/v1/offers/", {"city": "atlantis", "kind": "party", "page": "abc", "q": "x" * 201})
    assert response.status_code == 400
    problems = {e["parameter"] for e in response.json()["errors"]}
    assert problems == {"city", "kind", "page", "q"}
    assert client.get("/api/v1/offers/", {"page": 2}).status_code == 400  # beyond the last result
    assert client.get("/api/v1/offers/", {"page_size": 1000}).status_code == 400


def test_detail_has_all_public_fields(client, catalogue):
    offer = catalogue["kreis"]
    body = client.get(f"/api/v1/offers/{offer.pk}/").json()
    assert body["title"] == "Fortbildung Rassismuskritik"
    assert body["languages"] == [{"slug": "de", "name": "Deutsch"}, {"slug": "en", "name": "Englisch"}]
    assert body["cities"] == [{"slug": "kreisweit", "name": "Kreisweit"}]
    assert client.get("/api/v1/offers/999999/").status_code == 404


def test_unpublished_offers_are_not_served(client, catalogue, offers):
    offers.unpublish(catalogue["workshop"])
    assert client.get(f"/api/v1/offers/{catalogue['workshop'].pk}/").status_code == 404
    assert "Workshop Zivilcourage" not in client.get("/api/v1/offers/").content.decode()


def test_suggest(client, catalogue):
    body = client.get("/api/v1/suggest/", {"q": "Zivil"}).json()
    assert [s["title"] for s in body["suggestions"]] == ["Workshop Zivilcourage"]
    assert client.get("/api/v1/suggest/", {"q": ""}).json()["suggestions"] == []


def test_cors_and_caching_headers(client, catalogue):
    response = client.get("/api/v1/offers/", HTTP_ORIGIN="https://schule.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    preflight = client.options(
        "/api/v1/offers/", HTTP_ORIGIN="https://schule.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_openapi_document_describes_the_api(client):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/offers/", "/api/v1/offers/{offer_id}/", "/api/v1/suggest/"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/v1/offers/"]["get"]["parameters"]}
    assert {"q", "kind", "city", "target_group", "language", "format", "free", "tag", "page", "page_size"} <= params


def test_answers_are_cached_until_the_index_or_taxonomy_changes(client, catalogue, offers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import City

    first = client.get("/api/v1/offers/", {"city": "hilden"}).json()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/offers/", {"city": "hilden"}).json()
    assert again == first
    assert not [q for q in queries if "search_searchfacet" in q["sql"] or "search_fts" in q["sql"]]
    offers.make("Neues Angebot Hilden", cities=["hilden"])
    assert client.get("/api/v1/offers/", {"city": "hilden"}).json()["count"] == first["count"] + 1
    City.objects.filter(slug="velbert").update(name="Velbert (Stadt)")  # no signal: bypasses the page cache
    City.objects.get(slug="velbert").save()  # a real edit in the admin sends one
    facets = client.get("/api/v1/offers/", {"city": "hilden"}).json()["facets"]["city"]
    labels = {f["value"]: f["label"] for f in facets}
    assert labels["velbert"] == "Velbert (Stadt)"


def test_answers_are_searched_each_time_without_the_result_cache(client, offers, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.API_RESULT_CACHE_SECONDS = 0
    offers.make("Beratung bei Diskriminierung")
    first = client.get("/api/v1/offers/", {"q": "Beratung"}).json()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/offers/", {"q": "Beratung"}).json() == first
    assert [q for q in queries if "search_fts" in q["sql"] or "search_vector" in q["sql"]]


def test_facet_labels_follow_the_language_and_a_renamed_term(client, catalogue, django_capture_on_commit_callbacks):
    """Facet labels are kept per generation and language (search.service.facet_labels)."""
    from catalogue.models import City

    def labels(language):
        body = client.get("/api/v1/offers/", HTTP_ACCEPT_LANGUAGE=language).json()
        return {f["value"]: f["label"] for name in ("kind", "city") for f in body["facets"][name]}

    for _ in range(2):
        assert labels("de")["qualification"] == "Qualifizierung" and labels("de")["kreisweit"] == "Kreisweit"
        assert labels("en")["qualification"] == "Qualification" and labels("en")["kreisweit"] == "District-wide"
    velbert = City.objects.get(slug="velbert")
    velbert.name, velbert.name_en = "Velbert (Stadt)", "Velbert (town)"
    with django_capture_on_commit_callbacks(execute=True):
        velbert.save()
    assert labels("de")["velbert"] == "Velbert (Stadt)" and labels("en")["velbert"] == "Velbert (town)"
