"""Copying an offer in the admin (finding 10 of issue 13): the copy is a new offer without the external id."""

import pytest

from catalogue.models import CatalogueIndexPage, OfferPage

pytestmark = pytest.mark.django_db


def copy_form(title, slug, alias=""):
    """The admin's copy form: the new title and slug, under the catalogue, without subpages."""
    parent = CatalogueIndexPage.objects.get().pk
    return {"new_title": title, "new_slug": slug, "new_parent_page": parent, "copy_subpages": "", "alias": alias}


@pytest.mark.parametrize("publish", [False, True])
def test_copy_gets_no_external_id_and_can_be_published(admin_client, use_database, offers, publish):
    original = offers.make("Workshop Zivilcourage", external_id="ki-001")
    data = copy_form("Workshop Zivilcourage (Kopie)", "workshop-kopie")
    if publish:
        data["publish_copies"] = "on"
    response = admin_client.post(f"/admin/pages/{original.pk}/copy/", data)
    assert response.status_code == 302
    copy = OfferPage.objects.get(slug="workshop-kopie")
    assert copy.external_id is None and copy.get_latest_revision_as_object().external_id is None
    assert copy.live == publish
    assert OfferPage.objects.get(pk=original.pk).external_id == "ki-001"
    copy.get_latest_revision().publish()  # publishing the copy's draft later does not collide either
    assert OfferPage.objects.get(pk=copy.pk).external_id is None


def test_offers_cannot_be_aliased(admin_client, use_database, offers):
    original = offers.make("Workshop Zivilcourage", external_id="ki-001")
    assert 'name="alias"' not in admin_client.get(f"/admin/pages/{original.pk}/copy/").content.decode()
    data = copy_form("Alias", "workshop-alias", alias="on")
    assert admin_client.post(f"/admin/pages/{original.pk}/copy/", data).status_code == 302
    copy = OfferPage.objects.get(slug="workshop-alias")
    assert copy.alias_of is None and copy.external_id is None  # a plain copy, not an alias
