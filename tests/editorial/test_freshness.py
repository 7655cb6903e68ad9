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
    assert rows[0][:3] == ["Titel", "Stadt", "prüfen bis"] and rows[1][0] == "Alt und vergessen"
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


def test_reminders_reach_the_owning_city_team(use_database, offers, group_member, settings):
    """An offer without an owner (imported by command, say) is not the Fachstelle's alone: its city team hears."""
    member = group_member("hilden", "Redaktion Hilden")
    group_member("velbert", "Redaktion Velbert")
    due = timezone.localdate() - timedelta(days=1)
    offers.make("Hildener Workshop", review_due=due, cities=["hilden"])
    offers.make("Kreisweite Beratung", review_due=due, cities=["kreisweit"])
    remind_out = io.StringIO()
    call_command("remind_reviews", "--no-unpublish", stdout=remind_out)
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_recipient) == {member.email, settings.FACHSTELLE_EMAIL}
    assert "Hildener Workshop" in by_recipient[member.email]
    assert "Kreisweite Beratung" not in by_recipient[member.email]


def test_a_city_teams_responsible_editor_gets_its_reminders(use_database, offers, group_member):
    from django.contrib.auth.models import Group

    from editorial.models import CityTeam

    group_member("hilden", "Redaktion Hilden")
    lead = group_member("hilden-lead", "Redaktion Hilden")
    CityTeam.objects.filter(group=Group.objects.get(name="Redaktion Hilden")).update(responsible=lead)
    offers.make("Hildener Workshop", review_due=timezone.localdate() - timedelta(days=1), cities=["hilden"])
    call_command("remind_reviews", "--no-unpublish", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[lead.email]]


def test_the_reminder_tells_the_truth_about_going_offline(use_database, offers, settings):
    """The same run takes long-overdue offers offline: the mail names them as gone, and gives the others the day
    they would go offline, instead of promising every offer the whole grace period."""
    settings.REVIEW_GRACE_DAYS = 90
    today = timezone.localdate()
    offers.make("Seit gestern fällig", review_due=today - timedelta(days=1))
    offers.make("Lange überfällig", review_due=today - timedelta(days=91))
    offers.make("Auch weg", review_due=today - timedelta(days=120))
    out = io.StringIO()
    call_command("remind_reviews", stdout=out)
    assert "1 offers due" in out.getvalue() and "2 offers unpublished" in out.getvalue()
    [message] = mail.outbox
    assert message.subject == "1 Angebot wartet auf Ihre Prüfung, 2 Angebote wurden offline genommen"
    due_part, gone_part = message.body.split("heute offline genommen")
    offline = (today - timedelta(days=1) + timedelta(days=91)).strftime("%d.%m.%Y")
    assert f"Seit gestern fällig (prüfen bis {today - timedelta(days=1):%d.%m.%Y}, geht ohne Prüfung am {offline}" in (
        due_part
    )
    assert "Lange überfällig" in gone_part and "Auch weg" in gone_part
    assert "Lange überfällig" not in due_part
    assert "90 Tage nach" not in message.body


def test_mail_links_use_the_sites_address_when_no_admin_address_is_set(use_database, offers, settings):
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = ""
    settings.PUBLIC_BASE_URL = ""
    Site.objects.filter(is_default_site=True).update(hostname="praevention.example.de", port=443)
    offer = offers.make("Alt", review_due=timezone.localdate() - timedelta(days=1))
    call_command("remind_reviews", "--no-unpublish", stdout=io.StringIO())
    assert f"https://praevention.example.de/admin/pages/{offer.pk}/edit/" in mail.outbox[0].body
    assert "127.0.0.1" not in mail.outbox[0].body


def test_the_settings_fall_back_to_the_sites_address_lazily(use_database):
    """Without WAGTAILADMIN_BASE_URL and PUBLIC_BASE_URL the setting is the default Site's address, read when used,
    so Wagtail's own workflow mails follow it too."""
    from django.utils.functional import lazy
    from wagtail.admin.templatetags.wagtailadmin_tags import base_url_setting
    from wagtail.models import Site

    from core.public_address import site_address

    Site.objects.filter(is_default_site=True).update(hostname="praevention.example.de", port=443)
    from django.test import override_settings

    with override_settings(WAGTAILADMIN_BASE_URL=lazy(site_address, str)()):
        assert str(base_url_setting()) == "https://praevention.example.de"


def test_city_teams_have_the_report_in_their_menu(client, use_database, group_member, django_user_model):
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    menu_entry = '"url": "/admin/reports/pruefung-faellig/"'  # in the sidebar's menu data
    assert menu_entry in client.get("/admin/").content.decode()
    outsider = django_user_model.objects.create_user("gast", "g@example.org", "pw")
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert menu_entry not in client.get("/admin/").content.decode()


def test_report_shows_city_names_due_and_overdue_dates(admin_client, use_database, offers):
    due = timezone.localdate() - timedelta(days=3)
    offers.make("Alt", review_due=due, cities=["monheim", "wuelfrath"])
    html = admin_client.get("/admin/reports/pruefung-faellig/").content.decode()
    assert "Monheim am Rhein, Wülfrath" in html
    assert f"<td>{due:%d.%m.%Y}</td>" in html
    assert f"<td>{due + timedelta(days=1):%d.%m.%Y}</td>" in html
    response = admin_client.get("/admin/reports/pruefung-faellig/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Titel", "Stadt", "prüfen bis", "überfällig seit"]
    assert rows[1][1] == "Monheim am Rhein, Wülfrath"


def test_reviewed_unchanged_in_one_click(client, use_database, offers, group_member, settings):
    own = offers.make("Eigenes", review_due=timezone.localdate() - timedelta(days=3), cities=["hilden"])
    draft = own.get_latest_revision_as_object()
    draft.summary = "Entwurf"
    draft.save_revision()  # a waiting draft must not bring the old review date back when it is published
    other = offers.make("Fremdes", review_due=timezone.localdate() - timedelta(days=3), cities=["velbert"])
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    html = client.get("/admin/reports/pruefung-faellig/").content.decode()
    assert f'action="/admin/angebote/{own.pk}/geprueft/"' in html
    response = client.post(f"/admin/angebote/{own.pk}/geprueft/", {"next": "/admin/reports/pruefung-faellig/"})
    assert response.status_code == 302
    own = OfferPage.objects.get(pk=own.pk)
    expected = timezone.localdate() + timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    assert (own.last_reviewed, own.review_due) == (timezone.localdate(), expected)
    assert own.get_latest_revision_as_object().review_due == expected
    assert own.get_latest_revision_as_object().summary == "Entwurf"
    html = client.get("/admin/reports/pruefung-faellig/").content.decode()
    assert "„Eigenes“ ist als geprüft vermerkt" in html  # the message, once
    assert f'action="/admin/angebote/{own.pk}/geprueft/"' not in html  # no longer listed
    client.post(f"/admin/angebote/{other.pk}/geprueft/")  # another city's offer: refused (Wagtail redirects)
    assert OfferPage.objects.get(pk=other.pk).review_due == timezone.localdate() - timedelta(days=3)
    assert client.get(f"/admin/angebote/{own.pk}/geprueft/").status_code == 405


def test_administrators_name_a_city_teams_responsible_editor(admin_client, use_database, group_member):
    from editorial.models import CityTeam

    lead = group_member("hilden-lead", "Redaktion Hilden")
    team = CityTeam.objects.get(city__slug="hilden")
    response = admin_client.post(
        f"/admin/city_teams/edit/{team.pk}/",
        {"group": team.group_id, "city": team.city_id, "responsible": lead.pk},
    )
    assert response.status_code == 302
    assert CityTeam.objects.get(pk=team.pk).responsible == lead


def test_an_offer_taken_offline_says_why(client, use_database, offers, group_member, settings):
    settings.REVIEW_GRACE_DAYS = 30
    gone = offers.make("Lange überfällig", review_due=timezone.localdate() - timedelta(days=31), cities=["hilden"])
    call_command("remind_reviews", stdout=io.StringIO())
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    html = client.get(f"/admin/pages/{gone.pk}/edit/").content.decode()
    assert f"Dieses Angebot ist seit dem {timezone.localdate():%d.%m.%Y} offline, weil seine Prüfung zu lange" in html
    assert 'data-status="offline"' in client.get("/admin/").content.decode()
    # Taken offline by hand, it says nothing of the kind.
    other = offers.make("Von Hand offline", cities=["hilden"])
    OfferPage.objects.get(pk=other.pk).unpublish()
    assert "offline, weil" not in client.get(f"/admin/pages/{other.pk}/edit/").content.decode()
