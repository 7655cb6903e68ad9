"""The public form "Angebot vorschlagen": good, invalid, spam and rate-limited submissions."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from wagtail.models import WorkflowState

from catalogue.models import OfferPage
from submissions.models import Submission

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Theaterworkshop gegen Ausgrenzung",
    "kind": "measure",
    "summary": "Jugendliche entwickeln Szenen über Ausgrenzung und spielen sie in der Schule.",
    "description": "Erster Absatz.\n\nZweiter Absatz.",
    "cities": ["haan", "hilden"],
    "target_groups": ["kinder-jugendliche"],
    "format": "in_person",
    "provider": "Theater im Koffer e. V.",
    "cost": "",
    "is_free": "on",
    "contact_name": "Lea Brandt",
    "email": "theater@example.org",
    "phone": "",
    "website": "https://theater.example.org",
    "submitter_name": "Lea Brandt",
    "submitter_email": "lea@example.org",
    "note": "Gern auch in Langenfeld.",
    "consent": "on",
    "homepage": "",
}


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.SUBMISSION_RATE_LIMIT = "3/h"
    cache.clear()


def test_good_proposal_becomes_a_draft_in_the_workflow(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vorschlagen/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/vorschlagen/danke/"
    offer = OfferPage.objects.get(title="Theaterworkshop gegen Ausgrenzung")
    assert not offer.live
    draft = offer.get_latest_revision_as_object()
    assert sorted(c.slug for c in draft.cities.all()) == ["haan", "hilden"]
    assert draft.description == "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>"
    assert WorkflowState.objects.get(object_id=str(offer.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    submission = Submission.objects.get()
    assert (submission.offer, submission.email) == (offer, "lea@example.org")
    assert "lea@example.org" not in str(draft.email) + draft.description  # the submitter stays private
    # Only the Fachstelle is told: no mail with the visitor's text goes to an address nobody verified (finding 5).
    assert [m.to for m in mail.outbox] == [["fachstelle@example.org"]]
    assert f"/admin/pages/{offer.pk}/edit/" in mail.outbox[0].body
    assert client.get(response["Location"]).status_code == 200


def test_invalid_input_keeps_everything_typed(client):
    data = {**GOOD, "title": "", "submitter_email": "keine-adresse", "cities": []}
    response = client.post("/vorschlagen/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html and "Titel des Angebots" in html and "Ihre E-Mail-Adresse" in html
    assert 'value="keine-adresse"' in html
    assert "Jugendliche entwickeln Szenen über Ausgrenzung" in html
    assert re.search(r'value="kinder-jugendliche"[^>]*checked', html)
    assert not OfferPage.objects.exists() and not mail.outbox


def test_honeypot_stops_bots_with_a_clear_message(client):
    response = client.post("/vorschlagen/", {**GOOD, "homepage": "http://spam.example"})
    assert response.status_code == 400
    assert "Dieses Feld muss leer bleiben" in response.content.decode()
    assert not OfferPage.objects.exists()


def test_rate_limit_per_address_keeps_the_input(client):
    for n in range(3):
        assert (
            client.post("/vorschlagen/", {**GOOD, "title": f"Vorschlag {n}"}, REMOTE_ADDR="203.0.113.9").status_code
            == 302
        )
    response = client.post("/vorschlagen/", {**GOOD, "title": "Vierter Vorschlag"}, REMOTE_ADDR="203.0.113.9")
    html = response.content.decode()
    assert response.status_code == 429
    assert "sehr viele Vorschläge" in html and 'value="Vierter Vorschlag"' in html
    assert OfferPage.objects.count() == 3
    assert client.post("/vorschlagen/", GOOD, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_fachstelle_sees_submissions_in_the_admin(admin_client, client):
    client.post("/vorschlagen/", GOOD)
    assert "lea@example.org" in admin_client.get("/admin/offer_submissions/").content.decode()


@pytest.mark.parametrize("field", ["title", "provider", "submitter_name", "contact_name", "phone", "cost"])
def test_line_breaks_in_single_line_fields_are_refused_before_anything_is_saved(client, field):
    response = client.post("/vorschlagen/", {**GOOD, field: "x\r\nBcc: victim@example.org"})
    assert response.status_code == 400
    assert "nur eine Zeile" in response.content.decode()
    assert not OfferPage.objects.exists() and not Submission.objects.exists() and not mail.outbox


def test_mail_goes_out_after_commit_and_a_failing_server_does_not_fail_the_request(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.submissions.failing_mail.Backend"
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/vorschlagen/", GOOD)
    assert "wurde nicht verschickt" not in caplog.text  # nothing is sent before the draft is committed
    for callback in callbacks:
        callback()
    assert response.status_code == 302
    assert OfferPage.objects.count() == 1 and Submission.objects.count() == 1
    assert "wurde nicht verschickt" in caplog.text


def test_mail_subject_is_one_line_whatever_the_title():
    from core.text import mail_subject

    hostile = "x\r\nBcc: victim@example.org\u2028y" + "z" * 300
    subject = mail_subject("Neuer Angebotsvorschlag: %(title)s", title=hostile)
    assert "\n" not in subject and "\r" not in subject and "\u2028" not in subject
    assert subject.startswith("Neuer Angebotsvorschlag: x Bcc: victim@example.org y") and len(subject) <= 150


def test_a_submission_creates_no_public_provider(client):
    from catalogue.models import Organisation

    assert client.post("/vorschlagen/", GOOD).status_code == 302
    assert not Organisation.objects.exists()  # spam or not, nothing public is created before approval
    assert Submission.objects.get().organisation == "Theater im Koffer e. V."  # the text waits for the Fachstelle
    assert OfferPage.objects.get().get_latest_revision_as_object().provider is None


def test_a_suggestion_is_owned_by_its_city_teams_responsible_editor(client, group_member):
    """Reminders and "verantwortlich" need an owner; the revision stays anonymous (the editor did not write it)."""
    from django.contrib.auth.models import Group

    from editorial.models import CityTeam

    lead = group_member("hilden-lead", "Redaktion Hilden")
    CityTeam.objects.filter(group=Group.objects.get(name="Redaktion Hilden")).update(responsible=lead)
    client.post("/vorschlagen/", {**GOOD, "cities": ["hilden"]})
    offer = OfferPage.objects.get(title=GOOD["title"])
    assert offer.owner == lead
    assert offer.latest_revision.user is None


def test_an_unowned_suggestion_is_owned_by_the_approving_fachstelle(client, group_member):
    reviewer = group_member("fach", "Fachstelle")
    client.post("/vorschlagen/", {**GOOD, "cities": ["kreisweit"]})  # district-wide: no city team
    offer = OfferPage.objects.get(title=GOOD["title"])
    assert offer.owner is None
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    state.current_task_state.task.specific.on_action(state.current_task_state, reviewer, "approve")
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.live and offer.owner == reviewer


def test_the_suggestions_admin_links_the_draft_and_shows_its_state(client, admin_client):
    client.post("/vorschlagen/", GOOD)
    offer = OfferPage.objects.get(title=GOOD["title"])
    submission = Submission.objects.get()
    link = f'<a href="/admin/pages/{offer.pk}/edit/">{GOOD["title"]}</a> (in Prüfung)'
    assert link in admin_client.get("/admin/offer_submissions/").content.decode()
    assert link in admin_client.get(f"/admin/offer_submissions/inspect/{submission.pk}/").content.decode()
