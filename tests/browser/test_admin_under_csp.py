"""The Wagtail admin keeps working under the site's Content Security Policy."""

import pytest

from tests.browser.conftest import EDITOR

pytestmark = pytest.mark.browser


def test_editor_logs_in_and_opens_an_offer_without_csp_violations(site_url, page):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").fill(EDITOR[0])
    page.locator("#id_password").fill(EDITOR[1])
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
    page.goto(site_url + "/admin/pages/search/?q=Stolpersteine")
    page.get_by_role("link", name="Stolpersteine putzen und erinnern in Velbert").first.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    page.locator("#id_title").wait_for()
    assert page.locator("#id_title").input_value() == "Stolpersteine putzen und erinnern in Velbert"
    assert violations == []
