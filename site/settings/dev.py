"""Local development (``scripts/run``, ``manage.py``): ``DEBUG`` on, nothing to set."""

import os

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # static files straight from the source folders, no collectstatic
