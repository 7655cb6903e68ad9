"""Both widget variants on a partner page served from another origin, in Debian's Chromium."""

import functools
import http.server
import json
import re
import threading
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PARTNER_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Gesamtschule Velbert – Präventionsangebote</title>
<style>body {{ font-family: Georgia, serif; color: rgb(10, 20, 30); }}
praevention-angebote {{ --pk-accent: rgb(120, 0, 60); --pk-font: Georgia, serif; }}
h3 {{ color: rgb(0, 128, 0); }}</style></head>
<body><main><h1>Unsere Partner gegen Rassismus</h1>
<h2>Web-Komponente</h2>
<script src="{site}/static/widgets/praevention-widget.js" defer></script>
<praevention-angebote city="velbert" limit="3" search="true" facets="true"></praevention-angebote>
<h2>iframe</h2>
{frame_snippet}
<h2>Noch ein iframe</h2>
{second_frame}
</main></body></html>"""


def snippets(site_url):
    """The iframe snippets exactly as the builder hands them out (two of them, as a partner might paste)."""
    import html

    def frame_snippet(query):
        page = urllib.request.urlopen(f"{site_url}/widget/?{query}").read().decode()
        textarea = re.search(r'<textarea id="snippet-frame"[^>]*>(.*?)</textarea>', page, re.S).group(1)
        return html.unescape(textarea)

    return {
        "frame_snippet": frame_snippet("city=velbert&limit=3&search=true"),
        "second_frame": frame_snippet("city=hilden&limit=2&lang=en"),
    }


@pytest.fixture(scope="module")
def partner_url(site_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(PARTNER_PAGE.format(site=site_url, **snippets(site_url)), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()


def api(site_url, query):
    with urllib.request.urlopen(f"{site_url}/api/v1/offers/?{query}") as response:
        return json.load(response)


def test_web_component_on_another_origin(site_url, partner_url, page):
    expected = api(site_url, "city=velbert&page_size=3")
    page.goto(partner_url)
    widget = page.locator("praevention-angebote")
    titles = widget.locator("h3 a")
    titles.first.wait_for()
    assert widget.get_by_role("status").inner_text() == f"{expected['count']} Angebote"
    assert titles.all_inner_texts() == [r["title"] for r in expected["results"]]
    assert titles.first.get_attribute("href") == expected["results"][0]["url"]
    # The partner's colours come in through custom properties; its own h3 rule does not leak in.
    assert titles.first.evaluate("a => getComputedStyle(a).color") == "rgb(120, 0, 60)"
    assert widget.locator("h3").first.evaluate("h => getComputedStyle(h).color") != "rgb(0, 128, 0)"
    # Keyboard: search inside the widget.
    widget.get_by_label("Angebote durchsuchen").fill("Stolpersteine")
    page.keyboard.press("Enter")
    widget.get_by_role("status").filter(has_text="1 Angebot").wait_for()
    assert titles.all_inner_texts() == ["Stolpersteine putzen und erinnern in Velbert"]
    # A facet narrows the list (OR within, AND with the preset city).
    widget.get_by_label("Angebote durchsuchen").fill("")
    page.keyboard.press("Enter")
    widget.get_by_role("status").filter(has_text=f"{expected['count']} Angebote").wait_for()
    narrowed = api(site_url, "city=velbert&kind=contact_point&page_size=3")
    widget.get_by_label("Art").select_option("contact_point")
    widget.get_by_role("status").filter(has_text=f"{narrowed['count']} Angebote").wait_for()
    assert titles.all_inner_texts() == [r["title"] for r in narrowed["results"]]


FRAMES = "iframe[data-praevention-widget]"


def frame_heights(page):
    return page.evaluate(f"[...document.querySelectorAll('{FRAMES}')].map(f => f.style.height)")


def test_two_iframes_on_another_origin_each_fit_their_content(partner_url, page):
    page.goto(partner_url)
    first, second = page.frame_locator(FRAMES).nth(0), page.frame_locator(FRAMES).nth(1)
    first.locator("h2 a").first.wait_for()
    second.locator("h2 a").first.wait_for()
    assert first.locator("h2 a").count() == 3 and second.locator("h2 a").count() == 2
    assert second.locator("html").get_attribute("lang") == "en"  # the partner's choice, the browser says de-DE
    page.wait_for_function(f"[...document.querySelectorAll('{FRAMES}')].every(f => f.style.height.endsWith('px'))")
    tall, short = (int(h[:-2]) for h in frame_heights(page))
    assert tall != short  # each frame got its own height, not the last message's
    # A search with one hit inside the first frame: it shrinks, and keeps its limit.
    first.get_by_label("Angebote durchsuchen").fill("Stolpersteine")
    first.get_by_label("Angebote durchsuchen").press("Enter")
    first.get_by_role("status").filter(has_text="1 Angebot").wait_for()
    page.wait_for_function(f"parseInt(document.querySelector('{FRAMES}').style.height) < {tall}")
    first.get_by_label("Angebote durchsuchen").fill("")
    first.get_by_label("Angebote durchsuchen").press("Enter")
    first.locator("h2 a").nth(2).wait_for()
    assert first.locator("h2 a").count() == 3  # limit=3 survived the frame's own search
    page.wait_for_function(f"parseInt(document.querySelector('{FRAMES}').style.height) === {tall}")


def test_web_component_shows_its_preset_city_with_the_right_count(site_url, partner_url, page):
    expected = api(site_url, "city=velbert&page_size=3")
    page.goto(partner_url)
    widget = page.locator("praevention-angebote")
    widget.locator("h3 a").first.wait_for()
    assert widget.get_by_label("Stadt").input_value() == "velbert"
    velbert = next(f for f in expected["facets"]["city"] if f["value"] == "velbert")
    assert widget.get_by_label("Stadt").locator("option:checked").inner_text() == f"Velbert ({velbert['count']})"
    assert velbert["count"] == expected["count"]


def test_builder_fits_a_phone_copies_code_and_previews_live(site_url, page):
    page.goto(site_url + "/widget/?city=hilden")
    page.locator("praevention-angebote h3 a").first.wait_for()
    # Nothing of the builder reaches past a phone's width (the site header is the layout's business).
    assert page.evaluate(
        "[...document.querySelectorAll('main *')].every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)"
    )
    page.get_by_label("Stadt").select_option("velbert")  # no click on "Vorschau aktualisieren"
    expect(page.locator("#snippet-component")).to_have_value(re.compile('city="velbert"'))
    assert "city=velbert" in page.locator("#snippet-frame").input_value()
    page.locator("praevention-angebote[city=velbert] h3 a").first.wait_for()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.get_by_role("button", name="Code kopieren").first.click()
    page.get_by_role("status").filter(has_text="Code kopiert.").wait_for()


def test_partner_page_with_both_widgets_is_accessible(partner_url, audit_page):
    audit_page.goto(partner_url)
    audit_page.locator("praevention-angebote h3 a").first.wait_for()
    assert axe_violations(audit_page) == []


def test_widget_builder_works_under_the_csp_and_is_accessible(site_url, page, audit_page):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url + "/widget/?city=hilden&search=true&facets=true")
    page.locator("praevention-angebote h3 a").first.wait_for()
    page.frame_locator("iframe").locator("h2 a").first.wait_for()
    assert violations == []
    audit_page.goto(site_url + "/widget/?city=hilden&search=true&facets=true")
    audit_page.locator("praevention-angebote h3 a").first.wait_for()
    assert axe_violations(audit_page) == []


def test_web_component_corrects_a_misspelt_search_and_offers_the_text_as_typed(site_url, partner_url, page):
    expected = api(site_url, "city=velbert&page_size=3&q=Stolbersteine")
    assert expected["corrected_from"] == "Stolbersteine" and expected["count"] == 1  # the API corrects it
    page.goto(partner_url)
    widget = page.locator("praevention-angebote")
    widget.locator("h3 a").first.wait_for()
    widget.get_by_label("Angebote durchsuchen").fill("Stolbersteine")
    page.keyboard.press("Enter")
    widget.get_by_role("status").filter(has_text="1 Angebot").wait_for()
    assert widget.locator(".correction").inner_text() == (
        f"Ergebnisse für {expected['searched_for']}. Stattdessen nach „Stolbersteine“ suchen"
    )
    assert widget.locator("h3 a").all_inner_texts() == [r["title"] for r in expected["results"]]
    widget.get_by_role("button", name="Stattdessen nach „Stolbersteine“ suchen").click()
    widget.get_by_role("status").filter(has_text="Keine Angebote gefunden.").wait_for()
    assert widget.locator(".correction").inner_text() == ""
