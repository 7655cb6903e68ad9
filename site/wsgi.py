"""WSGI entry point: ``kreissite.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreissite.settings.production")

application = get_wsgi_application()
