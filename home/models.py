"""The home page: a search box, entry points by target group and city, the newest offers, articles and events."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalogue.models import CatalogueIndexPage, City, OfferPage, TargetGroup
from knowledge.models import ArticlePage, EventPage


class HomePage(Page):
    intro = RichTextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["catalogue.CatalogueIndexPage", "knowledge.KnowledgeIndexPage", "knowledge.GlossaryPage",
                     "knowledge.EventIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CatalogueIndexPage.objects.live().first()
        context["cities"] = City.objects.all()
        context["target_groups"] = TargetGroup.objects.all()
        context["newest_offers"] = (OfferPage.objects.live().public().order_by("-first_published_at")
                                    .prefetch_related("cities")[:6])
        context["articles"] = ArticlePage.objects.live().public().order_by("-first_published_at")[:3]
        context["events"] = (EventPage.objects.live().public().filter(start__gte=timezone.now())
                             .select_related("city").order_by("start")[:3])
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact and legal links shown in every page footer (editable in the admin)."""

    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    imprint_url = models.URLField(_("Impressum (Link)"), blank=True)
    privacy_url = models.URLField(_("Datenschutz (Link)"), blank=True)
    accessibility_url = models.URLField(_("Erklärung zur Barrierefreiheit (Link)"), blank=True)

    panels = [FieldPanel("contact_email"), FieldPanel("imprint_url"), FieldPanel("privacy_url"),
              FieldPanel("accessibility_url")]

    class Meta:
        verbose_name = _("Website-Einstellungen")
