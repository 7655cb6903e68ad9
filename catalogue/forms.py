"""The offer editing form refuses what a city editor may not save: other cities' or district-wide offers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import is_fachstelle, may_handle_cities, team_cities


class OfferPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        if user is None or is_fachstelle(user):
            return cleaned
        slugs = {city.slug for city in cleaned.get("cities") or []}
        if not may_handle_cities(user, slugs):
            own = ", ".join(sorted(team_cities(user))) or "–"
            self.add_error("cities", ValidationError(
                _("Sie können Angebote nur für Ihre Stadt anlegen (%(own)s); kreisweite Angebote pflegt die "
                  "Fachstelle.") % {"own": own}))
        return cleaned
