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
    summary = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zwei, drei Sätze: Was passiert, für wen, mit welchem Ziel?"),
    )
    description = forms.CharField(
        label=_("Ausführliche Beschreibung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    cities = forms.ModelMultipleChoiceField(
        label=_("Städte"), queryset=City.objects.all(), to_field_name="slug", widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Zielgruppen"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    format = forms.ChoiceField(label=_("Format"), choices=OfferFormat.choices, initial=OfferFormat.IN_PERSON)
    provider = forms.CharField(
        label=_("Träger (Organisation)"),
        max_length=200,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    cost = forms.CharField(label=_("Kosten"), max_length=200, required=False, validators=[validate_single_line])
    is_free = forms.BooleanField(label=_("kostenlos"), required=False)
    contact_name = forms.CharField(
        label=_("Ansprechperson für Interessierte"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-Mail für Interessierte"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Telefon für Interessierte"),
        max_length=50,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    website = forms.URLField(
        label=_("Website des Angebots"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    submitter_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    submitter_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Nur für Rückfragen der Fachstelle; wird nicht veröffentlicht."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    note = forms.CharField(
        label=_("Hinweis an die Fachstelle"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass die Fachstelle meine Angaben zur Prüfung "
            "des Vorschlags speichert und mich bei Rückfragen kontaktiert."
        ),
        error_messages={
            "required": _(
                "Bitte stimmen Sie zu, dass die Fachstelle Ihre Angaben "
                "zur Prüfung speichert; sonst können wir den "
                "Vorschlag nicht bearbeiten."
            )
        },
    )
    notify = forms.BooleanField(
        label=_("Benachrichtigen Sie mich per E-Mail, wenn das Angebot veröffentlicht ist"),
        required=False,
        help_text=_(
            "Freiwillig. Sie erhalten zuerst eine E-Mail mit einem Bestätigungslink; nur wenn Sie ihn öffnen "
            "und bestätigen, schreiben wir Ihnen einmal, sobald das Angebot veröffentlicht ist."
        ),
    )
    homepage = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.label_from_instance = lambda term: term.label  # English names in the English interface
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "kern-form-input__select")
            elif not isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "kern-form-input__input")
        # Error texts that name the field, so the summary at the top reads on its own.
        for field in self.fields.values():
            if (
                "required" not in field.error_messages
                or field.error_messages["required"] == forms.Field.default_error_messages["required"]
            ):
                field.error_messages["required"] = _("Bitte füllen Sie „%(label)s“ aus.") % {"label": field.label}
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.error_messages["required"] = _("Bitte wählen Sie mindestens eine Angabe bei „%(label)s“.") % {
                    "label": field.label
                }
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = _(
                    "Bitte geben Sie bei „%(label)s“ eine E-Mail-Adresse wie name@beispiel.de an."
                ) % {"label": field.label}
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = _(
                    "Bitte geben Sie bei „%(label)s“ eine Internetadresse wie www.beispiel.de an."
                ) % {"label": field.label}

    def clean_homepage(self):
        if self.cleaned_data.get(HONEYPOT):
            raise ValidationError(
                _(
                    "Dieses Feld muss leer bleiben. Wenn Sie kein Programm sind, leeren Sie es "
                    "bitte und senden Sie erneut."
                )
            )
        return ""
