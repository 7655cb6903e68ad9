"""Offers are Wagtail pages (revisions, previews, workflow) under one catalogue index page."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.routing import KeptRestrictionsMixin

from .forms import OfferCopyForm, OfferPageForm
from .permissions import OfferPermissionTester
from .public_fields import address_lines
from .review import ReviewFeedbackPanel
from .taxonomy import City, Language, OfferFormat, OfferKind, Organisation, TargetGroup

__all__ = [
    "CatalogueIndexPage",
    "OfferDate",
    "OfferPage",
    "OfferTag",
    "City",
    "Language",
    "Organisation",
    "TargetGroup",
    "OfferKind",
    "OfferFormat",
]


class OfferTag(TaggedItemBase):
    content_object = ParentalKey("catalogue.OfferPage", related_name="tagged_items", on_delete=models.CASCADE)


class OfferDate(Orderable):
    """One date of an offer (a course day, an event); an offer may have none or many."""

    offer = ParentalKey("catalogue.OfferPage", related_name="dates", on_delete=models.CASCADE)
    start = models.DateTimeField(_("Beginn"), help_text=_("Datum und Uhrzeit, z. B. 20.01.2027 18:00."))
    end = models.DateTimeField(
        _("Ende"), null=True, blank=True, help_text=_("Leer lassen, wenn nur der Beginn bekannt ist.")
    )

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


class OfferPage(KeptRestrictionsMixin, Page):
    """A prevention measure, contact point or qualification: everything a teacher needs to act."""

    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=500,
        help_text=_("Zwei, drei Sätze: Was passiert, für wen, mit welchem Ziel? Erscheint in den Trefferlisten."),
    )
    description = RichTextField(_("Beschreibung"), blank=True)
    kind = models.CharField(
        _("Art"),
        max_length=20,
        choices=OfferKind.choices,
        default=OfferKind.MEASURE,
        help_text=_(
            "Maßnahme: Workshop, Projekt, Veranstaltung. Anlaufstelle: Beratung, an die man sich wendet. "
            "Qualifizierung: Fortbildung für Fachkräfte."
        ),
    )
    format = models.CharField(_("Format"), max_length=20, choices=OfferFormat.choices, default=OfferFormat.IN_PERSON)
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("Zielgruppen"),
        blank=True,
        help_text=_("Für wen ist das Angebot? Danach filtern Lehrkräfte, Eltern und Vereine im Katalog."),
    )
    cities = ParentalManyToManyField(
        City,
        verbose_name=_("Städte"),
        blank=True,
        help_text=_(
            "Wo findet das Angebot statt oder für welche Städte gilt es? Kreisweite Angebote trägt die Fachstelle ein."
        ),
    )
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("Sprachen"),
        blank=True,
        help_text=_("In welchen Sprachen wird das Angebot durchgeführt? Leer: Deutsch."),
    )
    tags = ClusterTaggableManager(through=OfferTag, blank=True, verbose_name=_("Schlagwörter"))
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("Träger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
        help_text=_("Die Organisation, die das Angebot macht. Fehlt sie in der Liste, bitten Sie die Fachstelle."),
    )
    cost = models.CharField(
        _("Kosten"), max_length=200, blank=True, help_text=_("Als Text, z. B. „5 € pro Person, ermäßigt 3 €“.")
    )
    is_free = models.BooleanField(
        _("kostenfrei"), default=False, help_text=_("Ankreuzen, wenn die Teilnahme nichts kostet (Filter im Katalog).")
    )
    age_min = models.PositiveSmallIntegerField(
        _("Alter von"), null=True, blank=True, help_text=_("In Jahren; leer, wenn es keine Untergrenze gibt.")
    )
    age_max = models.PositiveSmallIntegerField(
        _("Alter bis"), null=True, blank=True, help_text=_("In Jahren; leer, wenn es keine Obergrenze gibt.")
    )
    barrier_free = models.BooleanField(
        _("barrierefreier Ort"), null=True, blank=True, help_text=_("Leer lassen, wenn unbekannt.")
    )
    contact_name = models.CharField(
        _("Ansprechperson"),
        max_length=200,
        blank=True,
        help_text=_("Für Interessierte; wird veröffentlicht. Nur mit Einverständnis der Person."),
    )
    email = models.EmailField(_("E-Mail"), blank=True, help_text=_("Für Interessierte; wird veröffentlicht."))
    phone = models.CharField(
        _("Telefon"), max_length=50, blank=True, help_text=_("Für Interessierte; wird veröffentlicht.")
    )
    website = models.URLField(_("Website"), blank=True, help_text=_("Mit https://, z. B. https://www.beispiel.de."))
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    registration_url = models.URLField(
        _("Anmeldung (Link)"), blank=True, help_text=_("Wo man sich anmeldet; leer, wenn keine Anmeldung nötig ist.")
    )
    external_id = models.CharField(
        _("Externe ID"), max_length=100, unique=True, null=True, blank=True, help_text=_("Stabile Kennung für Importe.")
    )
    last_reviewed = models.DateField(_("zuletzt geprüft"), default=timezone.localdate)
    review_due = models.DateField(
        _("prüfen bis"), null=True, blank=True, help_text=_("Leer: zwölf Monate nach der letzten Prüfung.")
    )

    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []
    base_form_class = OfferPageForm
    exclude_fields_in_copy = ["external_id"]  # unique: a copy is a new offer, not the imported one
    copy_form_class = OfferCopyForm

    content_panels = (
        [ReviewFeedbackPanel(heading=_("Rückmeldung der Fachstelle"))]
        + Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
            MultiFieldPanel(
                [
                    FieldPanel("cities", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("tags"),
                ],
                heading=_("Einordnung"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("provider"),
                    FieldRowPanel([FieldPanel("cost"), FieldPanel("is_free")]),
                    FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                    FieldPanel("barrier_free"),
                ],
                heading=_("Rahmen"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                    FieldPanel("website"),
                    FieldPanel("registration_url"),
                ],
                heading=_("Kontakt"),
            ),
            MultiFieldPanel(
                [FieldPanel("street"), FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")])],
                heading=_("Adresse"),
            ),
            InlinePanel("dates", heading=_("Termine"), label=_("Termin")),
        ]
    )
    promote_panels = Page.promote_panels + [FieldPanel("external_id")]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_due")])], heading=_("Aktualität")
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")

    def permissions_for_user(self, user):
        """Wagtail's permissions, narrowed for city teams to their own city's offers (``permissions.py``)."""
        return OfferPermissionTester(user, self)

    def save(self, *args, **kwargs):
        self.apply_freshness_rules()
        return super().save(*args, **kwargs)

    def apply_freshness_rules(self):
        """Review due twelve months after the last review; dated offers expire after their last date."""
        if self.last_reviewed and not self.review_due:
            self.review_due = self.last_reviewed + timedelta(days=settings.REVIEW_INTERVAL_DAYS)
        ends = [d.end or d.start for d in self.dates.all()]
        if ends:
            self.expire_at = max(ends)

    @property
    def is_stale(self):
        return bool(self.review_due and self.review_due < timezone.localdate())

    def clean(self):
        super().clean()
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValidationError({"age_max": _("Das Höchstalter liegt unter dem Mindestalter.")})

    @property
    def address_lines(self):
        return address_lines(self.street, self.postcode, self.town)

    @property
    def age_range(self):
        if self.age_min is None and self.age_max is None:
            return ""
        if self.age_max is None:
            return _("ab %(min)s Jahren") % {"min": self.age_min}
        if self.age_min is None:
            return _("bis %(max)s Jahre") % {"max": self.age_max}
        return _("%(min)s–%(max)s Jahre") % {"min": self.age_min, "max": self.age_max}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = self.get_parent().specific
        return context


class CatalogueIndexPage(KeptRestrictionsMixin, RoutablePageMixin, Page):
    """The catalogue: full-text search with filters, and landing pages per city and target group."""

    intro = RichTextField(_("Einleitung"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.OfferPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("Katalog")

    def render_results(self, request, *, heading=None, preset=None, landing_city=None):
        from .views import catalogue_context

        context = self.get_context(request)
        context.update(catalogue_context(request, preset=preset, landing_city=landing_city))
        context["heading"] = heading or self.title
        context["landing_city"] = landing_city
        response = self.render(request, context_overrides=context)
        if context["query"].errors:
            response.status_code = 400
        return response

    def get_sitemap_urls(self, request=None):
        """The catalogue and its landing pages per city and target group."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        urls += [
            {"location": f"{base}stadt/{slug}/", "lastmod": self.last_published_at}
            for slug in City.objects.values_list("slug", flat=True)
        ]
        urls += [
            {"location": f"{base}zielgruppe/{slug}/", "lastmod": self.last_published_at}
            for slug in TargetGroup.objects.values_list("slug", flat=True)
        ]
        return urls

    @path("")
    def catalogue(self, request):
        return self.render_results(request)

    @path("stadt/<slug:slug>/")
    def city(self, request, slug):
        city = get_object_or_404(City, slug=slug)
        if city.is_district_wide:
            heading = _("Kreisweite Angebote")
        else:
            heading = _("Angebote in %(name)s") % {"name": city.label}
        return self.render_results(request, heading=heading, preset={"city": [city.slug]}, landing_city=city)

    @path("zielgruppe/<slug:slug>/")
    def target_group(self, request, slug):
        group = get_object_or_404(TargetGroup, slug=slug)
        heading = _("Angebote für %(name)s") % {"name": group.label}
        return self.render_results(request, heading=heading, preset={"target_group": [group.slug]})
