"""Content Security Policy for the whole site, with the few places that need more named in one spot.

Public pages run no inline scripts; the admin (Wagtail) gets inline scripts; the widget iframe may be
framed by any partner site. django-csp builds the header; this middleware only picks the policy.
"""

from csp.middleware import CSPMiddleware

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_REPLACE = {"script-src": ["'self'", "'unsafe-inline'"], "img-src": ["'self'", "data:", "blob:", "https:"]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIXES) and parts.replace is None:
            parts.replace = ADMIN_REPLACE
        return parts


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


def client_address(group, request):
    """The client's address: from the proxy header named by ``RATELIMIT_IP_META_KEY`` when set, else the
    socket's; requests without either (some proxies, test clients) share one bucket rather than fail."""
    from django.conf import settings

    header = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR") or "unknown"


def limit_searches(request):
    """Count one search for the client's address; over ``SEARCH_RATE_LIMIT`` it gets a 429."""
    from django.conf import settings
    from django_ratelimit.core import is_ratelimited
    from django_ratelimit.exceptions import Ratelimited

    if is_ratelimited(request, group="search", key=client_address, rate=settings.SEARCH_RATE_LIMIT, increment=True):
        raise Ratelimited()
