"""Debian's Chromium driven by Playwright against the site served over real HTTP.

The site runs in its own process on a scratch SQLite database with the demo content, as a newcomer
would see it after ``scripts/run``; the browser tests therefore need no test-database tricks.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
EDITOR = ("redaktion", "Pruefung-und-Freigabe-2026")
CITY_EDITOR = ("hilden", "Redaktion-Hilden-2026")
REVIEWER = ("fachstelle", "Fachstelle-Freigabe-2026")
TEAM_USERS = f"""
from django.contrib.auth.models import Group, User
for (name, password), group in (({CITY_EDITOR!r}, "Redaktion Hilden"), ({REVIEWER!r}, "Fachstelle")):
    user = User.objects.create_user(name, name + "@example.org", password)
    user.groups.add(Group.objects.get(name=group))
"""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    database = folder / "site.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SETTINGS_MODULE": "kreissite.settings.dev",
        "SEARCH_BACKEND": "database",
        "COVERAGE_PUBLIC": "true",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--no-input"],
        ["load_demo_content"],
        ["createsuperuser", "--no-input", "--username", EDITOR[0], "--email", "redaktion@example.org"],
    ):
        subprocess.run(
            manage + command, env={**env, "DJANGO_SUPERUSER_PASSWORD": EDITOR[1]}, check=True, capture_output=True
        )
    subprocess.run(manage + ["shell", "-c", TEAM_USERS], env=env, check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def audit_page(browser):
    """A phone-sized page that lets axe-core be injected: the site's CSP (rightly) blocks inline scripts."""
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (bundled by axe-playwright-python) on the page; WCAG 2.1 A/AA rules."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in impacts
    ]
