"""Replace Wagtail's welcome page by the home page and the catalogue under it."""

from django.db import migrations


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")
    CatalogueIndexPage = apps.get_model("catalogue.CatalogueIndexPage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    locale = Locale.objects.get_or_create(language_code="de")[0]
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    catalogue_type, _ = ContentType.objects.get_or_create(model="catalogueindexpage", app_label="catalogue")

    home = HomePage.objects.create(
        title="Präventionskatalog Kreis Mettmann", draft_title="Präventionskatalog Kreis Mettmann",
        slug="home", content_type=home_type, path="00010001", depth=2, numchild=1, url_path="/home/",
        locale=locale,
        intro="<p>Angebote gegen Rechtsextremismus und Rassismus in den zehn Städten des Kreises Mettmann: "
              "Maßnahmen, Anlaufstellen und Qualifizierungen für Schulen, Vereine und Jugendarbeit.</p>",
    )
    CatalogueIndexPage.objects.create(
        title="Angebote", draft_title="Angebote", slug="angebote", content_type=catalogue_type,
        path="000100010001", depth=3, numchild=0, url_path="/home/angebote/", locale=locale,
        intro="<p>Suchen Sie nach Stichwort, Stadt und Zielgruppe.</p>",
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                        site_name="Präventionskatalog Kreis Mettmann")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("catalogue", "0002_seed_taxonomy"),
    ]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
