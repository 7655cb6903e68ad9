"""Two imports of the same new rows at once (finding 11 of issue 13): one creates, the other updates; no error.

Real concurrency needs a server database with a connection per thread, so the race test runs on PostgreSQL
(scripts/test runs the suite there too); SQLite takes its one write lock at the start of every transaction.
"""

import threading

import pytest
from django.db import connection

from catalogue import importing
from catalogue.importing import ImportFileError, import_rows
from catalogue.models import OfferPage
from tests.catalogue.test_import import ROW

ROWS = [{**ROW, "external_id": f"neu-{n}", "title": f"Neues Angebot {n}"} for n in range(3)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a connection per thread (PostgreSQL)")
def test_two_imports_of_the_same_new_rows_at_once(monkeypatch):
    first_saving, second_started = threading.Event(), threading.Event()
    real_save = importing.save_offer

    def save_offer(*args, **kwargs):
        if threading.current_thread().name == "first" and not first_saving.is_set():
            first_saving.set()
            second_started.wait(timeout=3)  # let the second import run into the first one's transaction
        return real_save(*args, **kwargs)

    monkeypatch.setattr(importing, "save_offer", save_offer)
    reports, failures = {}, []

    def run(name):
        try:
            reports[name] = import_rows(ROWS, publish=True)
        except Exception as exc:  # noqa: BLE001 - any failure of either thread is the finding (IntegrityError)
            failures.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",), name="first")
    first.start()
    first_saving.wait(timeout=10)
    second = threading.Thread(target=run, args=("second",), name="second")
    second.start()
    second_started.set()
    first.join(30)
    second.join(30)
    assert not failures
    second = reports["second"]  # found what the first created: same values, so nothing to write
    ids = [r["external_id"] for r in ROWS]
    assert sorted(reports["first"].created) == sorted(second.updated + second.unchanged) == ids
    assert not second.created
    assert OfferPage.objects.filter(external_id__startswith="neu-").count() == 3


@pytest.mark.django_db
def test_rows_are_decided_again_under_the_lock(monkeypatch, use_database):
    """What the concurrent import causes, made deterministic: an offer appears after the rows were first planned."""
    real_lock = importing.lock_catalogue

    def lock_after_another_import():
        catalogue = real_lock()
        if not OfferPage.objects.filter(external_id="neu-0").exists():
            monkeypatch.setattr(importing, "lock_catalogue", real_lock)
            import_rows(ROWS[:1], publish=True)  # "the other import", committed before ours holds the lock
        return catalogue

    monkeypatch.setattr(importing, "lock_catalogue", lock_after_another_import)
    report = import_rows(ROWS, publish=True)
    assert report.ok and report.created == ["neu-1", "neu-2"]
    assert report.updated + report.unchanged == ["neu-0"]  # found under the lock, not created twice
    assert OfferPage.objects.filter(external_id="neu-0").count() == 1


@pytest.mark.django_db
def test_a_clash_with_an_offer_saved_elsewhere_is_reported_not_raised(monkeypatch, use_database):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(importing, "save_offer", clash)
    with pytest.raises(ImportFileError, match="Bitte starten Sie den Import erneut"):
        import_rows(ROWS, publish=True)
