"""Template helpers of the knowledge base: article bodies with glossary links."""

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from catalogue.templatetags.catalogue_tags import jsonld_script
from core.public_address import OG_IMAGE, public_url
from knowledge import glossary
from knowledge.indexing import glossary_url
from knowledge.models import GlossaryTerm
from knowledge.structured_data import event_jsonld

register = template.Library()


@register.simple_tag(takes_context=True)
def body_with_glossary_links(context, stream):
    """Render a StreamField and link each glossary term where it first appears."""
    html = stream.render_as_block(context.flatten())
    url = glossary_url()
    if not url:
        return html
    return mark_safe(glossary.link_terms(str(html), GlossaryTerm.objects.all(), url))  # noqa: S308 - parsed and re-serialised by BeautifulSoup


@register.simple_tag(takes_context=True)
def event_structured_data(context, event):
    """The event's schema.org JSON-LD in a script element."""
    request = context["request"]
    data = event_jsonld(event, public_url(request, event.get_url(request)), request)
    data["image"] = public_url(request, static(OG_IMAGE))
    return jsonld_script(data)
