"""A reviewed German starter set of synonyms, so a new installation understands searchers from day one.

Words the people who search this catalogue use (schools, youth work, sport, administration, families)
beside the words the offers are written in. Editors change or delete them under "Synonyme"; running the
migration again never overwrites their changes (groups are only added when absent).
"""

from django.db import migrations

STARTER_SET = [
    # sport
    "Übungsleitende, Übungsleiter, Übungsleiterin, Übungsleitung, Trainer, Trainerin, Trainerinnen",
    "Sportverein, Sportvereine, Sportclub, Verein im Sport",
    "Schiedsrichter, Schiedsrichterin, Schiri",
    "Fußball, Kicken, Fussball",
    # families and early childhood
    "Kita, Kitas, Kindertagesstätte, Kindergarten, Kindertageseinrichtung",
    "Eltern, Erziehungsberechtigte, Mütter, Väter",
    "Familienzentrum, Familienbildungsstätte",
    # schools and training
    "Lehrkräfte, Lehrer, Lehrerinnen, Lehrpersonal",
    "Schüler, Schülerinnen, Schülerschaft",
    "Azubi, Azubis, Auszubildende, Lehrling, Lehrlinge",
    "Fortbildung, Weiterbildung, Schulung, Qualifizierung",
    "Schulsozialarbeit, Schulsozialarbeiter, Schulsozialarbeiterin",
    # youth work
    "Jugendliche, Teenager, junge Menschen",
    "Jugendzentrum, Jugendtreff, Jugendhaus, Jugendclub",
    "Jugendarbeit, Jugendhilfe, Jugendpflege",
    # civil society, migration
    "Ehrenamt, Ehrenamtliche, Freiwillige, Freiwilligenarbeit, bürgerschaftliches Engagement",
    "Zugewanderte, Migranten, Migrantinnen, Eingewanderte, Neuzugewanderte, Migrationsgeschichte",
    "Flüchtlinge, Geflüchtete, Schutzsuchende, Asylsuchende",
    "Dolmetschen, Dolmetschung, Übersetzung, Sprachmittlung",
    # administration and politics
    "Verwaltung, Behörde, Behörden, Amt, Ämter",
    "Kommunalpolitik, Lokalpolitik, Stadtrat, Gemeinderat, Kreistag",
    # the subject
    "Rechtsextremismus, Rechtsradikalismus, Neonazis, extreme Rechte",
    "Hate Speech, Hassrede, Hasskommentare, Hetze",
    "Antidiskriminierung, Gleichbehandlung",
    "Opfer, Betroffene, Geschädigte",
    "Gebärdensprache, gehörlos, Gehörlose",
    "Mobbing, Cybermobbing",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in STARTER_SET:
        Synonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_compound_words")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
