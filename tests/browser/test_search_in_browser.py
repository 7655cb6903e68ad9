"""A teacher searches on a phone: with and without JavaScript, by keyboard, and the pages pass axe-core."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_search_and_filter_work_without_javascript(site_url, page_without_js):
    page = page_without_js
    page.goto(site_url + "/angebote/")
    page.get_by_label("Suchbegriff").fill("Workshops Zivilcourage")
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/?q=Workshops+Zivilcourage")
    assert page.locator("#result-count").inner_text() == "10 Angebote"
    page.get_by_label("Hilden (1)").check()
    page.get_by_role("button", name="Filter anwenden").click()
    assert page.locator("#result-count").inner_text() == "1 Angebot"
    assert "city=hilden" in page.url and "q=Workshops+Zivilcourage" in page.url


def test_keyboard_only_search_autocomplete_and_open_an_offer(site_url, page):
    page.goto(site_url + "/angebote/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.get_by_label("Suchbegriff").focus()
    page.keyboard.type("Stolper")
    option = page.get_by_role("option", name="Stolpersteine putzen und erinnern in Velbert")
    option.wait_for()
    assert page.get_by_role("combobox").get_attribute("aria-expanded") == "true"
    # Completed search texts come first, then offer titles: arrow down to the offer, as a keyboard user would.
    options = page.get_by_role("option")
    for _ in range(options.count()):
        page.keyboard.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/stolpersteine-putzen-und-erinnern-in-velbert/")
    assert page.get_by_role("heading", level=1).inner_text() == "Stolpersteine putzen und erinnern in Velbert"


def tab_to(page, selector, presses=120):
    """Press Tab until the first ``selector`` element has the focus, as a keyboard user would; its focus must show."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
            )
            assert style[0] != "none" and style[1] >= 2, f"focus on {selector} is not visible: {style}"
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_keyboard_only_search_filter_change_and_open_an_offer(site_url, page):
    page.goto(site_url + "/angebote/")
    tab_to(page, "#q")
    page.keyboard.type("Beratung")
    page.get_by_role("listbox").wait_for()
    page.keyboard.press("Escape")  # closes the suggestions and keeps the text; Enter then sends the form
    assert page.get_by_role("combobox").get_attribute("aria-expanded") == "false"
    assert page.get_by_role("combobox").input_value() == "Beratung"
    page.keyboard.press("Enter")
    page.wait_for_url("**/angebote/?q=Beratung")
    tab_to(page, ".filter-toggle > summary")  # on a phone the filters sit behind one disclosure
    page.keyboard.press("Enter")
    tab_to(page, "#f-city-hilden")
    page.keyboard.press("Space")
    tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**city=hilden**")
    assert "q=Beratung" in page.url
    title = page.locator(".results .card__title a").first.inner_text()
    tab_to(page, ".results .card__title a")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == title


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/angebote/?q=Beratung&city=hilden&kind=contact_point",
        "/angebote/stadt/hilden/",
        "/angebote/zielgruppe/sportvereine/",
        "/angebote/?city=atlantis",
        "/angebote/basisqualifizierung-rassismuskritik-fuer-lehrkraefte/",
        "/vorschlagen/",
        "/abdeckung/?kind=measure",
        "/wissen/",
        "/wissen/?thema=Schule",
        "/wissen/rechtsextreme-codes-erkennen/",
        "/glossar/",
        "/veranstaltungen/",
        "/veranstaltungen/regionalkonferenz-hilden/",
        "/veranstaltungen/regionalkonferenz-haan/",
        "/suche/?q=Rassismus&type=article&type=glossary",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(site_url, audit_page, path):
    audit_page.goto(site_url + path)
    assert axe_violations(audit_page) == []


def test_submission_form_with_errors_is_accessible_and_keeps_input(site_url, page, audit_page):
    page.goto(site_url + "/vorschlagen/")
    page.get_by_label("Titel des Angebots *").fill("Theaterworkshop")
    page.get_by_role("button", name="Vorschlag senden").click()
    alert = page.get_by_role("alert")
    assert "Bitte prüfen Sie" in alert.inner_text()
    assert "Bitte füllen Sie „Kurzbeschreibung“ aus." in alert.inner_text()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    assert page.get_by_label("Titel des Angebots *").input_value() == "Theaterworkshop"
    audit_page.goto(site_url + "/vorschlagen/")
    audit_page.get_by_role("button", name="Vorschlag senden").click()
    audit_page.get_by_role("alert").wait_for()
    assert axe_violations(audit_page) == []
