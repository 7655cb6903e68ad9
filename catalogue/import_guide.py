"""The import's columns explained in German, and a template file (CSV or XLSX) with one example row.

The guide is shown on the import page and the template is what a partner downloads to start from; the example
row is a valid import row (a test imports it), so the template never teaches a format the parser refuses.
"""

from django.utils.translation import gettext_lazy as _

from core.spreadsheets import download

from .importing import COLUMNS, OPTIONAL_COLUMNS, REQUIRED_VALUES
from .taxonomy import City, Language, OfferFormat, OfferKind, TargetGroup

# column: (what it means, an example value)
GUIDE = {
    "external_id": (
        _("Ihre feste Kennung des Angebots. Gleiche Kennung beim nächsten Import: das Angebot wird aktualisiert."),
        "hilden-2027-001",
    ),
    "kind": (
        _("Art des Angebots: measure (Maßnahme), contact_point (Anlaufstelle), qualification (Qualifizierung)."),
        "measure",
    ),
    "title": (_("Titel, wie er im Katalog erscheint (höchstens 255 Zeichen)."), "Workshop: Rechte Codes erkennen"),
    "summary": (
        _("Kurzbeschreibung in zwei, drei Sätzen (höchstens 500 Zeichen)."),
        "Jugendliche lernen Symbole und Codes der rechten Szene kennen.",
    ),
    "description": (_("Ausführliche Beschreibung; Absätze durch eine Leerzeile trennen."), ""),
    "target_groups": (
        _("Zielgruppen, mehrere durch | getrennt (Kürzel oder Name, siehe unten)."),
        "kinder-jugendliche|schulen-lehrkraefte",
    ),
    "cities": (
        _("Städte, mehrere durch | getrennt; Stadtredaktionen nur ihre eigene Stadt, „kreisweit“ nur die Fachstelle."),
        "hilden",
    ),
    "tags": (_("Schlagwörter, durch | getrennt (frei wählbar)."), "Codes|Workshop"),
    "provider": (_("Träger, der das Angebot macht (Name der Organisation)."), "Jugendzentrum Hilden"),
    "cost": (_("Kosten als Text, z. B. „5 € pro Person“."), ""),
    "languages": (_("Sprachen als ISO-Kürzel, durch | getrennt."), "de"),
    "contact_name": (_("Ansprechperson für Interessierte."), "A. Beispiel"),
    "email": (_("E-Mail für Interessierte."), "kontakt@example.org"),
    "phone": (_("Telefon für Interessierte."), "02103 12345"),
    "website": (_("Website des Angebots (mit https://)."), "https://example.org/workshop"),
    "street": (_("Straße und Hausnummer des Veranstaltungsorts."), "Mittelstraße 1"),
    "postcode": (_("Postleitzahl."), "40721"),
    "town": (_("Ort."), "Hilden"),
    "dates": (
        _("Termine als JJJJ-MM-TTTHH:MM, Ende nach „/“, mehrere durch | getrennt; leer für Dauerangebote."),
        "2027-02-04T14:00/2027-02-04T17:00",
    ),
    "registration_url": (_("Link zur Anmeldung (mit https://)."), ""),
    "format": (_("Optional: in_person (Präsenz), online oder hybrid; leer: Präsenz."), "in_person"),
    "free": (_("Optional: kostenfrei? ja oder nein."), "ja"),
    "age_min": (_("Optional: Mindestalter in Jahren."), "14"),
    "age_max": (_("Optional: Höchstalter in Jahren."), "18"),
    "barrier_free": (_("Optional: barrierefreier Ort? ja, nein oder leer (unbekannt)."), ""),
}
GUIDE_COLUMNS = COLUMNS + OPTIONAL_COLUMNS


def guide_rows():
    """The columns in file order as dicts for the import page: name, required, meaning, example."""
    return [
        {
            "column": column,
            "required": column in REQUIRED_VALUES,
            "meaning": GUIDE[column][0],
            "example": GUIDE[column][1],
        }
        for column in GUIDE_COLUMNS
    ]


def vocabularies():
    """The allowed values of the coded columns, as (column, [(code, name), ...])."""
    return [
        ("kind", list(OfferKind.choices)),
        ("format", list(OfferFormat.choices)),
        ("cities", list(City.objects.values_list("slug", "name"))),
        ("target_groups", list(TargetGroup.objects.values_list("slug", "name"))),
        ("languages", list(Language.objects.values_list("slug", "name"))),
    ]


def example_row():
    return {column: GUIDE[column][1] for column in GUIDE_COLUMNS}


def template_download(fmt):
    """The template file: the header row and the example row, as CSV or XLSX."""
    row = example_row()
    rows = [GUIDE_COLUMNS, [row[column] for column in GUIDE_COLUMNS]]
    return download(rows, f"angebote-vorlage.{fmt}", fmt=fmt)
