"""Hostile text made harmless where it leaves the site: one-line fields, mail subjects, spreadsheet cells.

Kept here so that the public form, the import, mail and every export apply the same rules.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line breaks and the other control characters (tab included) have no place in a name, title or phone number.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
SUBJECT_LENGTH = 150


def validate_single_line(value):
    """Refuse line breaks and control characters (they would end a mail header or break a list)."""
    if CONTROL_CHARACTERS.search(str(value)):
        raise ValidationError(_("Bitte nur eine Zeile ohne Zeilenumbrüche oder Steuerzeichen."), code="single_line")


def mail_subject(template, **values):
    """A mail subject from a translated ``template`` and user-given ``values``: one line, never a header break."""
    text = template % {
        name: " ".join(CONTROL_CHARACTERS.sub(" ", str(value)).split()) for name, value in values.items()
    }
    text = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    return text if len(text) <= SUBJECT_LENGTH else text[: SUBJECT_LENGTH - 1] + "…"
