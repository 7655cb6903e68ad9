"""Admin menu entries for the reports: some for the Fachstelle only, some for every editor with offers."""

from wagtail.admin.menu import MenuItem

from catalogue.permissions import is_fachstelle, team_cities


class FachstelleMenuItem(MenuItem):
    """A menu entry only the Fachstelle (and administrators) see."""

    def is_shown(self, request):
        return is_fachstelle(request.user)


class EditorsMenuItem(MenuItem):
    """A menu entry for the Fachstelle and the city teams (whose reports are narrowed to their offers)."""

    def is_shown(self, request):
        return is_fachstelle(request.user) or bool(team_cities(request.user))
