"""Import in the admin: preview with every bad row and column, confirm, drafts in the workflow, re-upload."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from catalogue.importing import COLUMNS
from catalogue.models import OfferPage
from tests.catalogue.test_import import ROW

pytestmark = pytest.mark.django_db


def upload(rows, name="angebote.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def editor(client, group_member, use_database):
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    return client


@pytest.fixture
def fachstelle(client, group_member, use_database):
    client.force_login(group_member("fach", "Fachstelle"))
    return client


HILDEN_ROW = {**ROW, "cities": "hilden"}


def test_preview_names_every_bad_row_and_column_and_changes_nothing(editor):
    rows = [
        HILDEN_ROW,
        {**HILDEN_ROW, "external_id": "ki-002", "email": "kaputt"},
        {**HILDEN_ROW, "external_id": "ki-003", "cities": "velbert"},
    ]
    html = editor.post("/admin/angebote/import/", {"file": upload(rows)}).content.decode()
    assert "Zeile 3, Spalte „email“" in html
    assert "Zeile 4, Spalte „cities“: Sie können Angebote nur für Ihre Stadt anlegen (hilden)" in html
    assert "Import bestätigen" not in html
    assert not OfferPage.objects.exists()


def test_confirmed_import_creates_drafts_in_the_workflow_and_reupload_updates(editor, group_member):
    fachstelle_user = group_member("fach", "Fachstelle")
    html = editor.post("/admin/angebote/import/", {"file": upload([HILDEN_ROW])}).content.decode()
    assert "1 neue und 0 geänderte Angebote" in html
    assert not OfferPage.objects.exists()  # the preview changes nothing
    editor.post("/admin/angebote/import/", {"confirm": "1"})
    offer = OfferPage.objects.get(external_id="ki-001")
    assert not offer.live
    assert WorkflowState.objects.get(object_id=str(offer.pk)).status == WorkflowState.STATUS_IN_PROGRESS

    # Under review the offer is locked for its editors, in the page editor and in the import alike ...
    html = editor.post("/admin/angebote/import/", {"file": upload([{**HILDEN_ROW, "title": "Neuer Titel"}])})
    assert "Das bestehende Angebot „ki-001“ ist gesperrt" in html.content.decode()
    # ... until the Fachstelle asks for changes.
    state = WorkflowState.objects.get(object_id=str(offer.pk))
    state.current_task_state.task.specific.on_action(state.current_task_state, fachstelle_user, "reject")
    editor.post("/admin/angebote/import/", {"file": upload([{**HILDEN_ROW, "title": "Neuer Titel"}])})
    editor.post("/admin/angebote/import/", {"confirm": "1"})
    assert OfferPage.objects.filter(external_id="ki-001").count() == 1
    assert OfferPage.objects.get(external_id="ki-001").get_latest_revision_as_object().title == "Neuer Titel"
    assert WorkflowState.objects.get(object_id=str(offer.pk)).status == WorkflowState.STATUS_IN_PROGRESS  # resubmitted


def test_editors_cannot_publish_directly_but_the_fachstelle_can(editor, fachstelle):
    # The fachstelle fixture logged the client in last.
    fachstelle.post("/admin/angebote/import/", {"file": upload([ROW]), "publish": "on"})
    fachstelle.post("/admin/angebote/import/", {"confirm": "1"})
    assert OfferPage.objects.get(external_id="ki-001").live


def test_unreadable_upload_gets_a_clear_error(editor):
    bad = SimpleUploadedFile("angebote.pdf", b"%PDF-1.4", content_type="application/pdf")
    html = editor.post("/admin/angebote/import/", {"file": bad}).content.decode()
    assert "Unbekanntes Dateiformat" in html


def test_people_without_catalogue_rights_are_refused(client, django_user_model, use_database):
    client.force_login(django_user_model.objects.create_user("gast", "g@example.org", "pw", is_staff=True))
    assert client.get("/admin/angebote/import/").status_code in (302, 403)
