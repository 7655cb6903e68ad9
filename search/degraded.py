"""Answers from the fallback engine are never cached, so visitors get the real engine's answers as soon as it is
back: not the page cache, not the API result cache, not a browser or proxy (``Cache-Control: no-store``).

The service marks the request when it falls back; the middleware turns the mark into never-cache headers
before the page cache middleware decides whether to store the response.
"""

import contextvars

from django.utils.cache import add_never_cache_headers

_degraded = contextvars.ContextVar("search_degraded", default=False)


def mark():
    """The answer being built comes (in part) from the fallback engine."""
    _degraded.set(True)


def marked():
    return _degraded.get()


class NeverCacheDegradedMiddleware:
    """Place it after the page cache's update middleware, so its headers are set before that one looks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _degraded.set(False)
        try:
            response = self.get_response(request)
            if _degraded.get():
                add_never_cache_headers(response)
            return response
        finally:
            _degraded.reset(token)
