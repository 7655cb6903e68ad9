"""Settings shared by every environment, read from the environment.

Not used on its own: ``dev`` (``scripts/run``, ``manage.py``) turns ``DEBUG`` on and needs nothing set,
``production`` (the Docker image, ``wsgi.py``) reads its secrets from the environment and refuses to start
without them, ``test`` is what pytest uses. ``DEBUG`` is off unless ``dev`` turns it on.
"""

import os
from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import lazy

from core.public_address import site_address
from search.config import WAGTAIL_ADMIN_SEARCH

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The key ``dev`` uses; ``production`` refuses it.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 - public on purpose


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "home",
    "catalogue",
    "search",
    "api",
    "syndication",
    "widgets",
    "submissions",
    "editorial",
    "steering",
    "knowledge",
    "operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "core.cache.GenerationPerRequestMiddleware",
    "core.cache.PageCacheUpdateMiddleware",
    "search.degraded.NeverCacheDegradedMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.security.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.routing.SiteMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "core.cache.PageCacheFetchMiddleware",
]

ROOT_URLCONF = "kreissite.urls"
WSGI_APPLICATION = "kreissite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads of one server: with a write-ahead log readers never wait for a writer, and writers
    # queue for the lock from the start of their transaction instead of failing halfway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", transaction_mode="IMMEDIATE", timeout=20
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One shared cache (Redis) when several web containers serve the site: page cache, rate-limit counters.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Parts of every page that change only with the page cache's generation (header, footer; base.html): kept
    # in each process's memory, keyed by the generation, so no network round trip and never stale.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},  # the navigation per path: offer pages are many
    },
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# API search answers, keyed by index version and URL (exact, so only a bound on memory); 0 switches it off.
API_RESULT_CACHE_SECONDS = int(os.environ.get("API_RESULT_CACHE_SECONDS", "300"))
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # sessions survive any one container

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# KERN UX (npm package @kern-ux/native, installed by scripts/run and scripts/test) is served as /static/kern/.
KERN_DIST = BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"
STATICFILES_DIRS = [BASE_DIR / "static", ("kern", KERN_DIST)]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Uploads: the local folder MEDIA_ROOT by default; any Django storage class by name (e.g. S3).
    "default": {"BACKEND": os.environ.get("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Database dumps written by `manage.py backup_database` (a scheduled job); the newest BACKUP_KEEP are kept.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The admin's date pickers show and read German dates for every editor; German input is accepted in the English
# admin too (core/formats/en), ISO dates always.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
FORMAT_MODULE_PATH = ["core.formats"]  # also English display dates as "14 May 2026"

WAGTAIL_SITE_NAME = "Präventionskatalog Kreis Mettmann"
# The public address of the site (scheme://host[:port]); every absolute URL on the API, HSDS, feeds, iCalendar,
# sitemap, structured data and widget snippets starts with it. Empty: the address the request came to.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
# Links in mails (reminders, workflow steps): WAGTAILADMIN_BASE_URL, else PUBLIC_BASE_URL, else the default Site's
# address, read when a mail is written (core/public_address.py), never a loopback address.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or PUBLIC_BASE_URL or lazy(site_address, str)()
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_DOCUMENT_MODEL = "knowledge.KnowledgeDocument"  # with a description, so documents are found by content
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # ASCII addresses; umlauts become ae/oe/ue/ss (catalogue/slugs.py)

# The public API is read-only and open to every origin (partners' widgets).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Search: one interface, two engines (see search/service.py).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
if SEARCH_BACKEND not in {"database", "elasticsearch"}:
    raise ImproperlyConfigured("SEARCH_BACKEND must be 'database' or 'elasticsearch'.")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "offers")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))

# Wagtail's own search (the admin's page and snippet search) keeps no index, whatever SEARCH_BACKEND says:
# see docs/search.md, "The admin's search".
WAGTAILSEARCH_BACKENDS = WAGTAIL_ADMIN_SEARCH

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"timed": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Every scheduled run's outcome is logged, whatever LOG_LEVEL (one line per run).
    "loggers": {"operations": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# Security headers. Public pages run no inline script; see core/security.py for the exceptions.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # the web component's shadow styles, style attributes
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Rate limits per client address (shared between containers through the cache, see CACHES).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "core.security.rate_limited"
# How many proxies in front of the app append to X-Forwarded-For (compose: 1, your TLS proxy). Only the entries
# they add are trusted; 0 keys every limit on the socket's address (see core.security.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The proxies' addresses or networks as gunicorn sees them (gunicorn.conf.py reads the same variable): only
# from these peers are X-Forwarded-Proto (gunicorn) and X-Forwarded-For (rate limits) believed. Never "*".
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "120/m")
# Data protection (docs/data_protection.md): manage.py purge_personal_data applies these every night.
SUBMISSION_RETENTION_DAYS = int(os.environ.get("SUBMISSION_RETENTION_DAYS", "183"))  # after the decision
SEARCH_LOG_DETAIL_DAYS = int(os.environ.get("SEARCH_LOG_DETAIL_DAYS", "90"))  # then only the week is kept
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "730"))
HSDS_RATE_LIMIT = os.environ.get("HSDS_RATE_LIMIT", "120/m")  # every HSDS request (harvesters page through)
SUBMISSION_RATE_LIMIT = os.environ.get("SUBMISSION_RATE_LIMIT", "5/h")
# Opening and confirming the link in a submitter's confirmation mail (guessing a signature is hopeless anyway).
SUBMISSION_CONFIRM_RATE_LIMIT = os.environ.get("SUBMISSION_CONFIRM_RATE_LIMIT", "20/h")

# Mail: one URL, e.g. smtp+tls://user:password@mail.example.de:587 (django-environ's forms; see
# docs/operations.md). Unset, mail is printed to the console; with DEBUG off the startup check refuses that
# unless EMAIL_URL=consolemail:// chooses it on purpose.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
_email = environ.Env.email_url_config(EMAIL_URL or "consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # a hanging mail server must not hang a job
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "praeventionskatalog@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
FACHSTELLE_EMAIL = os.environ.get("FACHSTELLE_EMAIL", "fachstelle@example.org")
# Where to report a vulnerability (/.well-known/security.txt, SECURITY.md): a mailto: or https: address.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT") or f"mailto:{FACHSTELLE_EMAIL}"
SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL", "")

# Freshness: offers are reviewed yearly; stale ones are unpublished after a grace period.
REVIEW_INTERVAL_DAYS = int(os.environ.get("REVIEW_INTERVAL_DAYS", "365"))
REVIEW_GRACE_DAYS = int(os.environ.get("REVIEW_GRACE_DAYS", "90"))

# Steering reports: the coverage report may also be public (/abdeckung/); searches with at most
# FEW_RESULTS results are recorded (no personal data) for the unmet-demand report.
COVERAGE_PUBLIC = env_bool("COVERAGE_PUBLIC", False)
FEW_RESULTS = int(os.environ.get("FEW_RESULTS", "2"))

WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to third parties from the admin (privacy)
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor to wagtail.org: the CSP allows only this site
