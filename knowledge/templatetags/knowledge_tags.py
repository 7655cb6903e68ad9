"""Template helpers of the knowledge base: article bodies with glossary links."""

from django import template
from django.utils.safestring import mark_safe

from knowledge import glossary
from knowledge.indexing import glossary_url
from knowledge.models import GlossaryTerm

register = template.Library()


@register.simple_tag(takes_context=True)
def body_with_glossary_links(context, stream):
    """Render a StreamField and link each glossary term where it first appears."""
    html = stream.render_as_block(context.flatten())
    url = glossary_url()
    if not url:
        return html
    return mark_safe(glossary.link_terms(str(html), GlossaryTerm.objects.all(), url))  # noqa: S308 - parsed and re-serialised by BeautifulSoup
