"""Every cell of the permission matrix: role × own city / other city / district-wide × action."""

import pytest
from wagtail.models import GroupApprovalTask

from catalogue.models import CatalogueIndexPage, OfferPage
from tests.editorial.forms import offer_form as editor_form

pytestmark = pytest.mark.django_db

TARGETS = {"own": "hilden", "other": "velbert", "district": "kreisweit"}
ACTIONS = ("create", "edit", "submit", "approve", "publish", "delete")
EXPECTED = {
    "fachstelle": {target: dict.fromkeys(ACTIONS, True) for target in TARGETS},
    "redaktion_hilden": {
        "own": {"create": True, "edit": True, "submit": True, "approve": False, "publish": False, "delete": False},
        "other": dict.fromkeys(ACTIONS, False),
        "district": dict.fromkeys(ACTIONS, False),
    },
}


@pytest.fixture
def users(group_member):
    return {
        "fachstelle": group_member("fachstelle", "Fachstelle"),
        "redaktion_hilden": group_member("hilden", "Redaktion Hilden"),
    }


@pytest.fixture
def targets(use_database, offers):
    return {target: offers.make(f"Angebot {city}", cities=[city]) for target, city in TARGETS.items()}


def offer_form(city, title):
    return editor_form(title, [city], slug=title.lower().replace(" ", "-"))


def can(client, user, target_page, action):
    client.force_login(user)
    if action == "create":
        catalogue = CatalogueIndexPage.objects.get()
        city = target_page.cities.get().slug
        before = OfferPage.objects.count()
        client.post(f"/admin/pages/add/catalogue/offerpage/{catalogue.pk}/", offer_form(city, f"Neu {city}"))
        return OfferPage.objects.count() == before + 1
    tester = target_page.permissions_for_user(user)
    if action == "edit":
        allowed = tester.can_edit()
        assert (client.get(f"/admin/pages/{target_page.pk}/edit/").status_code == 200) == allowed
        return allowed
    if action == "submit":
        return tester.can_submit_for_moderation()
    if action == "approve":
        task = GroupApprovalTask.objects.get(name="Prüfung durch die Fachstelle")
        return any(name == "approve" for name, *_ in task.get_actions(target_page, user))
    if action == "publish":
        return tester.can_publish()
    if action == "delete":
        return tester.can_delete()
    raise AssertionError(action)


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_cell(client, users, targets, role, target, action):
    assert can(client, users[role], targets[target], action) == EXPECTED[role][target][action]
