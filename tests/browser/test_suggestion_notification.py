"""A partner asks, without JavaScript, to hear of the publication; a broken link says clearly why it fails."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_asking_for_the_notification_without_javascript(site_url, page_without_js, audit_page):
    page = page_without_js
    page.goto(site_url + "/vorschlagen/")
    notify = page.get_by_label("Benachrichtigen Sie mich per E-Mail, wenn das Angebot veröffentlicht ist")
    assert not notify.is_checked()  # consent is never preset
    page.get_by_label("Titel des Angebots *").fill("Erzählcafé gegen Vorurteile")
    page.get_by_label("Kurzbeschreibung *").fill("Ältere und Jüngere erzählen sich ihre Geschichten.")
    page.get_by_label("Hilden").check()
    page.get_by_label("Kinder und Jugendliche").first.check()
    page.get_by_label("Träger (Organisation) *").fill("Erzählwerk e. V.")
    page.get_by_label("Ihr Name *").fill("Mira Sommer")
    page.get_by_label("Ihre E-Mail-Adresse *").fill("mira@example.org")
    page.locator("#id_consent").check()
    notify.check()
    page.get_by_role("button", name="Vorschlag senden").click()
    page.wait_for_url("**/vorschlagen/danke/?bestaetigen=1")
    assert "Bestätigungslink" in page.locator("main").inner_text()

    audit_page.goto(site_url + "/vorschlagen/benachrichtigung/1/erfunden/")
    alert = audit_page.get_by_role("alert")
    assert "Der Link bestätigt nichts" in alert.inner_text()
    assert axe_violations(audit_page) == []
