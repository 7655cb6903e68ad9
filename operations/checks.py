"""Startup checks (``manage.py check``, run by the migrate service before web and scheduler start)."""

from django.conf import settings
from django.core.checks import Error, register

CONSOLE_BACKENDS = {"django.core.mail.backends.console.EmailBackend", "django.core.mail.backends.dummy.EmailBackend"}


@register()
def mail_is_sent(app_configs=None, **kwargs):
    """In production mail must leave the stack, unless the operator chose the console on purpose."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in CONSOLE_BACKENDS or settings.EMAIL_URL:
        return []
    return [Error(
        "Mail would only be written to the log (no EMAIL_URL set while DEBUG is off).",
        hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.de:587, or EMAIL_URL=consolemail:// "
             "to keep mail in the log on purpose. See docs/operations.md.",
        id="operations.E001",
    )]
