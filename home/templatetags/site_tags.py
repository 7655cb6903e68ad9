"""Site identity and language helpers used by every public template."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from wagtail.images.models import SourceImageIOError

from core.cache import generation, per_generation
from home.models import InfoPage, SiteSettings

register = template.Library()


def _english():
    return (get_language() or "de").startswith("en")


@register.simple_tag(takes_context=True)
def site_settings(context):
    request = context.get("request")
    return SiteSettings.for_request(request) if request is not None else SiteSettings()


@register.simple_tag
def cache_generation():
    """The page cache's generation: base.html keys the header's and footer's cached parts by it."""
    return generation()


@register.simple_tag
def site_name():
    return gettext("Präventionskatalog Kreis Mettmann")


@register.simple_tag
def site_logo(image):
    """The operator's logo at most 48 px high; its alternative text is left to the name beside it."""
    try:
        rendition = image.get_rendition("height-96")
    except (SourceImageIOError, OSError):
        return ""
    return format_html(
        '<img class="site-brand__logo" src="{}" alt="" height="48" width="{}">',
        rendition.url,
        round(rendition.width * 48 / max(rendition.height, 1)),
    )


@register.simple_tag
def footer_pages():
    """The information pages marked for menus (Impressum, Datenschutz, Barrierefreiheit, Kontakt)."""
    return _footer_pages()


@per_generation
def _footer_pages():
    # Every public page shows them; publishing, unpublishing or moving a page starts a new generation.
    return list(InfoPage.objects.live().public().in_menu().order_by("path"))


@register.simple_tag
def page_title(page):
    """The page's title in the interface language where an English one exists (information pages)."""
    specific = getattr(page, "specific_deferred", page)
    if _english() and getattr(specific, "title_en", ""):
        return specific.title_en
    return page.title


@register.simple_tag
def de_lang():
    """``lang="de"`` for German content shown inside the English interface (WCAG 3.1.2), else nothing."""
    return mark_safe(' lang="de"') if _english() else ""


@register.filter
def date_and_time(value):
    """ "14. Mai 2026, 14:00" / "14 May 2026, 14:00" in local time (Django's German format has no comma)."""
    if not value:
        return ""
    value = template_localtime(value)
    return f"{date_filter(value, 'DATE_FORMAT')}, {date_filter(value, 'H:i')}"


@register.filter
def weekday_datetime(value):
    """ "Donnerstag, 14. Mai 2026, 14:00" / "Thursday, 14 May 2026, 14:00", in local time."""
    if not value:
        return ""
    return f"{date_filter(template_localtime(value), 'l')}, {date_and_time(value)}"


@register.simple_tag
def info_page_url(slug):
    """The address of the live information page with this slug (e.g. "datenschutz"), or "" if there is none."""
    page = InfoPage.objects.live().filter(slug=slug).first()
    return page.url if page else ""
