"""``{% public_url path %}``: an absolute URL on the site's public address, for meta tags and feed links."""

from django import template
from django.templatetags.static import static

from core.public_address import OG_IMAGE
from core.public_address import public_url as absolute

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context, location=None):
    request = context.get("request")
    return absolute(request, location if location is not None else request.get_full_path())


@register.simple_tag(takes_context=True)
def public_static(context, path):
    return absolute(context.get("request"), static(path))


@register.simple_tag(takes_context=True)
def og_image(context):
    return absolute(context.get("request"), static(OG_IMAGE))
