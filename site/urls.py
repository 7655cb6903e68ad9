from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import urlpatterns as api_urls
from core.public_address import public_sitemap_class
from core.security import security_txt
from home.views import favicon, robots_txt
from search.views import site_search
from steering.views import public_coverage

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The language switch changes only a preference cookie, so it needs no CSRF token; that keeps
    # anonymous pages free of per-visitor tokens and therefore cacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("api/v1/", include(api_urls)),
    path("", include("syndication.urls")),
    path("", include("widgets.urls")),
    path("", include("submissions.urls")),
    path("abdeckung/", public_coverage, name="coverage"),
    path("suche/", site_search, name="site_search"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": public_sitemap_class()}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
