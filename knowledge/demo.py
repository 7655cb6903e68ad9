"""Demo content of the knowledge base: glossary, documents, articles and events (safe to load twice).

Event dates are relative to today, so the demo always shows held and planned conferences, and two
cities without one (the gaps the overview is there to show).
"""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection

from catalogue.taxonomy import City, TargetGroup

from .models import ArticlePage, EventIndexPage, EventPage, GlossaryTerm, KnowledgeDocument, KnowledgeIndexPage

GLOSSARY = [
    (
        "88",
        "codes",
        "Achtundachtzig",
        "<p>Zahlencode für „Heil Hitler“: H ist der achte Buchstabe des Alphabets. Taucht auf Kleidung, in "
        "Nutzernamen, Tattoos und Autokennzeichen auf.</p>",
    ),
    (
        "Schwarze Sonne",
        "codes",
        "",
        "<p>Symbol aus zwölf gebrochenen Sig-Runen, einem Bodenmosaik der SS in der Wewelsburg nachgebildet. "
        "Gilt in der extremen Rechten als Ersatz für das verbotene Hakenkreuz.</p>",
    ),
    (
        "Rechtsextremismus",
        "extremism",
        "rechtsextrem, rechtsextreme, rechtsextremen, rechtsextremer",
        "<p>Sammelbegriff für Einstellungen und Handlungen, die von der Ungleichwertigkeit von Menschen ausgehen, "
        "Gewalt befürworten und die demokratische Grundordnung ablehnen.</p>",
    ),
    (
        "Reichsbürger",
        "extremism",
        "Reichsbürgerinnen, Reichsbürgerbewegung",
        "<p>Personen, die die Bundesrepublik Deutschland und ihre Rechtsordnung nicht anerkennen; oft verbunden "
        "mit Antisemitismus und Verschwörungserzählungen.</p>",
    ),
    (
        "Rassismus",
        "racism",
        "rassistisch, rassistische, rassistischen, rassistischer",
        "<p>Abwertung und Ausgrenzung von Menschen wegen zugeschriebener Herkunft, Hautfarbe, Religion oder "
        "Kultur, getragen von gesellschaftlichen Machtverhältnissen.</p>",
    ),
    (
        "Alltagsrassismus",
        "racism",
        "",
        "<p>Rassismus in alltäglichen Situationen: Bemerkungen, Blicke, Benachteiligung bei Wohnungssuche, "
        "Arbeit oder im Verein, oft ohne böse Absicht und gerade deshalb schwer anzusprechen.</p>",
    ),
    (
        "Antisemitismus",
        "racism",
        "antisemitisch, antisemitische, antisemitischen",
        "<p>Feindschaft gegen Jüdinnen und Juden oder gegen als jüdisch wahrgenommene Menschen und "
        "Einrichtungen, auch in Form von Verschwörungserzählungen.</p>",
    ),
    (
        "Racial Profiling",
        "racism",
        "",
        "<p>Polizeiliche oder behördliche Kontrollen, die sich an äußeren Merkmalen wie der Hautfarbe statt an "
        "einem konkreten Verdacht orientieren.</p>",
    ),
    (
        "Zivilcourage",
        "prevention",
        "",
        "<p>Der Mut, im Alltag für andere einzutreten, wenn Menschen herabgesetzt oder angegriffen werden, ohne "
        "sich selbst in Gefahr zu bringen.</p>",
    ),
    (
        "Empowerment",
        "prevention",
        "",
        "<p>Stärkung von Menschen, die Rassismus erfahren: eigene Räume, Beratung und Netzwerke, in denen sie "
        "ihre Interessen selbst vertreten.</p>",
    ),
]

DOCUMENTS = [
    (
        "Handlungskonzept gegen Rechtsextremismus und Rassismus (Kurzfassung)",
        "handlungskonzept.pdf",
        "Ziele, Handlungsfelder und Maßnahmen des Kreises Mettmann: Regionalkonferenzen, Qualifizierungen, "
        "Bedarfs- und Bestandsanalyse, Arbeitskreis mit Verwaltung, Polizei und Sportbund.",
        ["Handlungskonzept", "Kreis Mettmann"],
    ),
    (
        "Handreichung: Rechtsextreme Codes und Symbole",
        "handreichung-codes.pdf",
        "Übersicht über Zahlencodes, Runen und Modemarken der extremen Rechten mit Hinweisen für Lehrkräfte "
        "und Übungsleitungen.",
        ["Codes", "Schule"],
    ),
    (
        "Ergebnisse der Regionalkonferenz Hilden",
        "ergebnisse-hilden.pdf",
        "Protokoll der Arbeitsgruppen: Vernetzung von Schule und Jugendarbeit, Beratung für Betroffene, "
        "nächste Schritte in Hilden.",
        ["Regionalkonferenz", "Hilden"],
    ),
]

ARTICLES = [
    {
        "slug": "rechtsextreme-codes-erkennen",
        "title": "Rechtsextreme Codes und Symbole erkennen",
        "summary": "Zahlen, Runen, Modemarken: woran Lehrkräfte und Übungsleitungen rechtsextreme Botschaften "
        "erkennen und wie sie reagieren können.",
        "groups": ["schulen-lehrkraefte", "jugendarbeit"],
        "tags": ["Codes", "Schule"],
        "body": [
            (
                "paragraph",
                "<p>Rechtsextremismus zeigt sich selten offen. Viel häufiger tauchen Codes auf, die "
                "nur Eingeweihte verstehen: die Zahl 88 auf einem T-Shirt, die Schwarze Sonne als "
                "Aufnäher oder eine Modemarke, deren Name eine Anspielung enthält.</p>",
            ),
            ("heading", "Hinschauen und ansprechen"),
            (
                "paragraph",
                "<p>Wer einen Code entdeckt, sollte das Gespräch suchen: Was bedeutet das Zeichen für "
                "dich? Rechtsextreme Symbole sind nicht immer strafbar, aber immer ein Anlass, "
                "Haltung zu zeigen.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Wer die Codes kennt, kann früh reagieren, bevor sich Einstellungen verfestigen.",
                    "source": "Mobile Beratung gegen Rechtsextremismus",
                },
            ),
            ("document", "Handreichung: Rechtsextreme Codes und Symbole"),
            (
                "offers",
                {
                    "heading": "Fortbildungen zum Thema",
                    "text": "Rechtsextremismus",
                    "target_group": "schulen-lehrkraefte",
                    "limit": 3,
                },
            ),
        ],
    },
    {
        "slug": "alltagsrassismus-im-sportverein",
        "title": "Alltagsrassismus im Sportverein begegnen",
        "summary": "Sprüche in der Kabine, Beleidigungen am Spielfeldrand: wie Vereine Rassismus ansprechen "
        "und Betroffene stärken.",
        "groups": ["sportvereine", "zivilgesellschaft"],
        "tags": ["Sport", "Rassismus"],
        "body": [
            (
                "paragraph",
                "<p>Alltagsrassismus beginnt oft mit einem Witz. Im Verein hilft ein klarer Rahmen: "
                "eine Satzung, die Rassismus ausschließt, Ansprechpersonen und Zivilcourage von "
                "Trainerinnen und Trainern.</p>",
            ),
            ("heading", "Betroffene stärken"),
            (
                "paragraph",
                "<p>Wer rassistisch beleidigt wird, braucht Rückhalt. Empowerment heißt: zuhören, "
                "ernst nehmen und auf Beratungsstellen hinweisen.</p>",
            ),
            ("offers", {"heading": "Angebote für Vereine", "text": "", "target_group": "sportvereine", "limit": 3}),
        ],
    },
    {
        "slug": "rassistischer-vorfall-an-der-schule",
        "title": "Was tun bei einem rassistischen Vorfall an der Schule?",
        "summary": "Ein Leitfaden in vier Schritten: schützen, dokumentieren, einordnen, vorbeugen.",
        "groups": ["schulen-lehrkraefte", "betroffene"],
        "tags": ["Schule", "Rassismus"],
        "body": [
            (
                "paragraph",
                "<p>Rassismus an der Schule verlangt eine schnelle und klare Reaktion. Zuerst gilt "
                "es, die betroffene Person zu schützen und den Vorfall zu dokumentieren.</p>",
            ),
            ("heading", "Einordnen und vorbeugen"),
            (
                "paragraph",
                "<p>Danach hilft eine Einordnung mit Fachleuten. Auch Antisemitismus und "
                "Verschwörungserzählungen gehören in den Unterricht.</p>",
            ),
            ("offers", {"heading": "Beratung in der Nähe", "text": "Beratung", "limit": 3}),
        ],
    },
]

# (city slug, days from today, kind, title, organiser)
EVENTS = [
    ("erkrath", -200, "conference", "Regionalkonferenz Erkrath", "Stadt Erkrath und Kommunales Integrationszentrum"),
    ("hilden", -120, "conference", "Regionalkonferenz Hilden", "Stadt Hilden und Kommunales Integrationszentrum"),
    ("mettmann", -60, "conference", "Regionalkonferenz Mettmann", "Kreisstadt Mettmann"),
    ("ratingen", -30, "conference", "Regionalkonferenz Ratingen", "Stadt Ratingen"),
    ("haan", 21, "conference", "Regionalkonferenz Haan", "Stadt Haan"),
    ("langenfeld", 45, "conference", "Regionalkonferenz Langenfeld", "Stadt Langenfeld"),
    ("monheim", 70, "conference", "Regionalkonferenz Monheim am Rhein", "Stadt Monheim am Rhein"),
    ("velbert", 95, "conference", "Regionalkonferenz Velbert", "Stadt Velbert"),
    (
        "kreisweit",
        14,
        "qualification",
        "Qualifizierung: Rechtsextreme Codes im Schulalltag",
        "Kommunales Integrationszentrum Kreis Mettmann",
    ),
    ("kreisweit", -45, "qualification", "Qualifizierung: Rassismuskritische Vereinsarbeit", "Kreissportbund Mettmann"),
]


def load():
    """Create what is missing; returns counts of created items."""
    created = {"glossary": 0, "documents": 0, "articles": 0, "events": 0}
    for term, category, variants, definition in GLOSSARY:
        _obj, new = GlossaryTerm.objects.get_or_create(
            term=term, defaults={"category": category, "variants": variants, "definition": definition}
        )
        created["glossary"] += new
    documents = {}
    for title, filename, description, tags in DOCUMENTS:
        document = KnowledgeDocument.objects.filter(title=title).first()
        if document is None:
            document = KnowledgeDocument(
                title=title, description=description, collection=Collection.get_first_root_node()
            )
            document.file.save(filename, ContentFile(simple_pdf([title, description])), save=False)
            document.save()
            document.tags.set(tags)
            created["documents"] += 1
        documents[title] = document
    index = KnowledgeIndexPage.objects.first()
    for spec in ARTICLES if index else []:
        if not ArticlePage.objects.filter(slug=spec["slug"]).exists():
            _publish(index, _article(spec, documents))
            created["articles"] += 1
    events = EventIndexPage.objects.first()
    for spec in EVENTS if events else []:
        if not EventPage.objects.filter(title=spec[3]).exists():
            _publish(events, _event(*spec, documents))
            created["events"] += 1
    return created


def _article(spec, documents):
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    body = []
    for kind, value in spec["body"]:
        if kind == "document":
            value = {"document": documents[value], "label": ""}
        elif kind == "offers":
            value = {
                "heading": value["heading"],
                "text": value.get("text", ""),
                "city": None,
                "target_group": groups.get(value.get("target_group")),
                "kind": "",
                "tag": "",
                "limit": value["limit"],
            }
        body.append((kind, value))
    page = ArticlePage(title=spec["title"], slug=spec["slug"], summary=spec["summary"], body=body)
    page.target_groups = list(TargetGroup.objects.filter(slug__in=spec["groups"]))
    page.tags.set(spec["tags"])
    return page


def weekday_at(days, hour):
    """``days`` from today at ``hour`` o'clock local time (Europe/Berlin), moved off the weekend.

    Conferences happen on working days: a Saturday or Sunday moves to the Monday after (future dates) or
    the Friday before (past ones), so a date never crosses from past to future.
    """
    day = timezone.localdate() + timedelta(days=days)
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday()) if days >= 0 else -timedelta(days=day.weekday() - 4)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _event(city_slug, days, kind, title, organiser, documents):
    start = weekday_at(days, 14)
    city = City.objects.get(slug=city_slug)
    past = days < 0
    page = EventPage(
        title=title,
        kind=kind,
        city=city,
        start=start,
        end=start + timedelta(hours=4),
        venue=f"Rathaus {city.name}" if city_slug != "kreisweit" else "Kreishaus Mettmann",
        organiser=organiser,
        summary=(
            f"Verwaltung, Schulen, Vereine, Polizei und Initiativen aus {city.name} beraten, was vor Ort "
            "gegen Rechtsextremismus und Rassismus gebraucht wird."
            if kind == "conference"
            else "Eine Fortbildung des Handlungskonzepts für Fachkräfte aus dem ganzen Kreis."
        ),
        programme=[
            ("item", {"time": "14:00", "title": "Begrüßung", "speaker": organiser}),
            (
                "item",
                {
                    "time": "14:30",
                    "title": "Lagebild: Rechtsextremismus und Rassismus vor Ort",
                    "speaker": "Mobile Beratung",
                },
            ),
            ("item", {"time": "15:30", "title": "Arbeitsgruppen: Schule, Jugendarbeit, Sport", "speaker": ""}),
            ("item", {"time": "17:30", "title": "Ergebnisse und nächste Schritte", "speaker": ""}),
        ],
        registration_email="" if past else "integration@kreis-mettmann.de",
        registration_deadline=None if past else (start - timedelta(days=7)).date(),
        results=(
            "<p>In drei Arbeitsgruppen wurden Bedarfe gesammelt: mehr Fortbildungen für Lehrkräfte, "
            "eine Anlaufstelle für Betroffene und Workshops zu Zivilcourage in Vereinen.</p>"
        )
        if past
        else "",
    )
    page.target_groups = list(TargetGroup.objects.filter(slug__in=["verwaltung-politik", "zivilgesellschaft"]))
    if city_slug == "hilden":
        from .models import EventDownload

        page.downloads = [EventDownload(document=documents["Ergebnisse der Regionalkonferenz Hilden"])]
    return page


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()


def simple_pdf(lines):
    """A minimal one-page PDF with the given lines (Latin-1 text; enough for demo downloads)."""
    text = " T* ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj" for line in lines
    )
    stream = f"BT /F1 11 Tf 14 TL 50 780 Td {text} ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
