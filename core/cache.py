"""Whole-page cache for anonymous visitors, emptied when anything public changes.

Django's cache middleware does the work; this module adds two things it lacks: visitors with a session
(editors) are never served or stored, and a *generation* token in the cache key prefix, replaced whenever
something public changes (``home/signals.py``), so a published change shows at once everywhere (the token
lives in the shared cache, so every web container sees it). Values every request needs but only editors
change (taxonomy, synonyms) are kept per generation, too (``per_generation``).

A request reads the generation once (``GenerationPerRequestMiddleware``): a page asks for it about ten times,
each a round trip to Redis in production, and a page rendered while another process purges is then stored
under the generation it was rendered in, which that purge has already made stale.
"""

import contextvars
import functools
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.translation import get_language

from .batch import collecting, defer

GENERATION_KEY = "page-cache-generation"
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/i18n/", "/documents/")


# The generation this request has read (a one-item list once read), or None outside a request.
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)


def generation():
    """A token that changes with every purge, and when the cache itself was emptied; read once per request."""
    read = _request_generation.get()
    if read is None:
        return _shared_generation()
    if not read:
        read.append(_shared_generation())
    return read[0]


def _shared_generation():
    return cache.get_or_set(GENERATION_KEY, _new_token, timeout=None)


class GenerationPerRequestMiddleware:
    """The first middleware: everything one request keeps or looks up per generation uses the same one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = _request_generation.set([])
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(scope)


def purge(**kwargs):
    """Start a new generation: every cached page is stale from now on.

    Once now, for this request, and once more when the transaction commits: a page another process
    renders in between still shows the old content and must not outlive the commit. Inside ``one_purge``
    once at the end of the block instead.
    """
    defer(_purge, None)


def _purge(_items):
    _bump()
    transaction.on_commit(_bump)


# For code that publishes many pages in one transaction (an import): one new generation at the end of the
# block instead of two cache writes per page, none if the block raises.
one_purge = collecting


def _bump():
    token = _new_token()
    cache.set(GENERATION_KEY, token, timeout=None)
    if (read := _request_generation.get()) is not None:  # the purging request sees its own change from now on
        read[:] = [token]


def _new_token():
    return uuid.uuid4().hex


def per_generation(function):
    """Keep ``function()``'s value in this process until the next purge.

    For what every search reads but only editors change through saves that purge (taxonomy, synonyms).
    The token is read before computing, so a value computed during a purge is never kept past it.
    """
    entry = None

    @functools.wraps(function)
    def current():
        nonlocal entry
        token = generation()
        if entry is None or entry[0] != token:
            entry = (token, function())
        return entry[1]

    return current


def per_generation_and_language(function):
    """Keep ``function()``'s value per language of the request until the next purge: for labels, which are
    lazy and would be translated again each time they are read."""
    kept = per_generation(dict)

    @functools.wraps(function)
    def current():
        values, language = kept(), get_language()
        if language not in values:
            values[language] = function()
        return values[language]

    return current


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
        self.key_prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:{generation()}"
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
