"""Whole-page cache for anonymous visitors, emptied when anything public changes.

Django's cache middleware does the work; this module adds two things it lacks: visitors with a session
(editors) are never served or stored, and a *generation* number in the cache key prefix, bumped on
publish, unpublish, move, delete and taxonomy changes, so a published change shows at once everywhere
(the number lives in the shared cache, so every web container sees the bump).
"""

from django.conf import settings
from django.core.cache import cache
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

GENERATION_KEY = "page-cache-generation"
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/i18n/", "/documents/")


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def purge(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "preview" not in request.GET
    )


class _Generational:
    def _prefix(self, request):
        self.key_prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:g{generation()}"
        self.page_timeout = settings.PAGE_CACHE_SECONDS
        self.cache_timeout = settings.PAGE_CACHE_SECONDS


class PageCacheUpdateMiddleware(_Generational, UpdateCacheMiddleware):
    def process_response(self, request, response):
        if not cacheable(request) or getattr(request, "user", None) and request.user.is_authenticated:
            return response
        self._prefix(request)
        return super().process_response(request, response)


class PageCacheFetchMiddleware(_Generational, FetchFromCacheMiddleware):
    def process_request(self, request):
        if not cacheable(request):
            request._cache_update_cache = False
            return None
        self._prefix(request)
        return super().process_request(request)
