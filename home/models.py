"""The home page: a search box, entry points by target group and city, the newest offers, articles and events."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalogue.cards import offer_cards
from catalogue.models import CatalogueIndexPage, City, OfferPage, TargetGroup
from core import routing
from knowledge.models import ArticlePage, EventPage


class HomePage(routing.KeptRestrictionsMixin, Page):
    intro = RichTextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "catalogue.CatalogueIndexPage",
        "knowledge.KnowledgeIndexPage",
        "knowledge.GlossaryPage",
        "knowledge.EventIndexPage",
        "home.InfoPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def route(self, request, path_components):
        # Every public request starts here: the sections under the home page are kept per generation.
        return routing.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CatalogueIndexPage.objects.live().first()
        context["cities"] = City.objects.all()
        context["target_groups"] = TargetGroup.objects.all()
        newest = OfferPage.objects.live().public().order_by("-first_published_at")
        context["newest_cards"] = offer_cards(newest.select_related("provider").prefetch_related("cities")[:6])
        context["articles"] = ArticlePage.objects.live().public().order_by("-first_published_at")[:3]
        context["events"] = (
            EventPage.objects.live()
            .public()
            .filter(start__gte=timezone.now())
            .select_related("city")
            .order_by("start")[:3]
        )
        return context


class InfoPage(routing.KeptRestrictionsMixin, Page):
    """A plain text page: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit, Kontakt.

    Pages marked "in Menüs anzeigen" are linked from every page's footer. The drafts come from a
    migration (``0003_info_pages``) and name in brackets what the operator must still complete.
    """

    body = RichTextField(_("Text"), blank=True)
    body_en = RichTextField(
        _("Text (Englisch)"),
        blank=True,
        help_text=_("Optional; leer bleibt der deutsche Text, als Deutsch ausgezeichnet."),
    )
    title_en = models.CharField(_("Titel (Englisch)"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("title_en"), FieldPanel("body_en")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Informationsseite")
        verbose_name_plural = _("Informationsseiten")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site (name and logo in the header) and the contact address; editable in the admin."""

    operator_name = models.CharField(
        _("Betreiber"),
        max_length=200,
        blank=True,
        default="Kommunales Integrationszentrum Kreis Mettmann",
        help_text=_("Steht unter dem Namen der Website im Kopf und im Fuß."),
    )
    operator_url = models.URLField(_("Website des Betreibers"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Wird im Kopf mit höchstens 48 Pixel Höhe gezeigt; der Alternativtext ist der Name des Betreibers."
        ),
    )
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)

    panels = [FieldPanel("operator_name"), FieldPanel("operator_url"), FieldPanel("logo"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("Website-Einstellungen")
