"""The Fachstelle sees who proposed which offer (private: never on the public site)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Submission


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = "Vorschläge"
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["offer", "name", "email", "organisation", "created_at"]
    search_fields = ["name", "email", "organisation"]
    form_fields = ["name", "email", "organisation", "note"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_submissions():
    return SubmissionViewSet("offer_submissions")
