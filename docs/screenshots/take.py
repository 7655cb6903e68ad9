"""Take the README's screenshots of a running site: ``python docs/screenshots/take.py http://127.0.0.1:8000``.

Home, catalogue, a city page, an offer page and the suggestion form, each at 390 px (a phone, first screen
of 390 × 844) and 1280 px (first screen of 1280 × 900), in Debian's Chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "catalogue": "/angebote/?q=Workshop",
    "city": "/angebote/stadt/hilden/",
    "offer": "/angebote/basisqualifizierung-rassismuskritik-fuer-lehrkraefte/",
    "suggest": "/vorschlagen/",
}
SIZES = {390: 844, 1280: 900}


def main(base):
    folder = Path(__file__).parent
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width, height in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="de-DE", device_scale_factor=1
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(folder / f"{name}-{width}.png"))
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
