"""Security headers, the Content Security Policy and rate limits."""

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_send_security_headers(client, use_database):
    response = client.get("/angebote/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp + ";" and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_widget_frame_may_be_framed_by_any_partner(client, use_database):
    response = client.get("/widget/frame/")
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_admin_gets_its_own_policy(client):
    assert "script-src 'self' 'unsafe-inline'" in client.get("/admin/login/")["Content-Security-Policy"]


def test_the_admins_preview_panel_may_frame_the_preview(admin_client, use_database, offers):
    """Wagtail renders the preview through the middleware with a dummy request to the public path; the public
    'none' there left the live preview panel blank."""
    from tests.editorial.forms import offer_form

    offer = offers.make("Vorschau-Workshop", cities=["hilden"])
    form = offer_form("Vorschau-Workshop", slug=offer.slug)
    assert admin_client.post(f"/admin/pages/{offer.pk}/edit/preview/", form).json()["is_valid"]
    response = admin_client.get(f"/admin/pages/{offer.pk}/edit/preview/?in_preview_panel=true")
    assert "Vorschau-Workshop" in response.content.decode()
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_hsts_and_secure_cookies_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/angebote/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/angebote/")


@pytest.mark.parametrize(
    "url", ["/api/v1/offers/", "/api/v1/suggest/?q=ab", "/angebote/", "/feeds/angebote.atom", "/widget/frame/"]
)
def test_searches_are_rate_limited_per_address(client, settings, use_database, url):
    settings.SEARCH_RATE_LIMIT = "3/m"
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get(url, REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]
    assert statuses[:3] == [200] * 3 and statuses[3] == 429
    limited = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert limited["Retry-After"] == "60" and "Zu viele Anfragen" in limited.content.decode()
    assert client.get(url, REMOTE_ADDR="198.51.100.1").status_code == 200  # another address is not affected


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.66", "203.0.113.7", "203.0.113.7"),  # no proxy trusted: the header is the client's own text
        (1, "198.51.100.66, 203.0.113.7", "10.0.0.2", "203.0.113.7"),  # the entry our proxy added, not the forged one
        (1, "203.0.113.7", "10.0.0.2", "203.0.113.7"),
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.3", "10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.2", "10.0.0.2"),  # shorter than the chain: not through our proxies
        (1, "nonsense", "10.0.0.2", "10.0.0.2"),
        (1, "2001:db8:1:2:3:4:5:6", "10.0.0.2", "2001:db8:1:2::/64"),
        (0, "", "::ffff:203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.66", "192.0.2.9", "192.0.2.9"),  # a peer that is not our proxy: its header is ignored
    ],
)
def test_client_address_trusts_only_the_hops_our_proxies_add(rf, settings, proxies, forwarded, remote, expected):
    from core.security import client_address

    settings.TRUSTED_PROXY_COUNT, settings.FORWARDED_ALLOW_IPS = proxies, ["10.0.0.0/8"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address("search", request) == expected


def test_forged_forwarded_for_does_not_dodge_the_search_limit(client, settings, use_database):
    settings.SEARCH_RATE_LIMIT = "3/m"
    settings.TRUSTED_PROXY_COUNT, settings.FORWARDED_ALLOW_IPS = 1, ["10.0.0.2"]
    statuses = [
        client.get(
            "/api/v1/suggest/?q=ab", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7"
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    other = client.get("/api/v1/suggest/?q=ab", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert other.status_code == 200  # another client behind the same proxy has its own count


def test_security_txt_names_the_contact_and_an_expiry(client, settings):
    from datetime import datetime

    from django.utils import timezone

    settings.SECURITY_CONTACT = "mailto:sicherheit@kreis.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:sicherheit@kreis.example"
    assert datetime.fromisoformat(fields["Expires"]) > timezone.now()
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
