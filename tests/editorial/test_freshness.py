"""Freshness: review dates, reminders, the grace period, expiry of dated offers, the report and the panel."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from catalogue.models import OfferDate, OfferPage

pytestmark = pytest.mark.django_db


def test_review_is_due_twelve_months_after_the_last_review(use_database, offers):
    offer = offers.make("Workshop", last_reviewed=date(2026, 3, 1))
    assert offer.review_due == date(2027, 3, 1)
    assert not offer.is_stale or timezone.localdate() > date(2027, 3, 1)


def test_dated_offers_expire_after_their_last_date(use_database, offers):
    offer = offers.make("Fortbildung")
    draft = offer.get_latest_revision_as_object()
    berlin = ZoneInfo("Europe/Berlin")
    draft.dates = [
        OfferDate(start=datetime(2099, 2, 4, 14, tzinfo=berlin), end=datetime(2099, 2, 4, 17, tzinfo=berlin)),
        OfferDate(start=datetime(2099, 3, 4, 14, tzinfo=berlin)),
    ]
    offer = offers.republish(draft)
    assert offer.expire_at == datetime(2099, 3, 4, 14, tzinfo=berlin)


def test_reminders_go_to_each_responsible_editor(use_database, offers, django_user_model, settings):
    editor = django_user_model.objects.create_user("hilden", "hilden@example.org", "pw")
    yesterday = timezone.localdate() - timedelta(1)
    stale = offers.make("Alt und vergessen", last_reviewed=date(2020, 1, 1), review_due=yesterday)
    OfferPage.objects.filter(pk=stale.pk).update(owner=editor)
    offers.make("Ohne Verantwortliche", last_reviewed=date(2020, 1, 1), review_due=yesterday)
    offers.make("Frisch geprüft")
    out = io.StringIO()
    call_command("remind_reviews", "--no-unpublish", stdout=out)
    assert "2 offers due, 2 reminders sent" in out.getvalue()
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_recipient) == {"hilden@example.org", settings.FACHSTELLE_EMAIL}
    assert "Alt und vergessen" in by_recipient["hilden@example.org"]
    assert "Frisch geprüft" not in "".join(by_recipient.values())


def test_stale_offers_stay_online_until_the_grace_period_ends(use_database, offers, settings):
    settings.REVIEW_GRACE_DAYS = 30
    recent = offers.make("Seit gestern fällig", review_due=timezone.localdate() - timedelta(days=1))
    overdue = offers.make("Lange überfällig", review_due=timezone.localdate() - timedelta(days=31))
    call_command("remind_reviews", stdout=io.StringIO())
    assert OfferPage.objects.get(pk=recent.pk).live
    assert not OfferPage.objects.get(pk=overdue.pk).live
    assert OfferPage.objects.filter(pk=overdue.pk).exists()  # unpublished, not deleted


def test_report_lists_stale_offers_and_downloads_csv(admin_client, use_database, offers):
    offers.make("Alt und vergessen", review_due=timezone.localdate() - timedelta(days=3), cities=["hilden"])
    offers.make("Frisch geprüft", cities=["hilden"])
    html = admin_client.get("/admin/reports/pruefung-faellig/").content.decode()
    assert "Alt und vergessen" in html and "Frisch geprüft" not in html
    response = admin_client.get("/admin/reports/pruefung-faellig/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Titel", "prüfen bis"] and rows[1][0] == "Alt und vergessen"
    from catalogue.models import City

    velbert = admin_client.get("/admin/reports/pruefung-faellig/", {"cities": City.objects.get(slug="velbert").pk})
    hilden = admin_client.get("/admin/reports/pruefung-faellig/", {"cities": City.objects.get(slug="hilden").pk})
    assert "Alt und vergessen" not in velbert.content.decode() and "Alt und vergessen" in hilden.content.decode()


def test_dashboard_panel_counts_stale_offers(admin_client, use_database, offers):
    offers.make("Alt", review_due=timezone.localdate() - timedelta(days=3))
    assert "1 Angebote warten auf ihre Prüfung." in admin_client.get("/admin/").content.decode()


def test_report_csv_neutralises_formula_titles(admin_client, use_database, offers):
    offers.make('=HYPERLINK("http://evil.example","Klick")', review_due=timezone.localdate() - timedelta(days=3))
    response = admin_client.get("/admin/reports/pruefung-faellig/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Klick")'


def test_city_team_sees_only_the_stale_offers_it_may_edit(
    client, use_database, offers, group_member, django_user_model
):
    owner = django_user_model.objects.create_user("velbert-owner", "v@example.org", "pw")
    overdue = timezone.localdate() - timedelta(days=3)
    offers.make("Eigenes Hilden", review_due=overdue, cities=["hilden"])
    offers.make("Hilden und Haan", review_due=overdue, cities=["hilden", "haan"])
    offers.make("Fremdes Velbert", review_due=overdue, cities=["velbert"], owner=owner)
    offers.make("Nur kreisweit", review_due=overdue, cities=["kreisweit"])
    offers.make("Hilden und kreisweit", review_due=overdue, cities=["hilden", "kreisweit"])
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    html = client.get("/admin/reports/pruefung-faellig/").content.decode()
    assert "Eigenes Hilden" in html and "Hilden und Haan" in html
    assert "Fremdes Velbert" not in html and "velbert-owner" not in html and "Nur kreisweit" not in html
    assert "Hilden und kreisweit" not in html
    response = client.get("/admin/reports/pruefung-faellig/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == ["Eigenes Hilden", "Hilden und Haan"]
    assert "2 Angebote warten auf ihre Prüfung." in client.get("/admin/").content.decode()
