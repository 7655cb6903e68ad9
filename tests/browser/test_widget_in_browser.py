"""Both widget variants on a partner page served from another origin, in Debian's Chromium."""

import functools
import http.server
import json
import threading
import urllib.request

import pytest

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
<iframe id="praevention-frame" title="Angebote aus dem Präventionskatalog"
        src="{site}/widget/frame/?city=velbert&limit=3" style="width:100%;border:0"></iframe>
<script>window.addEventListener("message", function (e) {{
  if (e.origin === "{site}" && e.data && e.data.type === "praevention-widget-height") {{
    document.getElementById("praevention-frame").style.height = e.data.height + "px"; }} }});</script>
</main></body></html>"""


@pytest.fixture(scope="module")
def partner_url(site_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(PARTNER_PAGE.format(site=site_url), encoding="utf-8")
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


def test_iframe_on_another_origin_resizes_itself(partner_url, page):
    page.goto(partner_url)
    frame = page.frame_locator("#praevention-frame")
    assert frame.locator("h2 a").count() == 3
    page.wait_for_function("document.getElementById('praevention-frame').style.height.endsWith('px')")
    height = page.evaluate("document.getElementById('praevention-frame').getBoundingClientRect().height")
    content = page.evaluate("document.getElementById('praevention-frame').style.height")
    assert height > 150 and content == f"{int(height)}px"


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
