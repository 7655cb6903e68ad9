"""Startup checks: production refuses to keep mail in the log by accident or to mail links to itself."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from operations.checks import links_have_a_public_address, mail_is_sent

CONSOLE = "django.core.mail.backends.console.EmailBackend"


def test_production_without_email_url_is_refused(settings):
    settings.DEBUG, settings.EMAIL_BACKEND, settings.EMAIL_URL = False, CONSOLE, ""
    assert [e.id for e in mail_is_sent()] == ["operations.E001"]
    with pytest.raises(SystemCheckError, match="EMAIL_URL"):
        call_command("check")


def test_console_mail_chosen_on_purpose_or_in_development_is_allowed(settings):
    settings.DEBUG, settings.EMAIL_BACKEND, settings.EMAIL_URL = False, CONSOLE, "consolemail://"
    assert mail_is_sent() == []
    settings.DEBUG, settings.EMAIL_URL = True, ""
    assert mail_is_sent() == []


def test_smtp_mail_passes(settings):
    settings.DEBUG, settings.EMAIL_BACKEND = False, "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_URL = "smtp+tls://user:pw@mail.example.de:587"
    assert mail_is_sent() == []


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://localhost:8000", ""])
def test_production_links_need_a_public_address(settings, base):
    settings.DEBUG, settings.WAGTAILADMIN_BASE_URL = False, base
    assert [e.id for e in links_have_a_public_address()] == ["operations.E002"]


def test_a_public_address_passes(settings):
    settings.DEBUG, settings.WAGTAILADMIN_BASE_URL = False, "https://praevention.kreis-mettmann.de"
    assert links_have_a_public_address() == []


def test_mail_is_configured_by_one_url():
    """EMAIL_URL alone sets backend, host, port, user, password and TLS (production settings, fresh process)."""
    import os
    import subprocess
    import sys

    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
        "s.EMAIL_USE_TLS)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")} | {
        "DJANGO_SETTINGS_MODULE": "kreissite.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "praevention.example.de",
        "EMAIL_URL": "smtp+tls://kreis:geheim@mail.example.de:587",
    }
    result = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.de",
        "587",
        "kreis",
        "geheim",
        "True",
    ]
