"""Small site-wide answers browsers and crawlers ask for at fixed addresses."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

from core.public_address import public_url


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Everything public may be crawled; the admin may not; the sitemap lists every page and landing page."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /export/",
        f"Sitemap: {public_url(request, '/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
