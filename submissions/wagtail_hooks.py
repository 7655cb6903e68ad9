"""The Fachstelle sees who proposed which offer (private: never on the public site), with the draft and its state."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.review import review_status

from .models import Submission


def offer_with_status(submission):
    """The draft offer as a link to its editor, with where it stands in the review ("in Prüfung", ...)."""
    offer = submission.offer
    if offer is None:
        return _("(gelöscht)")
    _key, label = review_status(offer)
    return format_html(
        '<a href="{}">{}</a> ({})',
        reverse("wagtailadmin_pages:edit", args=[offer.pk]),
        offer.get_admin_display_title(),
        label,
    )


def notification_status(submission):
    """Whether the submitter asked to hear of the publication, confirmed it (double opt-in) and was told."""
    if not submission.notify_requested:
        return _("nicht gewünscht")
    if submission.notified_at:
        return _("benachrichtigt am %(date)s") % {"date": f"{timezone.localtime(submission.notified_at):%d.%m.%Y}"}
    if submission.notify_confirmed_at:
        return _("bestätigt am %(date)s, noch nicht veröffentlicht") % {
            "date": f"{timezone.localtime(submission.notify_confirmed_at):%d.%m.%Y}"
        }
    return _("gewünscht, nicht bestätigt (keine Mail)")


class SubmissionInspectView(InspectView):
    def get_offer_display_value(self):
        return offer_with_status(self.object)

    def get_notify_requested_display_value(self):
        return notification_status(self.object)


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = "Vorschläge"
    add_to_admin_menu = True
    menu_order = 220
    list_display = [
        Column("offer", label=gettext_lazy("Angebot (Entwurf) und Stand"), accessor=offer_with_status),
        "name",
        "email",
        "organisation",
        Column("notification", label=gettext_lazy("Benachrichtigung"), accessor=notification_status),
        "created_at",
    ]
    search_fields = ["name", "email", "organisation"]
    form_fields = ["name", "email", "organisation", "note", "notify_requested"]  # untick: consent withdrawn
    inspect_view_enabled = True
    inspect_view_class = SubmissionInspectView
    inspect_view_fields = [
        "offer",
        "name",
        "email",
        "organisation",
        "note",
        "created_at",
        "notify_requested",
        "notify_confirmed_at",
        "notified_at",
    ]


@hooks.register("register_admin_viewset")
def register_submissions():
    return SubmissionViewSet("offer_submissions")
