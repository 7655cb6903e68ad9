"""Knowledge content goes through the editorial workflow; the Fachstelle looks after it, city teams do not."""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

from knowledge.models import ArticlePage, EventIndexPage, GlossaryPage, KnowledgeIndexPage

pytestmark = pytest.mark.django_db


def test_every_knowledge_section_is_under_the_review_workflow():
    for model in (KnowledgeIndexPage, GlossaryPage, EventIndexPage):
        assert model.objects.get().get_workflow().name == "Prüfung"
    article = KnowledgeIndexPage.objects.get().add_child(
        instance=ArticlePage(title="Entwurf", summary="…", body=[("paragraph", "<p>Text</p>")], live=False)
    )
    assert article.get_workflow().name == "Prüfung"


def test_fachstelle_edits_and_publishes_knowledge_city_teams_cannot(group_member):
    fachstelle = group_member("fachstelle", "Fachstelle")
    team = group_member("hilden", "Redaktion Hilden")
    for section in (KnowledgeIndexPage, EventIndexPage):
        page = section.objects.get()
        assert page.permissions_for_user(fachstelle).can_add_subpage()
        assert page.permissions_for_user(fachstelle).can_publish_subpage()
        assert not page.permissions_for_user(team).can_add_subpage()
    documents = policy_registry.get_by_type(get_document_model())
    assert documents.user_has_permission(fachstelle, "add") and documents.user_has_permission(fachstelle, "choose")
    assert not documents.user_has_permission(team, "add")


def test_fachstelle_keeps_the_glossary_in_the_admin(client, group_member):
    client.force_login(group_member("fachstelle", "Fachstelle"))
    response = client.post(
        "/admin/snippets/knowledge/glossaryterm/add/",
        {
            "term": "Zivilcourage",
            "slug": "",
            "variants": "",
            "category": "prevention",
            "definition": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Mut.", "depth": 0, '
            '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/admin/snippets/knowledge/glossaryterm/").status_code == 200
    client.force_login(group_member("hilden", "Redaktion Hilden"))
    assert client.get("/admin/snippets/knowledge/glossaryterm/").status_code == 302  # no permission: redirected


def test_pages_of_the_home_page_are_the_site_sections():
    slugs = [p.slug for p in Page.objects.get(slug="home").get_children()]
    assert slugs == [
        "angebote",
        "wissen",
        "glossar",
        "veranstaltungen",
        "impressum",
        "datenschutz",
        "barrierefreiheit",
        "kontakt",
    ]  # the information pages last
