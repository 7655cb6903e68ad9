"""The traps a city team met creating one offer (issue 20): German date-times, the expiry computed from past
dates, and the live preview the admin could not frame."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation
from wagtail.admin.widgets import AdminDateTimeInput

from catalogue.models import CatalogueIndexPage, OfferDate, OfferPage
from tests.editorial.forms import offer_form as editor_form

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def offer_form(title, dates, **extra):
    """The editor's form as a city team fills it in, German date-times and all."""
    return editor_form(title, dates=dates, last_reviewed="01.11.2026", **extra)


@pytest.mark.parametrize("language", ["de", "en"])
def test_date_times_are_shown_and_read_in_german_whatever_the_language(language):
    field = forms.DateTimeField(widget=AdminDateTimeInput())
    with translation.override(language):
        assert field.clean("20.01.2027 18:00") == datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN)
        assert field.clean("2027-01-20 18:00") == datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN)  # ISO still works
        assert field.widget.format_value(datetime(2027, 1, 20, 18, 0)) == "20.01.2027 18:00"


def test_an_offer_is_saved_with_the_german_date_time_typed(admin_client, use_database):
    catalogue = CatalogueIndexPage.objects.get()
    response = admin_client.post(
        f"/admin/pages/add/catalogue/offerpage/{catalogue.pk}/",
        offer_form(
            "Fortbildung Zivilcourage",
            [{"start": "20.01.2027 18:00", "end": "20.01.2027 21:00"}],
            slug="fortbildung-zivilcourage",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    offer = OfferPage.objects.get(slug="fortbildung-zivilcourage").get_latest_revision_as_object()
    assert [(d.start, d.end) for d in offer.dates.all()] == [
        (datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN), datetime(2027, 1, 20, 21, 0, tzinfo=BERLIN))
    ]
    assert offer.expire_at == datetime(2027, 1, 20, 21, 0, tzinfo=BERLIN)  # computed from the last date


def test_a_past_last_date_never_blocks_an_edit(admin_client, use_database, offers):
    offer = offers.make("Vortrag im Januar")
    past = datetime(2026, 1, 20, 18, 0, tzinfo=BERLIN)
    draft = offer.get_latest_revision_as_object()
    draft.dates = [OfferDate(start=past)]
    offer = offers.republish(draft)  # the stored expiry is now in the past, as for every offer whose date passed
    assert offer.get_latest_revision_as_object().expire_at == past
    later = {"start": "20.01.2027 18:00", "end": ""}
    data = offer_form("Vortrag im Januar", [later], slug=offer.slug, expire_at="20.01.2026 18:00", go_live_at="")
    response = admin_client.post(f"/admin/pages/{offer.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    saved = OfferPage.objects.get(pk=offer.pk).get_latest_revision_as_object()
    assert saved.expire_at == datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN)  # from the new last date


def test_the_admin_may_frame_its_own_preview_and_public_pages_stay_unframeable(admin_client, use_database, offers):
    offer = offers.make("Workshop")
    admin = admin_client.get(f"/admin/pages/{offer.pk}/edit/")
    assert "frame-ancestors 'self'" in admin["Content-Security-Policy"] and admin["X-Frame-Options"] == "SAMEORIGIN"
    public = admin_client.get(offer.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"] and public["X-Frame-Options"] == "DENY"
