"""The offer editing form refuses what a city editor may not save: other cities' or district-wide offers."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from .permissions import is_fachstelle, offer_change_refusal, team_cities
from .taxonomy import DISTRICT_WIDE


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fit_cities_to_user()

    def fit_cities_to_user(self):
        """A city team does not get "kreisweit" offered (the Fachstelle's) and a new offer starts in its city."""
        user, field = self.for_user, self.fields.get("cities")
        if user is None or field is None or is_fachstelle(user):
            return
        field.queryset = field.queryset.exclude(slug=DISTRICT_WIDE)
        own = team_cities(user)
        if not self.instance.pk and not self.is_bound and own:
            self.initial["cities"] = list(field.queryset.filter(slug__in=own).values_list("pk", flat=True))

    def clean(self):
        self.leave_computed_expiry_alone()
        cleaned = super().clean()
        user = self.for_user
        if user is None:
            return cleaned
        slugs = {city.slug for city in cleaned.get("cities") or []}
        page = self.instance if self.instance.pk else None
        refusal = offer_change_refusal(user, page, slugs)
        if refusal:
            field, message = refusal
            self.add_error("cities" if field == "cities" else None, ValidationError(message))
        return cleaned

    def save(self, commit=True):
        """Drafts (saved as revisions, not through ``OfferPage.save``) get the computed review and expiry dates too."""
        page = super().save(commit=False)
        page.apply_freshness_rules()
        if commit:
            page.save()
            self.save_m2m()
        return page

    def leave_computed_expiry_alone(self):
        """A dated offer's expiry is computed from its last date on save (``OfferPage.apply_freshness_rules``).
        The form sends the stored value back; Wagtail would refuse it once that date has passed ("must be in the
        future"), so an expiry the editor did not change is neither validated nor written from the form."""
        sent, stored = self.cleaned_data.get("expire_at"), self.instance.expire_at
        if sent and stored and sent.replace(second=0, microsecond=0) == stored.replace(second=0, microsecond=0):
            del self.cleaned_data["expire_at"]


class OfferCopyForm(CopyForm):
    """Copying an offer makes a new offer (without the external id); an alias would have to share that unique id
    and show one offer twice in the catalogue, so the alias option is not offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)
