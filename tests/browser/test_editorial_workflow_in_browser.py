"""An editor of Hilden creates and submits an offer in the Wagtail admin, the Fachstelle approves it, and
a visitor finds it in the public search."""

import pytest

from tests.browser.conftest import CITY_EDITOR, REVIEWER

pytestmark = pytest.mark.browser
TITLE = "Kochkurs gegen Vorurteile in Hilden"


def log_in(page, site_url, credentials):
    page.context.clear_cookies()
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(credentials[0])
    page.locator("#id_password").fill(credentials[1])
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")


def test_editor_submits_fachstelle_approves_visitor_finds(site_url, page):
    log_in(page, site_url, CITY_EDITOR)
    page.goto(site_url + "/admin/pages/add/catalogue/offerpage/" + catalogue_id(page, site_url) + "/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Gemeinsam kochen, Geschichten teilen, Vorurteile abbauen.")
    page.locator('select[name="cities"]').select_option(label="Hilden")
    page.locator("footer .w-dropdown__toggle").first.click()  # "Mehr Aktionen"
    page.get_by_role("button", name="Zur Prüfung einreichen").click()
    edit_link = page.locator(".messages a", has_text="Bearbeiten").first.get_attribute("href")
    page_id = edit_link.rstrip("/").split("/")[-2]

    log_in(page, site_url, REVIEWER)
    page.goto(f"{site_url}/admin/pages/{page_id}/edit/")
    approve = page.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    if not approve.first.is_visible():
        page.locator("footer .w-dropdown__toggle").last.click()  # "Mehr Aktionen"
    approve.first.click()
    page.locator(".messages").filter(has_text=TITLE).wait_for()

    page.context.clear_cookies()
    page.goto(site_url + "/angebote/?q=Kochkurs+Vorurteile")
    assert page.locator("#result-count").inner_text() == "1 Angebot"
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE


def catalogue_id(page, site_url):
    page.goto(site_url + "/admin/pages/")
    link = page.locator('a[href*="/admin/pages/"][href$="/"]', has_text="Angebote").first
    href = link.get_attribute("href")
    return href.rstrip("/").split("/")[-1]
