"""The city and target-group choosers find the terms the migrations created (issue 20)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("city", "Hilden", "Hilden"),
        ("city", "kreisw", "Kreisweit"),
        ("targetgroup", "Schul", "Schulen"),
    ],
)
def test_the_chooser_search_finds_taxonomy_terms_created_by_migrations(
    admin_client, use_database, model, query, expected
):
    url = reverse(f"wagtailsnippetchoosers_catalogue_{model}:choose_results")
    html = admin_client.get(url, {"q": query}).content.decode()
    assert expected in html and "Es gibt leider keine" not in html
