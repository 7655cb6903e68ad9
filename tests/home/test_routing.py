"""Site and page routing kept per page-cache generation (core/routing.py): the same answers as Wagtail's
own routing, no routing queries on a repeated request, and every change an editor makes shows at once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from catalogue.models import CatalogueIndexPage
from core import routing
from home.models import InfoPage, SiteSettings

pytestmark = pytest.mark.django_db


def routing_queries(client, url):
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    sql = [q["sql"] for q in captured.captured_queries]
    return response, [q for q in sql if '"wagtailcore_site"' in q or '"wagtailcore_page' in q]


def test_repeated_catalogue_request_routes_without_site_or_tree_queries(client, use_database):
    response, queries = routing_queries(client, "/angebote/")
    assert response.status_code == 200
    assert queries == []  # no site, child page or view-restriction look-up


def test_each_request_gets_its_own_copy_of_a_kept_page(rf: RequestFactory, use_database):
    home = Site.objects.get(is_default_site=True).root_page.specific
    first = routing.route(home, rf.get("/angebote/"), ["angebote"]).page
    second = routing.route(home, rf.get("/angebote/"), ["angebote"]).page
    assert isinstance(first, CatalogueIndexPage) and first.pk == second.pk and first is not second
    assert routing.route(home, rf.get("/"), []).page is not home


def test_unknown_and_unpublished_sections_are_not_found(client, django_capture_on_commit_callbacks, use_database):
    assert client.get("/gibt-es-nicht/").status_code == 404
    home = Page.objects.get(depth=2)
    page = InfoPage(title="Leichte Sprache", slug="leichte-sprache")
    home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get("/leichte-sprache/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/leichte-sprache/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get("/leichte-sprache/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert client.get("/leichte-sprache/").status_code == 404


def test_site_settings_show_at_once(client, django_capture_on_commit_callbacks, use_database):
    assert client.get("/angebote/").status_code == 200
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.operator_name = "Stadtverwaltung Beispielstadt"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    html = client.get("/angebote/").content.decode()
    assert html.count("Stadtverwaltung Beispielstadt") == 2  # header and footer


def test_a_site_moved_to_another_root_routes_there(client, django_capture_on_commit_callbacks, use_database):
    assert client.get("/angebote/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = CatalogueIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    assert client.get("/angebote/").status_code == 404  # the catalogue is now the site's root
    assert client.get("/").status_code == 200


def test_a_view_restriction_applies_at_once(client, django_capture_on_commit_callbacks, use_database):
    assert client.get("/angebote/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=CatalogueIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get("/angebote/").status_code == 302  # to the login
    assert client.get("/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get("/angebote/").status_code == 200
