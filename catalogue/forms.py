"""The offer editing form refuses what a city editor may not save: other cities' or district-wide offers."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from .permissions import offer_change_refusal


class OfferPageForm(WagtailAdminPageForm):
    def clean(self):
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


class OfferCopyForm(CopyForm):
    """Copying an offer makes a new offer (without the external id); an alias would have to share that unique id
    and show one offer twice in the catalogue, so the alias option is not offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("alias", None)
