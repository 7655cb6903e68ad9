"""The one public address every absolute URL on a machine interface starts with.

``PUBLIC_BASE_URL`` (e.g. ``https://praevention.kreis-mettmann.de``) when set, else the address the request came
to. API, HSDS, feeds, iCalendar, sitemap, JSON-LD, Open Graph and widget snippets all build their absolute URLs
here, so a harvester never sees two hosts for one page. The Wagtail ``Site`` record follows the setting after
every ``migrate`` (see ``sync_default_site``), so the admin's "view live" links agree too.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

#: The operator's picture for link previews and structured data (static path), used where a page has none.
OG_IMAGE = "img/og-default.png"


def public_base(request=None):
    """``scheme://host[:port]`` without a trailing slash."""
    configured = getattr(settings, "PUBLIC_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return site_address()


def site_address():
    """The default Wagtail Site's root URL (its hostname and port, kept by the operator or ``sync_default_site``)."""
    from django.db import DatabaseError
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # before the first migrate (system checks)
        site = None
    return site.root_url if site else "http://localhost"


def admin_base():
    """The address that links in mails start with (reminders, suggestions, Wagtail's workflow mails).

    ``WAGTAILADMIN_BASE_URL`` when set, else the public address: ``PUBLIC_BASE_URL`` or the default Site. The
    settings make ``WAGTAILADMIN_BASE_URL`` a lazy ``site_address()`` when neither is set, so Wagtail's own mails
    follow the Site record too instead of a loopback address.
    """
    configured = str(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    return configured.rstrip("/") if configured else public_base()


def public_url(request, location="/"):
    """The public absolute URL of one of the site's own locations (a path or an absolute URL of this site)."""
    location = str(location)
    if location.startswith("/") and not location.startswith("//"):
        return public_base(request) + location  # a path already: as splitting and joining it would give it
    parts = urlsplit(location)
    return public_base(request) + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def sync_default_site(**kwargs):
    """post_migrate: make the default Wagtail Site carry the public host and port (the migration made localhost)."""
    configured = getattr(settings, "PUBLIC_BASE_URL", "")
    if not configured:
        return
    from wagtail.models import Site

    parts = urlsplit(configured)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(hostname=parts.hostname, port=port).update(
        hostname=parts.hostname, port=port
    )


def public_sitemap_class():
    """Wagtail's sitemap with every location on the public address (pages otherwise use the Site record)."""
    from wagtail.contrib.sitemaps import Sitemap

    class PublicSitemap(Sitemap):
        def _urls(self, page, protocol, domain):
            urls = super()._urls(page, protocol, domain)
            for url in urls:
                url["location"] = public_url(self.request, url["location"])
            return urls

    return PublicSitemap
