"""Seed the controlled taxonomy: the ten cities plus "kreisweit", the target groups, common languages."""

from django.db import migrations

CITIES = [
    ("erkrath", "Erkrath"), ("haan", "Haan"), ("heiligenhaus", "Heiligenhaus"), ("hilden", "Hilden"),
    ("langenfeld", "Langenfeld"), ("mettmann", "Mettmann"), ("monheim", "Monheim am Rhein"),
    ("ratingen", "Ratingen"), ("velbert", "Velbert"), ("wuelfrath", "Wülfrath"), ("kreisweit", "Kreisweit"),
]
TARGET_GROUPS = [
    ("schulen-lehrkraefte", "Schulen und Lehrkräfte"),
    ("kinder-jugendliche", "Kinder und Jugendliche"),
    ("jugendarbeit", "Fachkräfte der Jugendarbeit"),
    ("sportvereine", "Sportvereine"),
    ("eltern-familien", "Eltern und Familien"),
    ("betroffene", "Betroffene von Rassismus und rechter Gewalt"),
    ("verwaltung-politik", "Verwaltung und Politik"),
    ("zivilgesellschaft", "Zivilgesellschaft und Ehrenamt"),
]
LANGUAGES = [
    ("de", "Deutsch"), ("en", "Englisch"), ("tr", "Türkisch"), ("ar", "Arabisch"), ("uk", "Ukrainisch"),
    ("ru", "Russisch"), ("pl", "Polnisch"), ("fa", "Persisch"), ("ku", "Kurdisch"), ("fr", "Französisch"),
    ("it", "Italienisch"), ("es", "Spanisch"), ("ro", "Rumänisch"), ("bg", "Bulgarisch"), ("el", "Griechisch"),
    ("sq", "Albanisch"), ("ti", "Tigrinya"), ("ps", "Paschtu"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("City", CITIES), ("TargetGroup", TARGET_GROUPS), ("Language", LANGUAGES)):
        model = apps.get_model("catalogue", model_name)
        for order, (slug, name) in enumerate(rows):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    for model_name, rows in (("City", CITIES), ("TargetGroup", TARGET_GROUPS), ("Language", LANGUAGES)):
        apps.get_model("catalogue", model_name).objects.filter(slug__in=[s for s, _ in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
