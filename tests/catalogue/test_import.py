import csv
import io

import pytest
import tablib
from django.core.management import CommandError, call_command

from catalogue.importing import COLUMNS, ImportFileError, import_rows, read_table
from catalogue.models import OfferPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

ROW = {
    "external_id": "ki-001",
    "kind": "qualification",
    "title": "Fortbildung Rechte Codes",
    "summary": "Codes und Symbole erkennen.",
    "description": "Erster Absatz.\n\nZweiter Absatz.",
    "target_groups": "schulen-lehrkraefte|Fachkräfte der Jugendarbeit",
    "cities": "Hilden|kreisweit",
    "tags": "Codes|Fortbildung",
    "provider": "Mobile Beratung",
    "cost": "kostenfrei",
    "languages": "de|EN",
    "contact_name": "A. Demir",
    "email": "info@example.org",
    "phone": "02104 1234",
    "website": "https://example.org",
    "street": "Am Rathaus 1",
    "postcode": "40721",
    "town": "Hilden",
    "dates": "2027-02-04T14:00/2027-02-04T17:30|2027-03-04T14:00",
    "registration_url": "https://example.org/a",
}


def write_csv(tmp_path, rows, columns=COLUMNS, name="offers.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_file(path, *args):
    out = io.StringIO()
    call_command("import_offers", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_good_file_imports_drafts_with_every_field(tmp_path):
    output = import_file(write_csv(tmp_path, [ROW]))
    assert "1 neu angelegt" in output
    offer = OfferPage.objects.get(external_id="ki-001")
    assert not offer.live  # a draft for review
    draft = offer.get_latest_revision_as_object()
    assert draft.title == "Fortbildung Rechte Codes" and draft.kind == "qualification"
    assert sorted(c.slug for c in draft.cities.all()) == ["hilden", "kreisweit"]
    assert sorted(t.slug for t in draft.target_groups.all()) == ["jugendarbeit", "schulen-lehrkraefte"]
    assert sorted(lang.slug for lang in draft.languages.all()) == ["de", "en"]
    assert draft.provider.name == "Mobile Beratung"
    assert draft.description == "<p>Erster Absatz.</p><p>Zweiter Absatz.</p>"
    dates = list(draft.dates.all())
    assert [(d.start.isoformat(), d.end and d.end.isoformat()) for d in dates] == [
        ("2027-02-04T14:00:00+01:00", "2027-02-04T17:30:00+01:00"),
        ("2027-03-04T14:00:00+01:00", None),
    ]
    assert draft.format == "in_person" and draft.is_free is False and draft.barrier_free is None  # defaults
    assert not SearchDocument.objects.exists()  # drafts are not searchable


def test_publish_makes_offers_live_and_searchable(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_file(write_csv(tmp_path, [ROW]), "--publish")
    offer = OfferPage.objects.get(external_id="ki-001")
    assert offer.live and offer.title == "Fortbildung Rechte Codes"
    assert SearchDocument.objects.filter(id=offer.pk).exists()


def test_publishing_import_indexes_all_offers_in_one_batch_after_the_commit(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    import search.service

    batches = []
    reindex = search.service.reindex
    monkeypatch.setattr(search.service, "reindex", lambda keys: batches.append(set(keys)) or reindex(keys))
    rows = [{**ROW, "external_id": f"ki-00{n}", "title": f"Fortbildung {n}"} for n in range(1, 4)]
    with django_capture_on_commit_callbacks(execute=True):
        import_file(write_csv(tmp_path, rows), "--publish")
        assert not batches  # nothing before the commit
    ids = set(OfferPage.objects.values_list("pk", flat=True))
    assert batches == [ids]  # one reindex of the three offers, not one per offer
    assert set(SearchDocument.objects.values_list("id", flat=True)) == ids


def test_failed_import_queues_no_reindex(tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    import catalogue.importing
    import search.service

    batches = []
    monkeypatch.setattr(search.service, "reindex", batches.append)

    def fail_on_second(catalogue, page, values, **kwargs):
        if values["external_id"] == "ki-002":
            raise RuntimeError("kaputt")
        return save_offer(catalogue, page, values, **kwargs)

    save_offer = catalogue.importing.save_offer
    monkeypatch.setattr(catalogue.importing, "save_offer", fail_on_second)
    rows = [{**ROW, "external_id": f"ki-00{n}"} for n in range(1, 3)]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        import_rows(read_table(write_csv(tmp_path, rows)), publish=True)
    assert not batches and not OfferPage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        search.service.on_commit_index([1])  # and the next change outside an import is queued on its own again
    assert batches == [{1}]


def test_rerun_updates_and_never_duplicates(tmp_path):
    path = write_csv(tmp_path, [ROW])
    import_file(path, "--publish")
    changed = write_csv(tmp_path, [{**ROW, "title": "Fortbildung Rechte Codes (neu)"}], name="second.csv")
    output = import_file(changed, "--publish")
    assert "0 neu angelegt, 1 aktualisiert" in output
    assert OfferPage.objects.filter(external_id="ki-001").count() == 1
    assert OfferPage.objects.get(external_id="ki-001").title == "Fortbildung Rechte Codes (neu)"


def test_bad_rows_abort_everything_and_name_row_and_column(tmp_path):
    rows = [
        ROW,
        {**ROW, "external_id": "ki-002", "cities": "Hilden|Atlantis"},
        {**ROW, "external_id": "ki-003", "email": "kein-mail", "website": "ftp://x", "title": ""},
        {**ROW, "external_id": "ki-004", "dates": "nächsten Dienstag"},
    ]
    with pytest.raises(CommandError) as excinfo:
        err = io.StringIO()
        call_command("import_offers", str(write_csv(tmp_path, rows)), "--publish", stdout=io.StringIO(), stderr=err)
    assert "nichts wurde importiert" in str(excinfo.value)
    report = err.getvalue()
    assert "Zeile 3, Spalte „cities“: unbekannter Wert „Atlantis“" in report
    assert "Zeile 4, Spalte „email“" in report and "Zeile 4, Spalte „website“" in report
    assert "Zeile 4, Spalte „title“: Pflichtangabe fehlt." in report
    assert "Zeile 5, Spalte „dates“" in report
    assert not OfferPage.objects.exists()


def test_duplicate_external_ids_in_one_file_are_rejected(tmp_path):
    report = import_rows(read_table(write_csv(tmp_path, [ROW, ROW])))
    assert [str(e) for e in report.errors] == ["Zeile 3, Spalte „external_id“: doppelt (schon in Zeile 2)."]


def test_optional_columns_are_read(tmp_path):
    columns = COLUMNS + ["format", "free", "age_min", "age_max", "barrier_free"]
    row = {**ROW, "format": "Online", "free": "ja", "age_min": "12", "age_max": "16", "barrier_free": "nein"}
    import_file(write_csv(tmp_path, [row], columns=columns), "--publish")
    offer = OfferPage.objects.get(external_id="ki-001")
    assert (offer.format, offer.is_free, offer.age_min, offer.age_max, offer.barrier_free) == (
        "online",
        True,
        12,
        16,
        False,
    )


def test_dry_run_changes_nothing(tmp_path):
    output = import_file(write_csv(tmp_path, [ROW]), "--dry-run")
    assert "Probelauf" in output and "1 neu angelegt" in output
    assert not OfferPage.objects.exists()


def test_unchanged_rows_write_nothing(tmp_path):
    path = write_csv(tmp_path, [ROW, {**ROW, "external_id": "ki-002", "title": "Zweites Angebot"}])
    import_file(path, "--publish")
    before = {o.external_id: (o.latest_revision_id, o.last_published_at) for o in OfferPage.objects.all()}
    output = import_file(path, "--publish")
    assert "0 neu angelegt, 0 aktualisiert, 2 unverändert" in output
    after = {o.external_id: (o.latest_revision_id, o.last_published_at) for o in OfferPage.objects.all()}
    assert after == before
    second = {**ROW, "external_id": "ki-002", "title": "Zweites Angebot"}
    changed = write_csv(tmp_path, [{**ROW, "tags": "Codes"}, second], name="second.csv")
    assert "0 neu angelegt, 1 aktualisiert, 1 unverändert" in import_file(changed, "--publish")
    assert OfferPage.objects.get(external_id="ki-001").latest_revision_id != before["ki-001"][0]


def test_dry_run_reports_each_row_as_new_changed_or_unchanged(tmp_path):
    import_file(write_csv(tmp_path, [ROW, {**ROW, "external_id": "ki-002"}]), "--publish")
    revisions = {o.pk: o.latest_revision_id for o in OfferPage.objects.all()}
    rows = [ROW, {**ROW, "external_id": "ki-002", "town": "Haan"}, {**ROW, "external_id": "ki-003"}]
    output = import_file(write_csv(tmp_path, rows, name="next.csv"), "--dry-run", "--publish")
    assert "Zeile 2, ki-001: unverändert" in output
    assert "Zeile 3, ki-002: geändert (town)" in output
    assert "Zeile 4, ki-003: neu" in output
    assert {o.pk: o.latest_revision_id for o in OfferPage.objects.all()} == revisions


def test_publishing_an_unchanged_draft_is_a_change(tmp_path):
    path = write_csv(tmp_path, [ROW])
    import_file(path)  # a draft
    assert "1 aktualisiert" in import_file(path, "--publish")
    assert OfferPage.objects.get(external_id="ki-001").live


def test_xlsx_first_sheet(tmp_path):
    data = tablib.Dataset(headers=COLUMNS)
    data.append([ROW[c] for c in COLUMNS])
    path = tmp_path / "offers.xlsx"
    path.write_bytes(data.export("xlsx"))
    import_file(path, "--publish")
    assert OfferPage.objects.get(external_id="ki-001").live


def test_unreadable_files_get_a_clear_error(tmp_path):
    wrong_header = tmp_path / "x.csv"
    wrong_header.write_text("id;titel\n1;x\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="fehlende Spalten"):
        read_table(wrong_header)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((",".join(COLUMNS) + "\n" + "ä" * 3).encode("latin-1"))
    with pytest.raises(ImportFileError, match="UTF-8"):
        read_table(latin1)
    with pytest.raises(CommandError, match="Dateiformat"):
        import_file(tmp_path / "offers.pdf")
    with pytest.raises(CommandError, match="nicht gefunden"):
        import_file(tmp_path / "missing.csv")


def test_demo_content_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
    count = OfferPage.objects.live().count()
    assert count >= 50
    published = sorted(OfferPage.objects.values_list("last_published_at", flat=True))
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)  # scripts/run does this on every start: it must republish nothing
    assert f"0 offers created, 0 updated, {count} unchanged" in out.getvalue()
    assert sorted(OfferPage.objects.values_list("last_published_at", flat=True)) == published
    assert OfferPage.objects.live().count() == count
    slugs = {c.slug for o in OfferPage.objects.all() for c in o.cities.all()}
    assert len(slugs) == 11  # all ten cities and the district
    groups = {t.slug for o in OfferPage.objects.all() for t in o.target_groups.all()}
    assert len(groups) == 8


def test_line_breaks_in_one_line_columns_are_refused(tmp_path):
    rows = [{**ROW, "title": "Titel\r\nBcc: x@example.org", "phone": "0210\t4"}]
    report = import_rows(read_table(write_csv(tmp_path, rows)))
    assert [(e.column, e.message) for e in report.errors] == [
        ("title", "enthält Zeilenumbrüche oder Steuerzeichen (nur eine Zeile erlaubt)."),
        ("phone", "enthält Zeilenumbrüche oder Steuerzeichen (nur eine Zeile erlaubt)."),
    ]
    assert not OfferPage.objects.exists()


def xlsx_with(tmp_path, rows, dimension=None):
    """An XLSX file of ``rows`` (header first); ``dimension`` overrides the sheet's declared size, as a bomb does."""
    import re
    import zipfile

    data = tablib.Dataset(headers=COLUMNS)
    for row in rows:
        data.append([row[c] for c in COLUMNS])
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(data.export("xlsx"))
    path = tmp_path / "offers.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if dimension and item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{dimension}"/>'.encode(), content)
            target.writestr(item, content)
    return path


def test_xlsx_declaring_a_huge_sheet_is_refused_before_reading(tmp_path):
    bomb = xlsx_with(tmp_path, [ROW], dimension="A1:BXX200000")  # 200,000 × 2,000 cells declared
    assert bomb.stat().st_size < 10_000
    with pytest.raises(ImportFileError, match="200000 Zeilen × 2000 Spalten"):
        read_table(bomb)


def test_rows_beyond_the_cap_are_refused_in_csv_and_xlsx(tmp_path, settings):
    from catalogue import tables

    rows = [{**ROW, "external_id": f"ki-{n}"} for n in range(tables.MAX_ROWS + 1)]
    with pytest.raises(ImportFileError, match="mehr als 5000 Zeilen"):
        read_table(write_csv(tmp_path, rows))
    with pytest.raises(ImportFileError, match="mehr als 5000 Zeilen"):
        read_table(xlsx_with(tmp_path, rows, dimension="A1:T1"))  # a false small dimension does not help
    assert len(read_table(write_csv(tmp_path, rows[:-1]))) == tables.MAX_ROWS


def test_xlsx_that_unpacks_to_more_than_the_cap_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFileError, match="entpackt größer als 50 MB"):
        read_table(path)


def test_files_over_five_megabytes_are_refused_by_the_command_too(tmp_path):
    path = write_csv(tmp_path, [ROW])
    with path.open("a", encoding="utf-8") as handle:
        handle.write(" " * (5 * 1024 * 1024))
    with pytest.raises(ImportFileError, match="größer als 5 MB"):
        read_table(path)


def test_columns_beyond_the_cap_are_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(["x"] * 60) + "\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="mehr als 50 Spalten"):
        read_table(path)
