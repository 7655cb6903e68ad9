"""StreamField blocks of articles and event pages.

The offer list block stores catalogue filters, not offers: it asks the search service when the page
is rendered, so an article always shows the live offers that match (the same path as the catalogue).
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from catalogue.taxonomy import City, OfferKind, TargetGroup
from search.query import SearchQuery


class HeadingBlock(blocks.CharBlock):
    class Meta:
        template = "knowledge/blocks/heading.html"
        icon = "title"
        label = _("Zwischenüberschrift")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Zitat"))
    source = blocks.CharBlock(label=_("Quelle"), required=False)

    class Meta:
        template = "knowledge/blocks/quote.html"
        icon = "openquote"
        label = _("Zitat")


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        template = "knowledge/blocks/figure.html"
        icon = "image"
        label = _("Bild")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    label = blocks.CharBlock(label=_("Linktext"), required=False, help_text=_("Leer: der Titel des Dokuments."))

    class Meta:
        template = "knowledge/blocks/document.html"
        icon = "doc-full"
        label = _("Dokument")


class OfferListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Überschrift"), required=False)
    text = blocks.CharBlock(label=_("Suchtext"), required=False, max_length=200)
    city = SnippetChooserBlock(City, label=_("Stadt"), required=False)
    target_group = SnippetChooserBlock(TargetGroup, label=_("Zielgruppe"), required=False)
    kind = blocks.ChoiceBlock(choices=OfferKind.choices, label=_("Art"), required=False)
    tag = blocks.CharBlock(label=_("Schlagwort"), required=False, max_length=100)
    limit = blocks.IntegerBlock(label=_("Höchstens"), default=5, min_value=1, max_value=20)

    class Meta:
        template = "knowledge/blocks/offer_list.html"
        icon = "list-ul"
        label = _("Angebotsliste")
        help_text = _("Zeigt die passenden veröffentlichten Angebote, gefiltert wie im Katalog.")

    @staticmethod
    def params(value):
        """The catalogue's query-string parameters for this block's filters."""
        pairs = [("q", value.get("text") or ""), ("kind", value.get("kind") or ""), ("tag", value.get("tag") or "")]
        pairs += [(name, value[name].slug) for name in ("city", "target_group") if value.get(name)]
        return [(k, v) for k, v in pairs if v]

    def query(self, value):
        params = QueryDict(mutable=True)
        for key, item in self.params(value):
            params.appendlist(key, item)
        params["page_size"] = str(value.get("limit") or 5)
        return SearchQuery.from_params(params)

    def clean(self, value):
        value = super().clean(value)
        errors = {
            name: ValidationError(message) for name, message in self.query(value).errors if name in self.child_blocks
        }
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        from catalogue.cards import offer_cards
        from search.service import search_service

        context = super().get_context(value, parent_context)
        query = self.query(value)
        context["result"] = result = search_service().search(query, record=False) if query.is_valid else None
        context["cards"] = offer_cards([hit.data for hit in result.hits]) if result else []
        context["catalogue_query"] = urlencode(self.params(value))
        return context


class ArticleBody(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3"])
    quote = QuoteBlock()
    image = FigureBlock()
    document = DocumentBlock()
    offers = OfferListBlock()


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("Zeit"), max_length=40, required=False, help_text=_("z. B. 10:00–11:30"))
    title = blocks.CharBlock(label=_("Programmpunkt"))
    speaker = blocks.CharBlock(label=_("Mitwirkende"), required=False)

    class Meta:
        template = "knowledge/blocks/programme_item.html"
        icon = "time"
        label = _("Programmpunkt")


class ProgrammeBody(blocks.StreamBlock):
    item = ProgrammeItemBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])
