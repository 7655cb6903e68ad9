"""Wagtail's site and page routing, kept per page-cache generation.

On every request Wagtail finds the Site (one query), loads its root page and then each page on the path
(one query for the child and one for its specific type per level). Sites and the pages under the root change
only through saves and publishing that start a new generation (``core.cache.purge``, home/signals.py), so a
process keeps them per generation; each request routes through its own copy of a kept page, never through
the shared instance (Django copies a model's state and related-object caches with it).
"""

import copy

from django.http import Http404
from django.http.request import split_domain_port
from django.utils.deprecation import MiddlewareMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from .cache import per_generation

MAX_HOSTS = 64  # kept sites per process; hosts beyond it (ALLOWED_HOSTS = "*") are looked up each time


@per_generation
def _sites():
    return {}


def site_for(hostname, port):
    """The Site that answers ``hostname:port`` (Wagtail's rules), or None; from the sites kept this generation."""
    sites = _sites()
    key = (hostname, port)
    if key not in sites:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        if site is not None:
            site.root_page = site.root_page.specific  # loaded once here, copied per request by ``route``
        if len(sites) >= MAX_HOSTS:
            return site
        sites[key] = site
    return sites[key]


@per_generation
def _children():
    return {}


def child_page(page, slug):
    """A copy of the child of ``page`` with this slug (specific, live or not), or None; for a site's root page,
    whose children are few."""
    children = _children()
    if page.pk not in children:
        children[page.pk] = {child.slug: child for child in page.get_children().specific()}
    child = children[page.pk].get(slug)
    if child is None:
        return None
    child = copy.copy(child)
    child._cached_parent_obj = copy.copy(page)  # treebeard's get_parent() uses it instead of a query
    return child


def route(page, request, path_components):
    """``Page.route`` of a site's root page with its children kept per generation (same answers, no queries)."""
    if not path_components:
        return Page.route(copy.copy(page), request, path_components)  # a RouteResult of this copy, or Http404
    child = child_page(page, path_components[0])
    if child is None:
        raise Http404
    return child.route(request, path_components[1:])


@per_generation
def _any_view_restrictions():
    return PageViewRestriction.objects.exists()


class KeptRestrictionsMixin:
    """For page models: Wagtail checks a page's view restrictions with two queries on every request; while no
    page has one (restrictions purge the page cache when saved or deleted), the answer is known."""

    def get_view_restrictions(self):
        if not _any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SiteMiddleware(MiddlewareMixin):
    """Gives Wagtail's page view the request's Site from the sites kept this generation (a query each time else)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views  # not at import: it loads the page model, and home.models imports this module

        if view_func is views.serve and not hasattr(request, "_wagtail_site"):
            # As Site.find_for_request does: the raw host, so ALLOWED_HOSTS is checked by Django, not here.
            request._wagtail_site = site_for(split_domain_port(request._get_raw_host())[0], request.get_port())
