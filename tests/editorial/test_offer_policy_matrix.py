"""One policy, one matrix: the page editor, ``import_rows`` and the admin upload decide every case alike.

Each case is (role, the offer as it is, the cities it would get, allowed). The offer as it is may be absent
(a new offer), of the editor's own city, of another city, district-wide, shared, or under review (locked).
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.importing import COLUMNS, editor_check, import_rows
from catalogue.models import CatalogueIndexPage, OfferPage
from tests.catalogue.test_import import ROW
from tests.editorial.forms import offer_form

pytestmark = pytest.mark.django_db

NEW = None
CASES = [
    # role, existing offer's cities (NEW: none yet), the row's cities, allowed
    ("hilden", NEW, "hilden", True),
    ("hilden", NEW, "velbert", False),
    ("hilden", NEW, "hilden|kreisweit", False),
    ("hilden", "hilden", "hilden", True),
    ("hilden", "hilden|velbert", "hilden|velbert", True),
    ("hilden", "hilden", "velbert", False),
    ("hilden", "velbert", "hilden", False),  # the hijack of finding 1
    ("hilden", "kreisweit", "hilden", False),  # the district-wide hijack of finding 1
    ("hilden", "hilden|kreisweit", "hilden", False),
    ("hilden", "hilden under review", "hilden", False),  # locked by the workflow, as in the page editor
    ("fachstelle", NEW, "kreisweit", True),
    ("fachstelle", "velbert", "hilden", True),
    ("fachstelle", "kreisweit", "kreisweit|hilden", True),
    ("fachstelle", "hilden under review", "hilden", True),
]
GROUPS = {"hilden": "Redaktion Hilden", "fachstelle": "Fachstelle"}
NEW_TITLE = "Geänderter Titel aus dem Test"


@pytest.fixture
def case(request, use_database, offers, group_member):
    role, existing, row_cities, allowed = request.param
    user = group_member(role, GROUPS[role])
    page = None
    if existing:
        cities, review, _ = existing.partition(" under review")
        page = offers.make("Bestehendes Angebot", cities=cities.split("|"), external_id="bestand-1")
        if review:
            page.get_workflow().start(page, page.owner or user)
    return user, page, row_cities.split("|"), allowed


def saved(page, cities):
    """Whether an offer with the new title and exactly these cities was written (as a draft or live)."""
    offer = OfferPage.objects.filter(pk=page.pk).first() if page else OfferPage.objects.filter(title=NEW_TITLE).first()
    if offer is None:
        return False
    latest = offer.get_latest_revision_as_object()
    return latest.title == NEW_TITLE and sorted(c.slug for c in latest.cities.all()) == sorted(cities)


def through_page_editor(client, user, page, cities):
    client.force_login(user)
    data = offer_form(
        NEW_TITLE, cities, slug=page.slug if page else "neu", external_id=page.external_id if page else "neu-1"
    )
    if page:
        client.post(f"/admin/pages/{page.pk}/edit/", data)
    else:
        client.post(f"/admin/pages/add/catalogue/offerpage/{CatalogueIndexPage.objects.get().pk}/", data)


def row_for(page, cities):
    return {**ROW, "external_id": page.external_id if page else "neu-1", "title": NEW_TITLE, "cities": "|".join(cities)}


def through_import_rows(client, user, page, cities):
    report = import_rows([row_for(page, cities)], user=user, review=True, check=editor_check(user))
    assert report.ok or report.errors[0].column in ("external_id", "cities")


def through_admin_upload(client, user, page, cities):
    client.force_login(user)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row_for(page, cities))
    upload = SimpleUploadedFile("angebote.csv", buffer.getvalue().encode(), content_type="text/csv")
    preview = client.post("/admin/angebote/import/", {"file": upload}).content.decode()
    assert ("Import bestätigen" in preview) != ("Zeile 2, Spalte" in preview)
    client.post("/admin/angebote/import/", {"confirm": "1"})


PATHS = {"page_editor": through_page_editor, "import_rows": through_import_rows, "admin_upload": through_admin_upload}


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("case", CASES, indirect=True, ids=lambda c: f"{c[0]}:{c[1] or 'new'}->{c[2]}")
def test_every_path_applies_the_page_editors_policy(client, case, path):
    user, page, cities, allowed = case
    revisions = page.revisions.count() if page else 0
    PATHS[path](client, user, page, cities)
    assert saved(page, cities) == allowed
    if not allowed and page:
        assert page.revisions.count() == revisions  # nothing written


def test_a_refused_row_says_why_and_nothing_is_written(use_database, offers, group_member):
    velbert = offers.make("Angebot Velbert", cities=["velbert"], external_id="velbert-1")
    district = offers.make("Angebot kreisweit", cities=["kreisweit"], external_id="kreis-1")
    user = group_member("hilden", "Redaktion Hilden")
    rows = [
        {**ROW, "external_id": "velbert-1", "cities": "hilden"},
        {**ROW, "external_id": "kreis-1", "cities": "hilden"},
        {**ROW, "external_id": "neu-1", "cities": "hilden"},
    ]
    report = import_rows(rows, user=user, review=True, check=editor_check(user))
    assert [str(e) for e in report.errors] == [
        "Zeile 2, Spalte „external_id“: Das bestehende Angebot „velbert-1“ gehört nicht zu Ihrer Zuständigkeit "
        "(andere Stadt oder kreisweit); es bleibt unverändert.",
        "Zeile 3, Spalte „external_id“: Das bestehende Angebot „kreis-1“ gehört nicht zu Ihrer Zuständigkeit "
        "(andere Stadt oder kreisweit); es bleibt unverändert.",
    ]
    assert velbert.revisions.count() == district.revisions.count() == 1
    assert not OfferPage.objects.filter(external_id="neu-1").exists()
