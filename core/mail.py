"""Mail that a request asks for, sent after its transaction commits and never failing the request."""

import logging

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(*, subject, message, recipient_list):
    """Queue a mail for when the current transaction commits (at once outside one).

    The data is already saved when the mail goes out, so a refused or failing mail server is logged and
    the visitor still gets their answer: a retry would only create duplicates.
    """

    def send():
        try:
            send_mail(subject=subject, message=message, from_email=None, recipient_list=recipient_list)
        except Exception:  # SMTP errors, refused headers, an unreachable server: all are logged, none is raised
            logger.exception("Mail „%s“ an %s wurde nicht verschickt.", subject, ", ".join(recipient_list))

    transaction.on_commit(send)
