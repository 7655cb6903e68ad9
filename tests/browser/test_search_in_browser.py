"""A teacher searches on a phone: with and without JavaScript, by keyboard, and the pages pass axe-core."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def catalogue(use_database, offers):
    offers.make("Workshop Zivilcourage für Schulklassen", cities=["hilden"], tags=["Zivilcourage"],
                summary="Eingreifen üben, im Bus und auf dem Schulhof.")
    offers.make("Beratungsstelle gegen Diskriminierung", cities=["velbert"], kind="contact_point")
    offers.make("Fortbildung Rassismuskritik", cities=["kreisweit"], kind="qualification")


def test_search_and_filter_work_without_javascript(live_server, page_without_js, catalogue):
    page = page_without_js
    page.goto(live_server.url + "/angebote/")
    page.get_by_label("Suchbegriff").fill("Workshops")
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/?q=Workshops")
    assert page.locator("#result-count").inner_text() == "1 Angebot"
    page.goto(live_server.url + "/angebote/")
    page.get_by_label("Hilden (2)").check()
    page.get_by_role("button", name="Filter anwenden").click()
    assert page.locator("#result-count").inner_text() == "2 Angebote"
    assert "city=hilden" in page.url


def test_keyboard_only_search_autocomplete_and_open_an_offer(live_server, page, catalogue):
    page.goto(live_server.url + "/angebote/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_label("Suchbegriff").focus()
    page.keyboard.type("Zivil")
    option = page.get_by_role("option", name="Workshop Zivilcourage für Schulklassen")
    option.wait_for()
    assert page.get_by_role("combobox").get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/angebot-*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Workshop Zivilcourage für Schulklassen"


@pytest.mark.parametrize("path", ["/", "/angebote/?q=Beratung&city=hilden&kind=contact_point",
                                  "/angebote/stadt/hilden/", "/angebote/?city=atlantis"])
def test_public_pages_have_no_serious_accessibility_violations(live_server, page, catalogue, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_offer_page_has_no_serious_accessibility_violations(live_server, page, catalogue):
    page.goto(live_server.url + "/angebote/?q=Zivilcourage")
    page.get_by_role("link", name="Workshop Zivilcourage für Schulklassen").click()
    assert axe_violations(page) == []
