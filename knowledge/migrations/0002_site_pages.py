"""Add the knowledge pages under the home page: Wissen, Glossar and Veranstaltungen."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail configures it
STEPLEN = 4

PAGES = [
    ("knowledgeindexpage", "Wissen", "wissen",
     "<p>Hintergründe zu Rechtsextremismus, Rassismus und Prävention für Schule, Verein und Jugendarbeit.</p>"),
    ("glossarypage", "Glossar", "glossar",
     "<p>Begriffe, Codes und Symbole von A bis Z, kurz erklärt.</p>"),
    ("eventindexpage", "Veranstaltungen", "veranstaltungen",
     "<p>Regionalkonferenzen und Qualifizierungen des Handlungskonzepts in allen zehn Städten.</p>"),
]


def _next_path(parent_path, last_child_path):
    if last_child_path is None:
        return parent_path + "0001"
    number, step = 0, last_child_path[-STEPLEN:]
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEPLEN):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent_path + digits


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    home = HomePage.objects.first()
    if home is None:
        return
    for model_name, title, slug, intro in PAGES:
        if Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug=slug).exists():
            continue
        model = apps.get_model("knowledge", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model=model_name)
        last = (Page.objects.filter(depth=home.depth + 1, path__startswith=home.path)
                .order_by("-path").values_list("path", flat=True).first())
        model.objects.create(
            title=title, draft_title=title, slug=slug, content_type=content_type, intro=intro,
            path=_next_path(home.path, last), depth=home.depth + 1, numchild=0,
            url_path=f"{home.url_path}{slug}/", locale_id=home.locale_id, live=True,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
        home.numchild += 1


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("home", "0002_site_pages"),
    ]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
