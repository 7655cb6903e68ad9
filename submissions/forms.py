"""The public form "Angebot vorschlagen": what a partner tells us, validated, with a honeypot."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.taxonomy import City, OfferFormat, OfferKind, TargetGroup
from core.text import validate_single_line

HONEYPOT = "homepage"


class OfferSuggestionForm(forms.Form):
    title = forms.CharField(label=_("Titel des Angebots"), max_length=255, validators=[validate_single_line])
    kind = forms.ChoiceField(label=_("Art des Angebots"), choices=OfferKind.choices)
    summary = forms.CharField(label=_("Kurzbeschreibung"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Zwei, drei Sätze: Was passiert, für wen, mit welchem Ziel?"))
    description = forms.CharField(label=_("Ausführliche Beschreibung"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    cities = forms.ModelMultipleChoiceField(label=_("Städte"), queryset=City.objects.all(), to_field_name="slug",
                                            widget=forms.CheckboxSelectMultiple)
    target_groups = forms.ModelMultipleChoiceField(label=_("Zielgruppen"), queryset=TargetGroup.objects.all(),
                                                   to_field_name="slug", widget=forms.CheckboxSelectMultiple)
    format = forms.ChoiceField(label=_("Format"), choices=OfferFormat.choices, initial=OfferFormat.IN_PERSON)
    provider = forms.CharField(label=_("Träger (Organisation)"), max_length=200, validators=[validate_single_line])
    cost = forms.CharField(label=_("Kosten"), max_length=200, required=False, validators=[validate_single_line])
    is_free = forms.BooleanField(label=_("kostenfrei"), required=False)
    contact_name = forms.CharField(label=_("Ansprechperson für Interessierte"), max_length=200, required=False,
                                   validators=[validate_single_line])
    email = forms.EmailField(label=_("E-Mail für Interessierte"), required=False)
    phone = forms.CharField(label=_("Telefon für Interessierte"), max_length=50, required=False,
                            validators=[validate_single_line])
    website = forms.URLField(label=_("Website des Angebots"), required=False, assume_scheme="https")
    submitter_name = forms.CharField(label=_("Ihr Name"), max_length=200, validators=[validate_single_line])
    submitter_email = forms.EmailField(label=_("Ihre E-Mail-Adresse"),
                                       help_text=_("Nur für Rückfragen der Fachstelle; wird nicht veröffentlicht."))
    note = forms.CharField(label=_("Hinweis an die Fachstelle"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_("Ich bin einverstanden, dass die Fachstelle meine Angaben zur Prüfung "
                                         "des Vorschlags speichert und mich bei Rückfragen kontaktiert."))
    homepage = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False,
                               widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def clean_homepage(self):
        if self.cleaned_data.get(HONEYPOT):
            raise ValidationError(_("Dieses Feld muss leer bleiben. Wenn Sie kein Programm sind, leeren Sie es "
                                    "bitte und senden Sie erneut."))
        return ""
