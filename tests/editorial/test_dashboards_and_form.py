"""The start page for a city team and for the Fachstelle, and the offer form a city team fills in."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import WorkflowState

from catalogue.models import CatalogueIndexPage, City

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(group_member):
    return group_member("hilden", "Redaktion Hilden"), group_member("fachstelle", "Fachstelle")


def test_city_team_dashboard_lists_its_offers_with_state_and_last_comment(client, use_database, offers, people):
    editor, reviewer = people
    offers.make("Live in Hilden", cities=["hilden"])
    offers.make("Überfällig in Hilden", cities=["hilden"], review_due=timezone.localdate() - timedelta(days=2))
    waiting = offers.make("Wartet in Hilden", cities=["hilden"], publish=False)
    waiting.get_workflow().start(waiting, editor)
    returned = offers.make("Zurück in Hilden", cities=["hilden"], publish=False)
    returned.get_workflow().start(returned, editor)
    state = WorkflowState.objects.get(object_id=str(returned.pk))
    state.current_task_state.task.specific.on_action(
        state.current_task_state.specific, reviewer, "reject", comment="Bitte Zielgruppe ergänzen."
    )
    offers.make("Fremd in Velbert", cities=["velbert"])
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    catalogue = CatalogueIndexPage.objects.get()
    assert f'href="/admin/pages/add/catalogue/offerpage/{catalogue.pk}/"' in html
    assert "Neues Angebot für Hilden" in html
    rows = {
        title: status
        for title, status in re.findall(r">([^<]+ in Hilden)</a></td>\s*<td><span[^>]*data-status=\"(\w+)\"", html)
    }
    assert rows == {
        "Live in Hilden": "live",
        "Überfällig in Hilden": "overdue",
        "Wartet in Hilden": "in_review",
        "Zurück in Hilden": "changes_requested",
    }
    assert "Bitte Zielgruppe ergänzen." in html
    assert "Fremd in Velbert" not in html


def test_fachstelle_dashboard_shows_the_queue_and_overdue_offers_by_city(client, use_database, offers, people):
    editor, reviewer = people
    waiting = offers.make("Wartet auf Prüfung", cities=["hilden"], publish=False)
    waiting.get_workflow().start(waiting, editor)
    overdue = timezone.localdate() - timedelta(days=2)
    offers.make("Alt 1", cities=["hilden"], review_due=overdue)
    offers.make("Alt 2", cities=["hilden", "haan"], review_due=overdue)
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert f'href="/admin/pages/{waiting.pk}/edit/">Wartet auf Prüfung</a>' in html
    hilden, haan = City.objects.get(slug="hilden"), City.objects.get(slug="haan")
    assert f'href="/admin/reports/pruefung-faellig/?cities={hilden.pk}">Hilden</a>: 2' in html
    assert f'href="/admin/reports/pruefung-faellig/?cities={haan.pk}">Haan</a>: 1' in html
    assert "Unsere Angebote" not in html


def test_the_offer_form_has_checkboxes_and_starts_in_the_teams_city(client, use_database, people):
    editor, reviewer = people
    catalogue = CatalogueIndexPage.objects.get()
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/catalogue/offerpage/{catalogue.pk}/").content.decode()
    hilden, district = City.objects.get(slug="hilden"), City.objects.get(slug="kreisweit")
    for name in ("cities", "target_groups", "languages"):
        assert f'type="checkbox" name="{name}"' in html
    assert re.search(rf'type="checkbox" name="cities" value="{hilden.pk}"[^>]*checked', html)
    assert f'name="cities" value="{district.pk}"' not in html  # district-wide is the Fachstelle's
    assert "Kreisweite Angebote trägt die Fachstelle ein" in html  # a help text
    # The main button submits for review; saving a draft is in the menu.
    footer = html[html.index('<nav class="actions actions--primary footer__container"') :]
    main = re.search(r"<button[^>]*>", footer).group(0)
    assert 'name="action-submit"' in main and "Zur Prüfung einreichen" in footer[: footer.index("</button>")]

    client.force_login(reviewer)
    html = client.get(f"/admin/pages/add/catalogue/offerpage/{catalogue.pk}/").content.decode()
    assert f'name="cities" value="{district.pk}"' in html
    footer = html[html.index('<nav class="actions actions--primary footer__container"') :]
    assert 'name="action-submit"' not in re.search(r"<button[^>]*>", footer).group(0)  # she publishes
    assert not re.search(rf'name="cities" value="{hilden.pk}"[^>]*checked', html)
