from django.urls import path, re_path

from .errors import api_not_found
from .views import api

urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", api_not_found)]
