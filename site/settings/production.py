"""Production (the Docker image, ``wsgi.py``): ``DEBUG`` off, secrets from the environment.

Refuses to start without a real ``SECRET_KEY`` and without ``ALLOWED_HOSTS``, so a forgotten variable
fails at once instead of serving with a guessable key or answering every host name.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 32 characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names (comma-separated) in production.")

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
# No SECURE_PROXY_SSL_HEADER: gunicorn sets the scheme from X-Forwarded-Proto only for FORWARDED_ALLOW_IPS
# (gunicorn.conf.py), so a client that reaches gunicorn directly cannot claim HTTPS by sending the header.
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))  # only sent over HTTPS
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", False)  # usually the proxy redirects
