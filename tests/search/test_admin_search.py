"""Wagtail's own search (the admin's page and snippet search) keeps no index and needs no search node:
it works on either engine, while the node is down, and page saves write no second index."""

import pytest
from django.urls import reverse
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db


def admin_finds(admin_client, query):
    return admin_client.get("/admin/pages/search/", {"q": query}).content.decode()


def test_admin_search_filters_the_database_and_saves_write_no_index(use_database, admin_client, offers):
    from wagtail.search.models import IndexEntry

    offers.make("Workshop Zivilcourage", provider="Integrationsagentur Hilden")
    assert type(get_search_backend()).__module__.endswith("database.fallback")
    assert "Workshop Zivilcourage" in admin_finds(admin_client, "Zivilcour")
    assert IndexEntry.objects.count() == 0
    organisations = reverse("wagtailsnippets_catalogue_organisation:list")
    assert "Integrationsagentur Hilden" in admin_client.get(organisations, {"q": "agentur"}).content.decode()


@pytest.mark.elasticsearch
def test_admin_search_works_while_the_search_node_hangs(use_fault_node, fault_node, admin_client, offers):
    offers.make("Workshop Zivilcourage")
    fault_node.freeze()
    try:
        found = admin_finds(admin_client, "Zivilcourage")
        offers.make("Sprachcafé Hilden")  # the save does not wait for a second index on the node
        found_new = admin_finds(admin_client, "Sprachcaf")
    finally:
        fault_node.thaw()
    assert "Workshop Zivilcourage" in found and "Sprachcafé Hilden" in found_new
