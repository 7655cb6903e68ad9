"""The controlled vocabulary of the catalogue: cities, target groups, languages, kinds and formats.

Cities, target groups and languages are snippets editors can maintain; kinds and formats are fixed
choices because code (templates, structured data, the API contract) depends on them.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

DISTRICT_WIDE = "kreisweit"


class OfferKind(models.TextChoices):
    MEASURE = "measure", _("Maßnahme")
    CONTACT_POINT = "contact_point", _("Anlaufstelle")
    QUALIFICATION = "qualification", _("Qualifizierung")


class OfferFormat(models.TextChoices):
    IN_PERSON = "in_person", _("Präsenz")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class TaxonomyTerm(index.Indexed, models.Model):
    """A term with a stable slug (used in URLs, filters and imports), a German and an English label."""

    name = models.CharField(_("Bezeichnung"), max_length=120, unique=True)
    name_en = models.CharField(
        _("Bezeichnung (Englisch)"),
        max_length=120,
        blank=True,
        help_text=_("Für die englische Fassung der Website; leer: die deutsche Bezeichnung."),
    )
    slug = models.SlugField(_("Kürzel"), max_length=60, unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name in the interface language."""
        return localized(self.name, self.name_en)


def localized(name, name_en):
    """The English label in the English interface where there is one, else the German one."""
    return name_en if name_en and (get_language() or "de").startswith("en") else name


localized_lazy = lazy(localized, str)  # for labels computed once and shown in either language


class City(TaxonomyTerm):
    """A city of Kreis Mettmann, or the district as a whole (slug ``kreisweit``)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Stadt")
        verbose_name_plural = _("Städte")

    @property
    def is_district_wide(self):
        return self.slug == DISTRICT_WIDE


class TargetGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class Language(TaxonomyTerm):
    """A language an offer is given in; the slug is its ISO 639-1 code."""

    slug = models.SlugField(_("ISO-639-1-Code"), max_length=2, unique=True)

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (len(self.slug) == 2 and self.slug.isascii() and self.slug.isalpha() and self.slug.islower()):
            raise ValidationError({"slug": _("Bitte einen zweibuchstabigen ISO-639-1-Code angeben, z. B. „de“.")})


class Organisation(index.Indexed, models.Model):
    """The provider of an offer (a club, an agency, a counselling service)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    website = models.URLField(_("Website"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")

    def __str__(self):
        return self.name
