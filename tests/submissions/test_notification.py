"""The submitter hears of the publication only if they ticked the box and confirmed their address (double opt-in)."""

import io
import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import WorkflowState

from catalogue.models import OfferPage
from submissions.models import Submission
from submissions.notification import confirmation_token
from tests.submissions.test_suggest_offer import GOOD

pytestmark = pytest.mark.django_db

SUBMITTER = GOOD["submitter_email"]
LINK = re.compile(r"https?://\S+/vorschlagen/benachrichtigung/\d+/\S+/")


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.SUBMISSION_RATE_LIMIT = "100/h"
    settings.PUBLIC_BASE_URL = "https://praevention.example.org"
    cache.clear()


@pytest.fixture
def propose(client, django_capture_on_commit_callbacks):
    def propose(notify=True, **changes):
        data = {**GOOD, **changes}
        if notify:
            data["notify"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/vorschlagen/", data)
        assert response.status_code == 302
        return Submission.objects.get(offer__title=data["title"])

    return propose


def to_submitter(address=SUBMITTER):
    return [m for m in mail.outbox if m.to == [address]]


def link_path(message):
    return urlsplit(LINK.search(message.body).group(0)).path


def publish(offer, user, django_capture_on_commit_callbacks):
    """Approve the suggestion's review as the Fachstelle would: the offer goes live."""
    state = WorkflowState.objects.get(object_id=str(offer.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.task.specific.on_action(state.current_task_state, user, "approve")
    assert OfferPage.objects.get(pk=offer.pk).live


def republish(offer, django_capture_on_commit_callbacks):
    offer = OfferPage.objects.get(pk=offer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        offer.save_revision().publish()


def test_unticked_box_sends_the_submitter_nothing_ever(propose, admin_user, django_capture_on_commit_callbacks):
    submission = propose(notify=False)
    assert not submission.notify_requested
    assert ["fachstelle@example.org"] in [m.to for m in mail.outbox] and not to_submitter()
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    assert not to_submitter()


def test_ticked_box_sends_one_confirmation_with_fixed_text_only(client, propose):
    submission = propose()
    assert client.get("/vorschlagen/danke/?bestaetigen=1").content.decode().count("Bestätigungslink") == 1
    [confirmation] = to_submitter()
    assert submission.notify_requested and submission.notify_confirmed_at is None
    text = confirmation.subject + confirmation.body
    typed = {key: value for key, value in GOOD.items() if isinstance(value, str) and len(value) > 3}
    for key, value in typed.items():
        assert value not in text, f"{key} typed by the visitor is in the mail"
    for word in ("Theater", "Lea", "Ausgrenzung", "Langenfeld"):
        assert word not in text
    assert "Benachrichtigung bestätigen" in text
    assert LINK.search(confirmation.body).group(0).startswith("https://praevention.example.org/vorschlagen/")


def test_the_link_shows_a_button_and_the_button_confirms(client, propose):
    submission = propose()
    path = link_path(to_submitter()[0])
    page = client.get(path)
    assert page.status_code == 200 and "Benachrichtigung bestätigen" in page.content.decode()
    assert Submission.objects.get(pk=submission.pk).notify_confirmed_at is None  # a mail scanner's visit is not consent
    done = client.post(path)
    assert done.status_code == 200 and "Sie haben die Benachrichtigung bestätigt" in done.content.decode()
    confirmed_at = Submission.objects.get(pk=submission.pk).notify_confirmed_at
    assert confirmed_at is not None
    assert client.post(path).status_code == 200  # a second click changes nothing
    assert Submission.objects.get(pk=submission.pk).notify_confirmed_at == confirmed_at
    assert len(to_submitter()) == 1


def refused(client, path):
    response = client.post(path)
    assert response.status_code == 400
    return response.content.decode()


def test_forged_foreign_and_expired_links_are_refused_clearly(client, propose, monkeypatch):
    mine = propose()
    other_person = propose(title="Ein anderer Vorschlag", submitter_email="max@example.org")
    same_person = propose(title="Noch ein Vorschlag")
    unticked = propose(notify=False, title="Ohne Benachrichtigung")
    token = confirmation_token(mine)

    assert "ungültig" in refused(client, f"/vorschlagen/benachrichtigung/{mine.pk}/{token[:-2]}xx/")
    assert "ungültig" in refused(client, f"/vorschlagen/benachrichtigung/{mine.pk}/1:forged:token/")
    assert "ungültig" in refused(client, f"/vorschlagen/benachrichtigung/{other_person.pk}/{token}/")
    assert "ungültig" in refused(client, f"/vorschlagen/benachrichtigung/{same_person.pk}/{token}/")
    assert "keine Benachrichtigung" in refused(client, f"/vorschlagen/benachrichtigung/{unticked.pk}/{token}/")
    assert "gibt es nicht" in refused(client, "/vorschlagen/benachrichtigung/999999/" + token + "/")

    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: eight_days_ago)
    old_token = confirmation_token(mine)
    monkeypatch.undo()
    assert "abgelaufen" in refused(client, f"/vorschlagen/benachrichtigung/{mine.pk}/{old_token}/")

    assert not Submission.objects.filter(notify_confirmed_at__isnull=False).exists()
    assert client.post(f"/vorschlagen/benachrichtigung/{mine.pk}/{token}/").status_code == 200  # the real one works


def test_confirmation_links_are_rate_limited_per_address(client, propose, settings):
    settings.SUBMISSION_CONFIRM_RATE_LIMIT = "3/h"
    submission = propose()
    for _ in range(3):
        client.get(f"/vorschlagen/benachrichtigung/{submission.pk}/guess/", REMOTE_ADDR="203.0.113.7")
    assert client.get(link_path(to_submitter()[0]), REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(link_path(to_submitter()[0]), REMOTE_ADDR="198.51.100.3").status_code == 200


def test_publishing_notifies_once_and_republishing_never(
    client, propose, admin_user, django_capture_on_commit_callbacks
):
    submission = propose()
    client.post(link_path(to_submitter()[0]))
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    confirmation, notification = to_submitter()
    offer = OfferPage.objects.get(pk=submission.offer_id)
    assert notification.subject == "Ihr vorgeschlagenes Angebot ist jetzt im Präventionskatalog"
    assert f"https://praevention.example.org{offer.url}" in notification.body
    assert Submission.objects.get(pk=submission.pk).notified_at is not None

    republish(offer, django_capture_on_commit_callbacks)
    republish(offer, django_capture_on_commit_callbacks)
    assert len(to_submitter()) == 2


def test_unconfirmed_wish_sends_no_notification(propose, admin_user, django_capture_on_commit_callbacks):
    submission = propose()
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    assert len(to_submitter()) == 1  # only the confirmation mail sent at submission
    assert Submission.objects.get(pk=submission.pk).notified_at is None


def test_the_admin_and_personal_data_show_the_consent(client, admin_client, propose):
    asked = propose()
    propose(notify=False, title="Ohne Benachrichtigung", submitter_email="max@example.org")
    listing = admin_client.get("/admin/offer_submissions/").content.decode()
    assert "gewünscht, nicht bestätigt" in listing and "nicht gewünscht" in listing
    client.post(link_path(to_submitter()[0]))
    inspect = admin_client.get(f"/admin/offer_submissions/inspect/{asked.pk}/").content.decode()
    assert "bestätigt am" in inspect and "noch nicht veröffentlicht" in inspect

    out = io.StringIO()
    call_command("personal_data", SUBMITTER, stdout=out)
    assert "Benachrichtigung bei Veröffentlichung gewünscht, bestätigt am" in out.getvalue()


def test_an_english_visitor_gets_both_mails_in_english(client, propose, admin_user, django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    assert "Notify me by e-mail when the offer is published" in client.get("/vorschlagen/").content.decode()
    submission = propose()
    client.post(link_path(to_submitter()[0]))
    client.cookies["django_language"] = "de"
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    confirmation, notification = to_submitter()
    assert confirmation.subject == "Please confirm: notification from the prevention catalogue"
    assert notification.subject == "The offer you proposed is now in the prevention catalogue"


def test_a_wish_withdrawn_in_the_admin_sends_nothing(
    client, admin_client, admin_user, propose, django_capture_on_commit_callbacks
):
    submission = propose()
    client.post(link_path(to_submitter()[0]))
    edit = f"/admin/offer_submissions/edit/{submission.pk}/"
    data = {"name": submission.name, "email": submission.email, "organisation": submission.organisation, "note": ""}
    assert admin_client.post(edit, data).status_code == 302  # "notify_requested" left out: unticked
    assert not Submission.objects.get(pk=submission.pk).notify_requested
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    assert len(to_submitter()) == 1


def test_the_box_is_unticked_and_the_privacy_notice_stays_beside_the_consent(client):
    html = client.get("/vorschlagen/").content.decode()
    box = re.search(r'<input[^>]*name="notify"[^>]*>', html).group(0)
    assert "checked" not in box and "required" not in box
    assert html.count('id="consent-privacy"') == 1


def test_a_confirmation_after_the_publication_brings_the_notice_at_once(
    client, propose, admin_user, django_capture_on_commit_callbacks
):
    submission = propose()
    publish(submission.offer, admin_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_path(to_submitter()[0]))
    confirmation, notification = to_submitter()
    assert notification.subject == "Ihr vorgeschlagenes Angebot ist jetzt im Präventionskatalog"
    republish(submission.offer, django_capture_on_commit_callbacks)
    assert len(to_submitter()) == 2
