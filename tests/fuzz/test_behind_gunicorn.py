"""The site as production serves it: gunicorn, the production settings, DEBUG off, the demo content.

Schemathesis sends requests generated from the OpenAPI document over HTTP, and a junk sweep sends hostile values
to every public page type; no answer may be a server error (finding "done when" of issue 13). The server runs on
its own SQLite database, so the test runs once per test command (in the SQLite run).
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import schemathesis
from django.db import connection
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="its own SQLite-backed server, once per run")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kreissite.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "EMAIL_URL": "consolemail://",
        "PUBLIC_BASE_URL": "https://praevention.example.de",  # production refuses loopback mail links
        "SECURE_COOKIES": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "SEARCH_RATE_LIMIT": "100000/m",
    }
    env.pop("DATABASE_URL_TEST", None)
    manage = [str(BIN / "python"), "manage.py"]
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["load_demo_content"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "kreissite.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(120):
            try:
                if status_of(base + "/api/v1/health/") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError("gunicorn did not answer")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_api_answer_behind_gunicorn_conforms(production_server):
    """Every operation of the OpenAPI document, with generated requests over HTTP (all checks but one: a
    schema-valid request may name a city the data lacks, which is a documented 400)."""
    schema = schemathesis.openapi.from_url(production_server + "/api/v1/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def conforms(case):
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code < 500

        conforms()


JUNK = ["'\"><script>alert(1)</script>", "²", "9" * 40, "-1", "ä" * 300, "%00", "\u202e", "null,null", ""]
PAGES = [
    ("/", "q"),
    ("/angebote/", "q"),
    ("/angebote/", "city"),
    ("/angebote/", "page"),
    ("/angebote/stadt/hilden/", "target_group"),
    ("/suche/", "q"),
    ("/suche/", "type"),
    ("/feeds/angebote.atom", "city"),
    ("/feeds/angebote.ics", "q"),
    ("/export/angebote.csv", "kind"),
    ("/widget/frame/", "limit"),
    ("/api/v1/offers/", "page_size"),
    ("/api/v1/suggest/", "q"),
    ("/api/v1/hsds/services", "modified_after"),
    ("/en/angebote/", "free"),
]


def test_junk_in_every_public_page_type_is_never_a_server_error(production_server):
    failures = []
    for path, parameter in PAGES:
        for value in JUNK:
            url = f"{production_server}{path}?{urllib.parse.urlencode({parameter: value})}"
            status = status_of(url)
            if status >= 500:
                failures.append((status, url))
    assert not failures, failures
