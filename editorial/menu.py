"""Admin menu entries for the Fachstelle's reports."""

from wagtail.admin.menu import MenuItem

from catalogue.permissions import is_fachstelle


class FachstelleMenuItem(MenuItem):
    """A menu entry only the Fachstelle (and administrators) see."""

    def is_shown(self, request):
        return is_fachstelle(request.user)
