"""Test settings: the base settings with fast hashing and no outside effects."""

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY

SECRET_KEY = DEV_SECRET_KEY
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # static files from the source folders, as in development
WAGTAILADMIN_BASE_URL = "http://testserver"
SEARCH_RATE_LIMIT = HSDS_RATE_LIMIT = "100000/m"  # tests that check a limit set their own
PAGE_CACHE_SECONDS = 0  # the page-cache tests switch it on
