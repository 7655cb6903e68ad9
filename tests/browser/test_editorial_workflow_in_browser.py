"""A Hilden editor goes from login to a submitted offer (with a German date), the Fachstelle from her dashboard
through the live preview and a request for changes, the editor resubmits, the Fachstelle publishes, and a visitor
finds the offer. The walk also takes the screenshots of docs/editing.md (the city team's dashboard, the offer form):
into the test's own folder, or into docs/screenshots/ with ``UPDATE_SCREENSHOTS=1``.
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import CITY_EDITOR, REVIEWER

pytestmark = pytest.mark.browser
TITLE = "Kochkurs gegen Vorurteile in Hilden"
COMMENT = "Bitte nennen Sie, für wen der Kurs gedacht ist."
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def desk(browser):
    """A desktop-sized admin page (the editors work at a desk; the screenshots show that view)."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def log_in(page, site_url, credentials):
    page.context.clear_cookies()
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(credentials[0])
    page.locator("#id_password").fill(credentials[1])
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")


def main_button(page):
    return page.locator("footer .actions--primary .w-dropdown-button > button").first


@pytest.fixture
def screenshots(tmp_path):
    return DOCS_SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path


def test_city_editor_submits_fachstelle_asks_for_changes_then_publishes(site_url, desk, screenshots):
    page = desk

    # The city editor: the dashboard made for the team, "Neues Angebot" for Hilden.
    log_in(page, site_url, CITY_EDITOR)
    panel = page.locator("#our-offers-content")
    assert panel.get_by_role("link", name="Neues Angebot für Hilden").is_visible()
    page.screenshot(path=str(screenshots / "city-team-dashboard.png"), full_page=True)
    panel.get_by_role("link", name="Neues Angebot für Hilden").click()
    page.wait_for_url("**/admin/pages/add/catalogue/offerpage/*/")

    # The form: Hilden already ticked, checkboxes for target groups, a date typed the German way.
    assert page.get_by_role("checkbox", name="Hilden").is_checked()
    assert page.get_by_role("checkbox", name="Kreisweit").count() == 0
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Gemeinsam kochen, Geschichten teilen, Vorurteile abbauen.")
    page.get_by_role("checkbox", name="Kinder und Jugendliche").check()
    page.get_by_role("button", name="Termin hinzufügen").click()
    start = page.locator("#id_dates-0-start")
    start.fill("20.01.2027 18:00")
    page.locator("#id_postcode").click()  # leave the field
    assert start.input_value() == "20.01.2027 18:00"  # kept, not replaced by the current time
    # The picker stays open over the form after typing; hidden for the pictures only.
    page.evaluate("document.querySelectorAll('.xdsoft_datetimepicker').forEach(e => e.style.display = 'none')")
    show(page, "#id_cities", block="center")
    page.screenshot(path=str(screenshots / "offer-form.png"))
    show(page, "#id_dates-0-start", block="center")
    page.screenshot(path=str(screenshots / "offer-form-dates.png"))
    assert main_button(page).inner_text().strip() == "Zur Prüfung einreichen"
    main_button(page).click()
    page.locator(".messages").filter(has_text="zur Prüfung eingereicht").wait_for()
    edit_link = page.locator(".messages a", has_text="Bearbeiten").first.get_attribute("href")
    page_id = edit_link.rstrip("/").split("/")[-2]
    page.goto(f"{site_url}/admin/pages/{page_id}/edit/")
    assert page.locator("#id_dates-0-start").input_value() == "20.01.2027 18:00"

    # The Fachstelle: from the review queue on her dashboard to the offer, its live preview, a request for changes.
    log_in(page, site_url, REVIEWER)
    page.locator("#review-queue-content").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="Vorschau").first.click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.get_by_role("heading", level=1, name=TITLE).wait_for()
    open_actions(page)
    page.locator('button[data-workflow-action-name="reject"]').first.click()
    page.locator('textarea[name="comment"]').fill(COMMENT)
    page.locator(".modal").get_by_role("button", name="Änderungen anfordern").click()
    page.locator(".messages").filter(has_text=TITLE).wait_for()

    # The city editor sees the comment on the dashboard and in the form, changes the offer and resubmits.
    log_in(page, site_url, CITY_EDITOR)
    row = page.locator("#our-offers-content tr", has_text=TITLE)
    assert "Änderungen angefordert" in row.inner_text() and COMMENT in row.inner_text()
    row.get_by_role("link", name=TITLE).click()
    assert COMMENT in page.locator("blockquote").first.inner_text()
    page.locator("#id_summary").fill("Gemeinsam kochen und reden: für Jugendliche ab 14 Jahren.")
    assert main_button(page).inner_text().strip() == "Erneut zur Prüfung einreichen"
    main_button(page).click()
    page.locator(".messages").filter(has_text="zur Prüfung eingereicht").wait_for()

    # The Fachstelle publishes; the message says so.
    log_in(page, site_url, REVIEWER)
    page.goto(f"{site_url}/admin/pages/{page_id}/edit/")
    approve = page.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    if not approve.first.is_visible():
        open_actions(page)
    approve.first.click()
    page.locator(".messages").filter(has_text="wurde veröffentlicht").wait_for()

    page.context.clear_cookies()
    page.goto(site_url + "/angebote/?q=Kochkurs+Vorurteile")
    assert page.locator("#result-count").inner_text() == "1 Angebot"
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE


def show(page, selector, block="start"):
    """Scroll the admin's form (its own scrolling area) so that ``selector`` is in view for a screenshot."""
    page.locator(selector).first.evaluate(f"el => el.scrollIntoView({{block: '{block}'}})")


def open_actions(page):
    page.locator("footer .w-dropdown__toggle").last.click()  # "Mehr Aktionen"
