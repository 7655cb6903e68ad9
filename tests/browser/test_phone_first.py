"""Phone first: every public page reflows at 320 and 390 CSS px (WCAG 1.4.10), results come first, the menu
works by keyboard and without JavaScript, the footer's legal links resolve, and axe stays clean at both widths."""

import re

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

OFFER = "/angebote/basisqualifizierung-rassismuskritik-fuer-lehrkraefte/"
PUBLIC_PAGES = [
    "/",
    "/angebote/",
    "/angebote/?q=Workshop&city=hilden&free=true",
    "/angebote/stadt/hilden/",
    "/angebote/stadt/kreisweit/",
    "/angebote/zielgruppe/betroffene/",
    OFFER,
    "/angebote/?city=atlantis",
    "/suche/?q=Workshop",
    "/suche/",
    "/wissen/",
    "/wissen/rechtsextreme-codes-erkennen/",
    "/glossar/",
    "/veranstaltungen/",
    "/veranstaltungen/regionalkonferenz-hilden/",
    "/vorschlagen/",
    "/widget/",
    "/abdeckung/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/kontakt/",
]
WIDTHS = [320, 390]


@pytest.fixture
def phone(browser, request):
    """A phone-sized page; axe-core needs the CSP bypassed to be injected (the site runs no inline script)."""
    context = browser.new_context(locale="de-DE", viewport={"width": request.param, "height": 844}, bypass_csp=True)
    yield context.new_page()
    context.close()


def overflow(page):
    """How many CSS pixels the page is wider than the viewport, and the widest offending element."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        let worst = null;
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > width + 1 && (!worst || r.right > worst[1]))
                worst = [el.tagName + '.' + el.className, Math.round(r.right)];
        }
        return [document.documentElement.scrollWidth - width, worst];
    }""")


@pytest.mark.parametrize("phone", WIDTHS, indirect=True)
def test_no_public_page_scrolls_sideways(site_url, phone):
    failures = {}
    for path in PUBLIC_PAGES:
        phone.goto(site_url + path)
        extra, worst = overflow(phone)
        if extra > 0:
            failures[path] = (extra, worst)
    assert failures == {}


@pytest.mark.parametrize("phone", WIDTHS, indirect=True)
def test_the_site_name_does_not_run_under_the_menu_button(site_url, phone):
    """Nothing scrolls sideways, yet a long word can still overflow its own box into the next one."""
    phone.goto(site_url + "/angebote/")
    brand_right = phone.eval_on_selector(
        ".site-brand",
        "e => Math.max(...[e, ...e.querySelectorAll('*')].map(c => c.getBoundingClientRect().left + c.scrollWidth))",
    )
    menu_left = phone.eval_on_selector(".site-menu", "e => e.getBoundingClientRect().left")
    assert brand_right <= menu_left


@pytest.mark.parametrize("phone", WIDTHS, indirect=True)
def test_pages_pass_axe_at_phone_widths(site_url, phone):
    failures = {}
    for path in [
        "/",
        "/angebote/?q=Workshop&city=hilden",
        "/angebote/stadt/hilden/",
        OFFER,
        "/vorschlagen/",
        "/suche/?q=Workshop",
        "/datenschutz/",
        "/angebote/?city=atlantis",
    ]:
        phone.goto(site_url + path)
        violations = axe_violations(phone)
        if violations:
            failures[path] = violations
        phone.locator(".site-menu > summary").click()  # and with the menu open
        violations = axe_violations(phone)
        if violations:
            failures[path + " (menu open)"] = violations
    assert failures == {}


@pytest.mark.parametrize("path", ["/angebote/?q=Workshop", "/angebote/stadt/hilden/", "/suche/?q=Workshop"])
def test_count_and_first_result_on_the_first_screen_of_a_phone(site_url, page, path):
    page.goto(site_url + path)  # 390 × 844
    assert page.locator("#result-count").bounding_box()["y"] < 844
    title = page.locator(".results .kern-card .kern-title").first.bounding_box()
    assert title["y"] + title["height"] <= 844, f"first result ends at {title['y'] + title['height']} px"
    assert not page.locator(".filters").is_visible()  # the filters wait behind their disclosure


def test_filters_sit_behind_one_disclosure_naming_the_active_count(site_url, page):
    page.goto(site_url + "/angebote/?q=Workshop&city=hilden&free=true")
    summary = page.locator(".filter-toggle > summary")
    assert summary.inner_text().strip() == "Filter (2 aktiv)"
    chips = page.get_by_role("list", name="Aktive Filter")
    assert chips.get_by_role("link", name="Hilden entfernen").is_visible()
    chips.get_by_role("link", name="kostenlos entfernen").click()
    page.wait_for_url("**/angebote/?q=Workshop&city=hilden")
    assert page.locator(".filter-toggle > summary").inner_text().strip() == "Filter (1 aktiv)"
    summary = page.locator(".filter-toggle > summary")
    summary.click()
    assert page.get_by_label(re.compile(r"^Hilden \(\d+\)$")).is_checked()


def test_wide_screens_keep_the_side_panel(site_url, browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/angebote/?q=Workshop")
    filters, results = page.locator(".filters").bounding_box(), page.locator(".results").bounding_box()
    assert page.locator(".filters").is_visible() and not page.locator(".filter-toggle > summary").is_visible()
    assert filters["x"] + filters["width"] <= results["x"]  # beside the results, not above them
    assert page.locator(".site-nav--wide").is_visible() and not page.locator(".site-menu").is_visible()
    context.close()


def test_result_cards_say_where_and_when(site_url, page):
    page.goto(site_url + "/angebote/stadt/hilden/")
    cards = page.locator(".results .kern-card")
    texts = cards.all_inner_texts()
    assert any("kreisweites Angebot" in text and "kreisweit" in text for text in texts)
    assert any("Angebot in Hilden" in text for text in texts)
    assert any("nächster Termin:" in text for text in texts)
    assert all(("Präsenz" in text or "Online" in text or "Hybrid" in text) for text in texts)


def test_menu_opens_and_closes_by_keyboard(site_url, page):
    page.goto(site_url + "/")
    menu_link = page.locator(".site-nav--menu").get_by_role("link", name="Angebot vorschlagen")
    assert not menu_link.is_visible()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.site-menu > summary')"):
            break
    else:
        raise AssertionError("the menu button cannot be reached with the Tab key")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert menu_link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Angebote"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not menu_link.is_visible()


def test_menu_works_without_javascript(site_url, browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_text("Menü").click()
    page.locator(".site-nav--menu").get_by_role("link", name="Angebot vorschlagen").click()
    page.wait_for_url("**/vorschlagen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Angebot vorschlagen"
    context.close()


def test_footer_links_resolve_on_every_page_type(site_url, page):
    for path in ["/", "/angebote/", OFFER, "/vorschlagen/", "/suche/?q=Workshop", "/glossar/"]:
        page.goto(site_url + path)
        links = page.locator(".site-footer a")
        names = links.all_inner_texts()
        for expected in ("Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit", "Kontakt"):
            assert expected in names, (path, expected)
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200, href


def test_suggestion_form_links_the_privacy_notice_beside_the_consent(site_url, page):
    page.goto(site_url + "/vorschlagen/")
    consent = page.locator(".field:has(#id_consent)")
    privacy = page.locator("#consent-privacy a")
    assert privacy.inner_text() == "Datenschutzerklärung"
    assert privacy.bounding_box()["y"] - (consent.bounding_box()["y"] + consent.bounding_box()["height"]) < 24
    assert page.request.get(privacy.evaluate("a => a.href")).status == 200
    assert page.get_by_label("Ihre E-Mail-Adresse").get_attribute("autocomplete") == "email"
