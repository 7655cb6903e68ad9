"""Count widget use per partner origin: the web component's API calls and the iframe's page loads."""

from urllib.parse import urlsplit

from .models import WidgetOrigin

MAX_ORIGIN = 200


def partner_origin(request):
    """The partner's origin (scheme://host[:port]) if the request came from another site, else None."""
    origin = request.headers.get("Origin") or _origin_of(request.headers.get("Referer", ""))
    if not origin or len(origin) > MAX_ORIGIN:
        return None
    own = f"{request.scheme}://{request.get_host()}"
    if origin == own or origin == "null":
        return None
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return origin


def _origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def record(request):
    origin = partner_origin(request)
    if origin:
        WidgetOrigin.count(origin)
