"""A partner proposes an offer: a draft enters the review workflow and the Fachstelle is told (after commit)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from catalogue.importing import save_offer
from catalogue.models import CatalogueIndexPage, OfferPage
from core.mail import send_after_commit
from core.public_address import admin_base
from core.security import client_address, limit_requests
from core.text import mail_subject
from editorial.teams import responsible_editor

from .forms import OfferSuggestionForm
from .models import Submission
from .notification import LinkRefused, confirm, find_confirmable, request_confirmation


def suggest_offer(request):
    form = OfferSuggestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        limited = is_ratelimited(
            request, group="submission", key=client_address, rate=settings.SUBMISSION_RATE_LIMIT, increment=True
        )
        if limited:
            form.is_valid()  # keep every typed value and show its own errors too
            form.add_error(
                None,
                _(
                    "Von Ihrer Adresse kamen gerade sehr viele Vorschläge. Bitte versuchen Sie es in "
                    "einer Stunde erneut – Ihre Eingaben bleiben hier erhalten."
                ),
            )
            status = 429
        elif form.is_valid():
            create_draft(form.cleaned_data)
            thanks_url = reverse("submissions:thanks")
            return redirect(f"{thanks_url}?bestaetigen=1" if form.cleaned_data["notify"] else thanks_url)
        else:
            status = 400
    return render(request, "submissions/suggest.html", {"form": form}, status=status)


def thanks(request):
    return render(request, "submissions/thanks.html", {"confirmation_sent": "bestaetigen" in request.GET})


@never_cache  # per visitor and state, and the rate limit must count every visit
def confirm_notification(request, pk, token):
    """The link in the confirmation mail: a page with a button, and the button confirms.

    Opening the link changes nothing (mail scanners open links on their own); only the POST confirms.
    """
    limit_requests(request, "submission-confirm", settings.SUBMISSION_CONFIRM_RATE_LIMIT)
    template = "submissions/confirm_notification.html"
    try:
        submission = find_confirmable(pk, token)
    except LinkRefused as refused:
        return render(request, template, {"refused": str(refused)}, status=400)
    if request.method == "POST":
        confirm(submission)
        return render(request, template, {"confirmed": True})
    already = submission.notify_confirmed_at is not None
    return render(request, template, {"confirmed": already})


@transaction.atomic
def create_draft(data):
    """The proposal as a draft offer in the review workflow, the private record of who proposed it, and the
    Fachstelle's notice (sent once all is saved).

    The submitter gets no thank-you mail: their address is not verified, and a mail to any address with their own
    text in it would make the form a mail relay. The thanks page confirms instead. Only when they ask to hear of
    the publication, one mail with fixed text asks them to confirm (notification.py).
    """
    # The provider stays text on the submission until the Fachstelle picks or creates it in the page editor:
    # an Organisation is public (HSDS), and spam must not create one.
    fields = (
        "title",
        "summary",
        "kind",
        "format",
        "description",
        "cost",
        "is_free",
        "contact_name",
        "email",
        "phone",
        "website",
    )
    values = {
        **{name: data[name] for name in fields},
        "cities": list(data["cities"]),
        "target_groups": list(data["target_groups"]),
    }
    page = save_offer(CatalogueIndexPage.objects.get(), None, values, publish=False, user=None)
    # The city team's responsible editor owns it (reminders reach the team); otherwise the approving Fachstelle
    # member will (editorial/ownership.py). The revision stays anonymous: the editor did not write it.
    page.owner = responsible_editor(city.slug for city in values["cities"])
    OfferPage.objects.filter(pk=page.pk).update(owner=page.owner)
    workflow = page.get_workflow()
    if workflow:
        workflow.start(page, user=None)
    submission = Submission.objects.create(
        offer=page,
        name=data["submitter_name"],
        email=data["submitter_email"],
        organisation=data["provider"],
        note=data["note"],
        notify_requested=data["notify"],
        notify_language=translation.get_language() if data["notify"] else "",
    )
    notify_fachstelle(page, data)
    if data["notify"]:
        request_confirmation(submission)
    return page


def notify_fachstelle(offer, data):
    edit_url = f"{admin_base()}/admin/pages/{offer.pk}/edit/"
    send_after_commit(
        subject=mail_subject(_("Neuer Angebotsvorschlag: %(title)s"), title=offer.title),
        message=_(
            "%(name)s (%(organisation)s) schlägt ein Angebot vor:\n\n%(title)s\n%(summary)s\n\n"
            "Hinweis: %(note)s\n\nZur Prüfung: %(url)s"
        )
        % {
            "name": data["submitter_name"],
            "organisation": data["provider"],
            "title": offer.title,
            "summary": offer.summary,
            "note": data["note"] or "–",
            "url": edit_url,
        },
        recipient_list=[settings.FACHSTELLE_EMAIL],
    )
