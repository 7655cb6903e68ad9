"""Startup checks (``manage.py check``, run by the migrate service before web and scheduler start)."""

from django.conf import settings
from django.core.checks import Error, register

CONSOLE_BACKENDS = {"django.core.mail.backends.console.EmailBackend", "django.core.mail.backends.dummy.EmailBackend"}


@register()
def mail_is_sent(app_configs=None, **kwargs):
    """In production mail must leave the stack, unless the operator chose the console on purpose."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in CONSOLE_BACKENDS or settings.EMAIL_URL:
        return []
    return [
        Error(
            "Mail would only be written to the log (no EMAIL_URL set while DEBUG is off).",
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.de:587, or EMAIL_URL=consolemail:// "
            "to keep mail in the log on purpose. See docs/operations.md.",
            id="operations.E001",
        )
    ]


@register()
def links_have_a_public_address(app_configs=None, **kwargs):
    """Mails sent without a request (reminders, workflow steps) link to WAGTAILADMIN_BASE_URL, which follows
    PUBLIC_BASE_URL; in production a loopback address there would send every editor a dead link."""
    base = settings.WAGTAILADMIN_BASE_URL or ""
    if settings.DEBUG or not any(host in base for host in ("127.0.0.1", "localhost", "[::1]")) and base:
        return []
    return [
        Error(
            f"Links in mails would point to {base or 'nowhere'} (PUBLIC_BASE_URL is not set while DEBUG is off).",
            hint="Set PUBLIC_BASE_URL to the site's public address, e.g. https://praevention.kreis-mettmann.de.",
            id="operations.E002",
        )
    ]
