"""Every knowledge page type renders its content, server-side, with German texts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from catalogue.models import TargetGroup
from knowledge.models import EventDownload, EventPhoto, GlossaryTerm

pytestmark = pytest.mark.django_db


def jsonld(html):
    import json
    import re

    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def make_image(title="Foto"):
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "#00456e").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="foto.png"))


def test_article_renders_every_block_and_links_glossary_terms_once(client, use_database, knowledge, offers):
    offers.make("Workshop Zivilcourage", cities=["hilden"], target_groups=["sportvereine"])
    offers.make("Elterncafé", cities=["haan"], target_groups=["eltern-familien"])
    knowledge.term("Zivilcourage", category="prevention")
    document = knowledge.document("Handreichung Verein")
    image = make_image()
    group = TargetGroup.objects.get(slug="sportvereine")
    article = knowledge.article(
        "Courage im Verein",
        tags=["Sport"],
        target_groups=["sportvereine"],
        body=[
            ("heading", "Worum es geht"),
            ("paragraph", "<p>Zivilcourage lässt sich üben. Zivilcourage braucht Übung.</p>"),
            ("quote", {"quote": "Hinsehen statt wegsehen.", "source": "Eine Trainerin"}),
            (
                "image",
                {"image": {"image": image, "decorative": False, "alt_text": "Ein Spielfeld"}, "caption": "Training"},
            ),
            ("document", {"document": document, "label": ""}),
            (
                "offers",
                {
                    "heading": "Angebote für Vereine",
                    "text": "",
                    "city": None,
                    "target_group": group,
                    "kind": "",
                    "tag": "",
                    "limit": 5,
                },
            ),
        ],
    )
    html = client.get(article.url).content.decode()
    assert "<h2>Worum es geht</h2>" in html
    assert html.count('class="glossary-link"') == 1
    assert '<a class="glossary-link" href="/glossar/#zivilcourage">Zivilcourage</a> lässt' in html
    assert "<blockquote><p>Hinsehen statt wegsehen.</p></blockquote>" in html
    assert 'alt="Ein Spielfeld"' in html and "<figcaption>Training</figcaption>" in html
    assert f'href="{document.url}">Handreichung Verein</a>' in html
    # The offer list asks the search service: the matching offer, not the other one, and a catalogue link.
    assert "Workshop Zivilcourage" in html and "Elterncafé" not in html
    assert 'href="/angebote/?target_group=sportvereine"' in html
    assert 'href="/wissen/?thema=Sport"' in html


def test_offer_list_block_rejects_what_the_catalogue_would_reject():
    from knowledge.blocks import OfferListBlock

    block = OfferListBlock()
    value = block.to_python({"heading": "", "text": "x" * 150, "tag": "y" * 101, "limit": 3})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_knowledge_index_filters_by_target_group_and_topic(client, knowledge):
    knowledge.article("Codes erkennen", target_groups=["schulen-lehrkraefte"], tags=["Codes"])
    knowledge.article("Rassismus im Verein", target_groups=["sportvereine"], tags=["Sport"])
    html = client.get("/wissen/").content.decode()
    assert "Codes erkennen" in html and "Rassismus im Verein" in html
    html = client.get("/wissen/", {"zielgruppe": "sportvereine"}).content.decode()
    assert "Rassismus im Verein" in html and "Codes erkennen" not in html
    html = client.get("/wissen/", {"thema": "Codes"}).content.decode()
    assert "Codes erkennen" in html and "Rassismus im Verein" not in html
    html = client.get("/wissen/", {"thema": "Unbekannt"}).content.decode()
    assert "Unbekanntes Thema: Unbekannt." in html


def test_glossary_page_lists_terms_from_a_to_z_with_anchors(client, knowledge):
    knowledge.term("Zivilcourage", category="prevention")
    knowledge.term("Ökonomisierung", category="racism")
    knowledge.term("88", variants="Achtundachtzig", category="codes")
    html = client.get("/glossar/").content.decode()
    assert html.index(">0–9<") < html.index(">O<") < html.index(">Z<")
    assert 'id="88"' in html and "(Achtundachtzig)" in html and 'id="oekonomisierung"' in html
    assert "Codes und Symbole" in html


def test_glossary_term_validation():
    term = GlossaryTerm(term="Rassismus", variants="x, rassistisch", category="racism", definition="<p>.</p>")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "variants" in error.value.message_dict
    GlossaryTerm.objects.create(term="Rassismus", category="racism", definition="<p>.</p>")
    clash = GlossaryTerm(term="Rassismus!", category="racism", definition="<p>.</p>")
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "slug" in error.value.message_dict


def test_planned_event_shows_programme_and_registration(client, knowledge):
    start = timezone.now() + timedelta(days=30)
    event = knowledge.event(
        "Regionalkonferenz Haan",
        city="haan",
        start=start,
        venue="Rathaus Haan",
        registration_url="https://example.org/anmeldung",
        registration_deadline=(start - timedelta(days=7)).date(),
        programme=[("item", {"time": "14:00", "title": "Begrüßung", "speaker": "Bürgermeisterin"})],
    )
    html = client.get(event.url).content.decode()
    assert "Rathaus Haan" in html and "Begrüßung" in html and "Bürgermeisterin" in html
    assert 'href="https://example.org/anmeldung"' in html and "Anmeldung bis" in html
    assert "Dokumentation" not in html
    data = jsonld(html)
    assert data["@type"] == "Event" and data["name"] == "Regionalkonferenz Haan"
    assert data["startDate"] == start.isoformat() and data["location"]["name"] == "Rathaus Haan"
    assert data["offers"]["url"] == "https://example.org/anmeldung" and "subjectOf" not in data


def test_past_event_shows_its_documentation(client, knowledge):
    event = knowledge.event(
        "Regionalkonferenz Hilden",
        start=timezone.now() - timedelta(days=30),
        registration_url="https://example.org/anmeldung",
        results="<p>Drei Arbeitsgruppen, viele Ideen.</p>",
    )
    document = knowledge.document("Protokoll Hilden")
    page = event.get_latest_revision_as_object()
    page.photos = [EventPhoto(image=make_image(), alt_text="Teilnehmende im Plenum", caption="Plenum")]
    page.downloads = [EventDownload(document=document)]
    page.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "hat stattgefunden" in html and "Drei Arbeitsgruppen, viele Ideen." in html
    assert 'alt="Teilnehmende im Plenum"' in html and "Protokoll Hilden" in html
    assert "Zur Anmeldung" not in html
    data = jsonld(html)
    assert "offers" not in data  # registration is over
    assert data["subjectOf"] == [
        {"@type": "DigitalDocument", "name": "Protokoll Hilden", "url": "http://testserver" + document.url}
    ]


def test_event_validation():
    from knowledge.models import EventPage

    start = timezone.now()
    page = EventPage(title="X", start=start, end=start - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end" in error.value.message_dict


def test_overview_shows_held_planned_and_missing_conferences_per_city(client, knowledge):
    now = timezone.now()
    knowledge.event("Regionalkonferenz Hilden", city="hilden", start=now - timedelta(days=40))
    knowledge.event("Regionalkonferenz Haan", city="haan", start=now + timedelta(days=40))
    knowledge.event("Qualifizierung Codes", city="kreisweit", kind="qualification", start=now + timedelta(days=5))
    context = client.get("/veranstaltungen/").context
    rows = {row.city.slug: row for row in context["overview"]}
    assert len(rows) == 10 and "kreisweit" not in rows  # every city of the district, district-wide apart
    assert [e.title for e in rows["hilden"].held] == ["Regionalkonferenz Hilden"] and not rows["hilden"].planned
    assert [e.title for e in rows["haan"].planned] == ["Regionalkonferenz Haan"] and not rows["haan"].held
    assert rows["velbert"].missing and not rows["hilden"].missing
    assert [e.title for e in context["upcoming"]] == ["Qualifizierung Codes", "Regionalkonferenz Haan"]
    html = client.get("/veranstaltungen/").content.decode()
    assert html.count('class="gap"') == 8


def test_demo_content_loads_twice_without_duplicates(client, use_database, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    from knowledge.models import ArticlePage, EventPage

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())
        call_command("load_demo_content", stdout=io.StringIO())
    assert ArticlePage.objects.count() == 3 and EventPage.objects.count() == 10
    assert GlossaryTerm.objects.count() == 10
    for url in ["/wissen/", "/glossar/", "/veranstaltungen/"] + [p.url for p in ArticlePage.objects.all()]:
        assert client.get(url).status_code == 200, url
