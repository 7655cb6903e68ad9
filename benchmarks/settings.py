"""Settings for the HTTP benchmark: the production settings plus a bare JSON view as the ceiling."""

from kreissite.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
RATELIMIT_ENABLE = False  # the load generator is one address
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
