"""German page addresses: ä → ae, ö → oe, ü → ue, ß → ss, in Python (import, form) and in the admin's slug field.

Django's ``slugify`` and Wagtail's admin drop the umlaut's dots ("fur", "fuballturnier"); a German reader
expects "fuer" and "fussballturnier".
"""

from django.utils.text import slugify

UMLAUTS = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss"), ("ẞ", "SS")]


def german_slugify(text):
    for umlaut, replacement in UMLAUTS:
        text = text.replace(umlaut, replacement)
    return slugify(text)


def use_german_slugs_in_admin():
    """Every slug field in Wagtail's forms (pages, snippets) transliterates German first (``formatters``)."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.admin.widgets import SlugInput

    class GermanSlugInput(SlugInput):
        def __init__(self, attrs=None, formatters=None, locale=None):
            super().__init__(attrs=attrs, formatters=list(UMLAUTS) + list(formatters or []), locale=locale)

    register_form_field_override(models.SlugField, override={"widget": GermanSlugInput})
