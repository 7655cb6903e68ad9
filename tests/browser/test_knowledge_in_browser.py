"""A youth worker uses the site search and the glossary without JavaScript."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_site_search_type_filter_and_glossary_link_without_javascript(site_url, page_without_js):
    page = page_without_js
    page.goto(site_url + "/")
    page.get_by_role("link", name="Suche", exact=True).click()
    page.get_by_label("Suchbegriff").fill("Alltagsrassismus")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Alltagsrassismus")
    page.get_by_label(re.compile(r"^Glossar \(\d+\)$")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    assert "type=glossary" in page.url
    assert page.locator(".results .card__kind").all_text_contents() == ["Glossar"]
    page.locator(".results .card__title a").click()
    page.wait_for_url("**/glossar/#alltagsrassismus")
    assert page.locator("#alltagsrassismus").inner_text().startswith("Alltagsrassismus")


def test_article_links_a_glossary_term_once_and_lists_live_offers(site_url, page_without_js):
    page = page_without_js
    page.goto(site_url + "/wissen/rechtsextreme-codes-erkennen/")
    links = page.locator("a.glossary-link")
    assert links.all_inner_texts() == ["Rechtsextremismus", "88", "Schwarze Sonne"]
    assert page.locator(".offer-list .kern-card").count() == 3
    links.nth(1).click()
    page.wait_for_url("**/glossar/#88")
