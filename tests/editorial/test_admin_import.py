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
    # The city by name, not slug:
    assert "Zeile 4, Spalte „cities“: Sie können Angebote nur für Ihre Stadt anlegen (Hilden)" in html
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
    html = fachstelle.post("/admin/angebote/import/", {"file": upload([ROW]), "publish": "on"}).content.decode()
    assert 'name="publish" value="1" checked' in html  # the first step's choice is preset on the preview step
    fachstelle.post("/admin/angebote/import/", {"confirm": "1", "publish": "1"})
    assert OfferPage.objects.get(external_id="ki-001").live


def test_the_choice_on_the_preview_step_counts(fachstelle):
    """Ticking "sofort veröffentlichen" beside "Import bestätigen" publishes, even if the upload step had not."""
    html = fachstelle.post("/admin/angebote/import/", {"file": upload([ROW])}).content.decode()
    assert 'name="publish" value="1">' in html  # offered, not ticked
    fachstelle.post("/admin/angebote/import/", {"confirm": "1", "publish": "1"})
    assert OfferPage.objects.get(external_id="ki-001").live


def test_unticking_on_the_preview_step_keeps_drafts(fachstelle):
    fachstelle.post("/admin/angebote/import/", {"file": upload([ROW]), "publish": "on"})
    fachstelle.post("/admin/angebote/import/", {"confirm": "1"})
    offer = OfferPage.objects.get(external_id="ki-001")
    assert not offer.live
    assert WorkflowState.objects.get(object_id=str(offer.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_a_city_editor_cannot_publish_by_posting_the_checkbox(editor):
    editor.post("/admin/angebote/import/", {"file": upload([HILDEN_ROW])})
    editor.post("/admin/angebote/import/", {"confirm": "1", "publish": "1"})
    assert not OfferPage.objects.get(external_id="ki-001").live


def test_the_importing_user_owns_the_offers_and_gets_links_to_them(editor, django_user_model):
    user = django_user_model.objects.get(username="hilden")
    html = editor.post(
        "/admin/angebote/import/",
        {"file": upload([HILDEN_ROW, {**HILDEN_ROW, "external_id": "ki-002", "title": "Zwei"}])},
    ).content.decode()
    # The preview lists every row with what will happen to it.
    assert "<td>ki-001</td><td>Fortbildung Rechte Codes</td><td>neu</td>" in html
    assert "<td>ki-002</td><td>Zwei</td><td>neu</td>" in html
    response = editor.post("/admin/angebote/import/", {"confirm": "1"}, follow=True)
    offers = OfferPage.objects.filter(external_id__in=["ki-001", "ki-002"])
    assert {offer.owner for offer in offers} == {user}
    html = response.content.decode()
    for offer in offers:
        assert f'href="/admin/pages/{offer.pk}/edit/"' in html
    # The links are shown once, after the import, not on every later visit.
    assert "Importierte Angebote" not in editor.get("/admin/angebote/import/").content.decode()


def test_reimport_gives_an_ownerless_offer_an_owner_but_keeps_an_owner(editor, group_member, django_user_model):
    from catalogue.importing import import_rows, read_table

    import_rows(read_table(upload([HILDEN_ROW]), filename="a.csv"), publish=True)  # the command: no user
    assert OfferPage.objects.get(external_id="ki-001").owner is None
    editor.post("/admin/angebote/import/", {"file": upload([{**HILDEN_ROW, "title": "Neu"}])})
    editor.post("/admin/angebote/import/", {"confirm": "1"})
    user = django_user_model.objects.get(username="hilden")
    assert OfferPage.objects.get(external_id="ki-001").owner == user
    other = group_member("hilden2", "Redaktion Hilden")
    editor.force_login(other)
    OfferPage.objects.get(external_id="ki-001").current_workflow_state.cancel(user=user)
    editor.post("/admin/angebote/import/", {"file": upload([{**HILDEN_ROW, "title": "Neuer"}])})
    editor.post("/admin/angebote/import/", {"confirm": "1"})
    assert OfferPage.objects.get(external_id="ki-001").owner == user


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_is_a_valid_import_file(editor, fmt):
    """The downloadable template's example row passes the import (a Hilden editor may import it as is)."""
    from catalogue.importing import editor_check, import_rows, read_table

    response = editor.get(f"/admin/angebote/import/vorlage.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = read_table(io.BytesIO(response.content), filename=f"vorlage.{fmt}")
    assert len(rows) == 1
    user = response.wsgi_request.user
    report = import_rows(rows, dry_run=True, check=editor_check(user))
    assert report.ok, report.errors
    assert report.created == ["hilden-2027-001"]


def test_the_import_page_explains_every_column_in_german(editor):
    from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS

    html = editor.get("/admin/angebote/import/").content.decode()
    for column in COLUMNS + OPTIONAL_COLUMNS:
        assert f"<code>{column}</code>" in html
    assert "Termine als JJJJ-MM-TTTHH:MM" in html
    assert "<code>hilden</code> (Hilden)" in html  # the allowed values with their names
    assert editor.get("/admin/angebote/import/vorlage.pdf").status_code == 404


def test_unreadable_upload_gets_a_clear_error(editor):
    bad = SimpleUploadedFile("angebote.pdf", b"%PDF-1.4", content_type="application/pdf")
    html = editor.post("/admin/angebote/import/", {"file": bad}).content.decode()
    assert "Unbekanntes Dateiformat" in html


def test_people_without_catalogue_rights_are_refused(client, django_user_model, use_database):
    client.force_login(django_user_model.objects.create_user("gast", "g@example.org", "pw", is_staff=True))
    assert client.get("/admin/angebote/import/").status_code in (302, 403)
