"""One word for the review step everywhere: the workflow is "Prüfung", its task "Prüfung durch die Fachstelle".

Wagtail puts both names into buttons ("Zur Prüfung einreichen"), messages and mails; "Prüfung und Freigabe" beside
Wagtail's "Moderation" and "abgelehnt" named one step three ways (locale/de overrides Wagtail's words).
"""

from django.db import migrations

RENAMES = {
    "Workflow": ("Prüfung und Freigabe", "Prüfung"),
    "Task": ("Freigabe durch die Fachstelle", "Prüfung durch die Fachstelle"),
}


def rename(apps, schema_editor, reverse=False):
    for model_name, (old, new) in RENAMES.items():
        if reverse:
            old, new = new, old
        apps.get_model("wagtailcore", model_name).objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_city_team_responsible"), ("knowledge", "0003_editorial_rights")]
    operations = [migrations.RunPython(rename, lambda apps, editor: rename(apps, editor, reverse=True))]
