"""Site identity and addresses: robots.txt, favicon, German slugs, old addresses redirecting, the suggestion form."""

import importlib

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from catalogue.importing import save_offer
from catalogue.models import CatalogueIndexPage, OfferPage
from catalogue.slugs import german_slugify
from submissions.forms import OfferSuggestionForm

pytestmark = pytest.mark.django_db


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /admin/" in text


def test_favicon_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.ico")
    assert finders.find("img/favicon.ico") and finders.find("img/favicon.svg")


def test_slugs_transliterate_german():
    assert (
        german_slugify("Antirassistisches Fußballturnier für Übungsleitende in Wülfrath")
        == "antirassistisches-fussballturnier-fuer-uebungsleitende-in-wuelfrath"
    )
    assert german_slugify("Öffnung & Ärger") == "oeffnung-aerger"


def test_a_new_offer_from_the_import_or_the_form_gets_a_german_slug():
    values = {"title": "Qualifizierung für Übungsleitende", "summary": "Kurz.", "kind": "qualification"}
    values.update(format="in_person", is_free=True)  # what is not given is blank (importing.BLANK_VALUES)
    page = save_offer(CatalogueIndexPage.objects.get(), None, values, publish=True, user=None)
    assert page.slug == "qualifizierung-fuer-uebungsleitende"


def test_old_generated_slugs_change_and_redirect():
    catalogue = CatalogueIndexPage.objects.get()
    page = catalogue.add_child(
        instance=OfferPage(title="Fußballturnier für alle", slug="fuballturnier-fur-alle", summary="Kurz.")
    )
    page.save_revision().publish()
    own = catalogue.add_child(instance=OfferPage(title="Für Vereine", slug="vereine-kurz", summary="Kurz."))
    migration = importlib.import_module("catalogue.migrations.0005_german_slugs")
    migration.reslug(apps, None)
    page.refresh_from_db()
    assert page.slug == "fussballturnier-fuer-alle" and page.url == "/angebote/fussballturnier-fuer-alle/"
    assert page.get_latest_revision().content["slug"] == "fussballturnier-fuer-alle"
    redirect = Redirect.objects.get(old_path="/angebote/fuballturnier-fur-alle")
    assert redirect.redirect_page_id == page.pk and redirect.is_permanent
    own.refresh_from_db()
    assert own.slug == "vereine-kurz"  # an editor's own slug stays
    response = Client().get("/angebote/fuballturnier-fur-alle/")
    assert response.status_code == 301 and response["Location"].endswith("/angebote/fussballturnier-fuer-alle/")


def test_suggestion_form_fields_are_autocompleted_and_errors_name_the_field():
    form = OfferSuggestionForm(data={})
    html = str(form["submitter_email"])
    assert 'autocomplete="email"' in html and 'autocomplete="name"' in str(form["submitter_name"])
    assert not form.is_valid()
    assert form.errors["summary"] == ["Bitte füllen Sie „Kurzbeschreibung“ aus."]
    assert form.errors["cities"] == ["Bitte wählen Sie mindestens eine Angabe bei „Städte“."]
    assert form.errors["consent"][0].startswith("Bitte stimmen Sie zu")


def test_admin_slug_fields_transliterate_german_before_wagtail_urlifies():
    from wagtail.admin.forms.models import formfield_for_dbfield

    widget = formfield_for_dbfield(OfferPage._meta.get_field("slug")).widget
    formatters = widget.attrs["data-w-slug-formatters-value"]
    assert '"ae"' in formatters and '"ss"' in formatters and '"ue"' in formatters


def test_demo_conferences_fall_on_weekdays_at_local_time():
    from django.utils import timezone

    from knowledge.demo import weekday_at

    for days in range(-14, 15):
        start = timezone.localtime(weekday_at(days, 14))
        assert start.weekday() < 5 and start.hour == 14 and str(start.tzinfo) == "Europe/Berlin"
        assert (start.date() >= timezone.localdate()) == (days >= 0)  # never crosses from past to future
