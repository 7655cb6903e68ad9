"""The knowledge base: articles ("Wissen"), the glossary, documents, and conferences and qualifications."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.slugs import german_slugify
from catalogue.taxonomy import DISTRICT_WIDE, City, TargetGroup

from . import glossary
from .blocks import ArticleBody, ProgrammeBody


class KnowledgeDocument(AbstractDocument):
    """A Wagtail document with a description, so handouts and results are found by what they contain."""

    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Worum es geht; wird in der Suche gefunden.")
    )
    text = models.TextField(_("Text aus der Datei"), blank=True, editable=False)
    text_of = models.CharField(max_length=255, blank=True, editable=False)  # the file the text was read from

    admin_form_fields = WagtailDocument.admin_form_fields + ("description",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def save(self, *args, **kwargs):
        """Read the file's text once per uploaded file (a replaced file gets a new name)."""
        if self.file and self.text_of != self.file.name:
            from .extract import document_text

            with self.open_file() as handle:
                self.text = document_text(handle, self.file_extension)
            self.text_of = self.file.name
        super().save(*args, **kwargs)


class SectionPage(Page):
    """A top-level section of the site (one of its kind, under the home page) with an introduction."""

    intro = RichTextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


# -- articles ----------------------------------------------------------------------------------
class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class KnowledgeIndexPage(SectionPage):
    """ "Wissen": the articles, filterable by target group and topic without JavaScript."""

    subpage_types = ["knowledge.ArticlePage"]

    class Meta:
        verbose_name = _("Wissen (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at")
            .prefetch_related("target_groups", "tagged_items__tag")
        )
        groups = TargetGroup.objects.filter(articlepage__in=articles).distinct()
        topics = sorted({item.tag.name for a in articles for item in a.tagged_items.all()}, key=str.casefold)
        group, topic = request.GET.get("zielgruppe", ""), request.GET.get("thema", "")
        errors = []
        if group:
            if groups.filter(slug=group).exists():
                articles = articles.filter(target_groups__slug=group)
            else:
                errors.append(_("Unbekannte Zielgruppe: %(value)s.") % {"value": group[:60]})
        if topic:
            if topic in topics:
                articles = articles.filter(tags__name=topic)
            else:
                errors.append(_("Unbekanntes Thema: %(value)s.") % {"value": topic[:60]})
        context.update(
            articles=articles.distinct(),
            target_groups=groups,
            topics=topics,
            selected_group=group,
            selected_topic=topic,
            errors=errors,
        )
        return context


class ArticlePage(Page):
    """A background article: text, quotes, images, documents and live lists of matching offers."""

    summary = models.TextField(_("Kurzbeschreibung"), max_length=500)
    body = StreamField(ArticleBody(), verbose_name=_("Inhalt"))
    target_groups = ParentalManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("Themen"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("target_groups"), FieldPanel("tags")], heading=_("Einordnung")),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")


# -- glossary ----------------------------------------------------------------------------------
class GlossaryCategory(models.TextChoices):
    CODES = "codes", _("Codes und Symbole")
    RACISM = "racism", _("Formen von Rassismus und Diskriminierung")
    EXTREMISM = "extremism", _("Rechtsextremismus")
    PREVENTION = "prevention", _("Prävention und Demokratie")


class GlossaryTerm(index.Indexed, models.Model):
    """A term explained once and linked from articles where it first appears."""

    term = models.CharField(_("Begriff"), max_length=100, unique=True)
    slug = models.SlugField(
        _("Kürzel"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Anker auf der Glossarseite; leer: aus dem Begriff gebildet."),
    )
    variants = models.CharField(
        _("Andere Schreibweisen"),
        max_length=300,
        blank=True,
        help_text=_("Durch Komma getrennt, z. B. Mehrzahl oder Abkürzung; auch sie werden verlinkt."),
    )
    category = models.CharField(_("Bereich"), max_length=20, choices=GlossaryCategory.choices)
    definition = RichTextField(_("Erklärung"), features=["bold", "italic", "link", "ul"])

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("slug")]),
        FieldPanel("variants"),
        FieldPanel("category"),
        FieldPanel("definition"),
    ]
    search_fields = [index.SearchField("term"), index.SearchField("variants"), index.AutocompleteField("term")]

    class Meta:
        verbose_name = _("Glossarbegriff")
        verbose_name_plural = _("Glossar")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def fill_slug(self):
        self.slug = self.slug or german_slugify(self.term)

    @property
    def forms(self):
        """The term and its variants: every spelling linked in articles."""
        return [self.term] + [v.strip() for v in self.variants.split(",") if v.strip()]

    @property
    def letter(self):
        return glossary.initial(self.term)

    def clean(self):
        self.fill_slug()
        if not self.slug:
            raise ValidationError({"slug": _("Bitte ein Kürzel aus Buchstaben oder Ziffern angeben.")})
        clash = GlossaryTerm.objects.exclude(pk=self.pk).filter(slug=self.slug)
        if clash.exists():
            raise ValidationError({"slug": _("Dieses Kürzel hat schon „%(term)s“.") % {"term": clash.first().term}})
        if any(len(form) < 2 for form in self.forms):
            raise ValidationError({"variants": _("Jede Schreibweise braucht mindestens zwei Zeichen.")})


class GlossaryPage(SectionPage):
    """The glossary from A to Z, one anchor per term (the target of links from articles)."""

    subpage_types = []

    class Meta:
        verbose_name = _("Glossar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = glossary.by_letter(GlossaryTerm.objects.all())
        return context


# -- conferences and qualifications ------------------------------------------------------------
class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Regionalkonferenz")
    QUALIFICATION = "qualification", _("Qualifizierung")


class EventIndexPage(SectionPage):
    """The events, and per city which regional conferences took place and which are planned."""

    subpage_types = ["knowledge.EventPage"]

    class Meta:
        verbose_name = _("Veranstaltungen (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        from .overview import city_overview

        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public().select_related("city")
        now = timezone.now()
        context["overview"] = city_overview(events, now)
        context["upcoming"] = [e for e in events.order_by("start") if not e.is_past(now)]
        context["past"] = [e for e in events.order_by("-start") if e.is_past(now)]
        return context


class EventPage(Page):
    """One regional conference or qualification: before it the programme, afterwards its documentation."""

    kind = models.CharField(_("Art"), max_length=20, choices=EventKind.choices, default=EventKind.CONFERENCE)
    city = models.ForeignKey(
        City,
        verbose_name=_("Stadt"),
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("„Kreisweit“ für Veranstaltungen des ganzen Kreises."),
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    organiser = models.CharField(_("Veranstalter"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=500)
    target_groups = ParentalManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True)
    programme = StreamField(ProgrammeBody(), verbose_name=_("Programm"), blank=True)
    registration_url = models.URLField(_("Anmeldung (Link)"), blank=True)
    registration_email = models.EmailField(_("Anmeldung (E-Mail)"), blank=True)
    registration_deadline = models.DateField(_("Anmeldeschluss"), null=True, blank=True)
    results = RichTextField(_("Ergebnisse"), blank=True, help_text=_("Nach der Veranstaltung: was erarbeitet wurde."))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("organiser")]),
        FieldPanel("summary"),
        FieldPanel("target_groups"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_email"), FieldPanel("registration_deadline")],
            heading=_("Anmeldung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("results"),
                InlinePanel("photos", label=_("Foto")),
                InlinePanel("downloads", label=_("Download")),
            ],
            heading=_("Dokumentation"),
        ),
    ]
    parent_page_types = ["knowledge.EventIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("programme"),
        index.SearchField("results"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start.date():
            raise ValidationError({"registration_deadline": _("Der Anmeldeschluss liegt nach dem Beginn.")})

    def is_past(self, now=None):
        return (self.end or self.start) < (now or timezone.now())

    @property
    def past(self):
        return self.is_past()

    @property
    def registration_open(self):
        if self.past or not (self.registration_url or self.registration_email):
            return False
        return not self.registration_deadline or self.registration_deadline >= timezone.localdate()

    @property
    def district_wide(self):
        return self.city.slug == DISTRICT_WIDE


class EventPhoto(Orderable):
    event = ParentalKey(EventPage, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("Bild"), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("Alternativtext"), max_length=250, help_text=_("Was auf dem Bild zu sehen ist (für Screenreader).")
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class EventDownload(Orderable):
    event = ParentalKey(EventPage, related_name="downloads", on_delete=models.CASCADE)
    document = models.ForeignKey(
        KnowledgeDocument, verbose_name=_("Dokument"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("Linktext"), max_length=200, blank=True, help_text=_("Leer: der Titel des Dokuments."))

    panels = [FieldPanel("document"), FieldPanel("label")]
