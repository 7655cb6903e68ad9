"""The site's URLs plus ``/bare/``: a JSON view that does nothing, to measure the server's ceiling."""

from django.http import JsonResponse
from django.urls import path
from kreissite.urls import urlpatterns as site_urlpatterns


def bare(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bare/", bare)] + site_urlpatterns
