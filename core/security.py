"""Content Security Policy for the whole site, with the few places that need more named in one spot.

Public pages run no inline scripts; the admin (Wagtail) gets inline scripts; the widget iframe may be
framed by any partner site. django-csp builds the header; this middleware only picks the policy.
"""

import functools
import ipaddress

from csp.middleware import CSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# The admin frames its own pages (live preview, choosers): 'self' there, 'none' everywhere else.
ADMIN_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-ancestors": ["'self'"],
}


# Wagtail renders a preview through the whole middleware stack with a dummy request to the page's public path
# (``is_dummy``); its header is the one the admin's preview panel gets, so it must allow the admin to frame it.
PREVIEW_REPLACE = {"frame-ancestors": ["'self'"]}


def is_preview(request):
    return getattr(request, "is_dummy", False) or getattr(request, "is_preview", False)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.replace is None:
            if request.path.startswith(ADMIN_PREFIXES):
                parts.replace = ADMIN_REPLACE
            elif is_preview(request):
                parts.replace = PREVIEW_REPLACE
        return parts

    def process_response(self, request, response):
        framed_by_admin = request.path.startswith(ADMIN_PREFIXES) or is_preview(request)
        if framed_by_admin and response.get("X-Frame-Options") == "DENY":
            response["X-Frame-Options"] = "SAMEORIGIN"  # the same rule for browsers that ignore frame-ancestors
        return super().process_response(request, response)


def rate_limited(request, exception):
    """The answer to a client over its rate limit: 429 with a clear message, JSON for the API."""
    from django.http import HttpResponse, JsonResponse

    message = "Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann erneut."
    if request.path.startswith("/api/"):
        response = JsonResponse({"errors": [{"parameter": "", "message": message}]}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "60"
    return response


@functools.lru_cache(maxsize=256)
def is_trusted_proxy(address, allowed):
    """Whether ``address`` is in ``allowed`` (addresses or networks, as gunicorn's ``forwarded_allow_ips``)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def client_address(group, request):
    """The client's address as the rate limits key it (django-ratelimit's ``key`` signature).

    Behind ``TRUSTED_PROXY_COUNT`` proxies, each appends the address it saw to ``X-Forwarded-For``, so the
    client is the entry the outermost trusted proxy added: the n-th from the right. The header counts only
    when the peer is one of ``FORWARDED_ALLOW_IPS``, the list gunicorn trusts for the scheme, so a client
    that reaches gunicorn directly is keyed by its own address. Everything left of it
    was written by the client and is ignored. Without trusted proxies (or with a header shorter than the
    chain, or a malformed entry) the socket's address counts. IPv6 clients are keyed by their /64 network,
    which one household or server can rotate within.
    """
    from django.conf import settings

    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops > 0 and is_trusted_proxy(address, tuple(getattr(settings, "FORWARDED_ALLOW_IPS", ()))):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return request.META.get("REMOTE_ADDR") or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def limit_requests(request, group, rate):
    """Count one request of ``group`` for the client's address; over ``rate`` it raises ``Ratelimited`` (429)."""
    from django_ratelimit.core import is_ratelimited
    from django_ratelimit.exceptions import Ratelimited

    if is_ratelimited(request, group=group, key=client_address, rate=rate, increment=True):
        raise Ratelimited()


def limit_searches(request):
    """Count one search for the client's address; over ``SEARCH_RATE_LIMIT`` it gets a 429."""
    from django.conf import settings

    limit_requests(request, "search", settings.SEARCH_RATE_LIMIT)


def security_txt(request):
    """``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability (see SECURITY.md)."""
    from datetime import timedelta

    from django.conf import settings
    from django.http import HttpResponse
    from django.utils import timezone

    from .public_address import public_url

    # Regenerated on every request, so it never lapses; the contact itself comes from the settings.
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat()}",
        "Preferred-Languages: de, en",
        f"Canonical: {public_url(request, '/.well-known/security.txt')}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
