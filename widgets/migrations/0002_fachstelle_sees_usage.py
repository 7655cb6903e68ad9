"""The Fachstelle sees "Widget-Nutzung" (which partner sites embed the catalogue), read-only.

Partner origins are the Fachstelle's business (it looks after partners); city teams do not need them.
Superusers keep full rights.
"""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    fachstelle = Group.objects.filter(name="Fachstelle").first()
    if fachstelle is not None:
        fachstelle.permissions.add(Permission.objects.get(content_type__app_label="widgets",
                                                          codename="view_widgetorigin"))


class Migration(migrations.Migration):
    dependencies = [("widgets", "0001_initial"), ("editorial", "0002_roles_and_workflow")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
