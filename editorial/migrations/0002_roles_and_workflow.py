"""Seed the editorial roles and the workflow "Prüfung und Freigabe" on the catalogue.

- "Fachstelle": reviews, approves or rejects, publishes, edits and deletes every offer; manages taxonomy,
  synonyms, site settings, partner submissions.
- "Redaktion <Stadt>" for each of the ten cities: creates and edits its city's offers and submits them for
  review (narrowed by city in editorial/permissions.py); cannot publish or delete.
"""

from django.db import migrations

CITIES = ["erkrath", "haan", "heiligenhaus", "hilden", "langenfeld", "mettmann", "monheim", "ratingen", "velbert",
          "wuelfrath"]
FACHSTELLE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
                               "bulk_delete_page"]
TEAM_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
FACHSTELLE_MODEL_PERMISSIONS = {
    "catalogue": ["city", "targetgroup", "language", "organisation"],
    "search": ["synonym"],
    "submissions": ["submission"],
    "home": ["sitesettings"],
}


def seed(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    CatalogueIndexPage = apps.get_model("catalogue", "CatalogueIndexPage")
    City = apps.get_model("catalogue", "City")
    CityTeam = apps.get_model("editorial", "CityTeam")
    catalogue = CatalogueIndexPage.objects.first()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    def page_permissions(group, codenames):
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=catalogue.pk, permission=permission)

    fachstelle, _ = Group.objects.get_or_create(name="Fachstelle")
    fachstelle.permissions.add(access_admin)
    for app_label, models in FACHSTELLE_MODEL_PERMISSIONS.items():
        for model in models:
            content_type = ContentType.objects.get(app_label=app_label, model=model)
            fachstelle.permissions.add(*Permission.objects.filter(content_type=content_type))
    if catalogue:
        page_permissions(fachstelle, FACHSTELLE_PAGE_PERMISSIONS)

    for slug in CITIES:
        city = City.objects.get(slug=slug)
        team, _ = Group.objects.get_or_create(name=f"Redaktion {city.name}")
        team.permissions.add(access_admin)
        CityTeam.objects.get_or_create(group=team, defaults={"city": city})
        if catalogue:
            page_permissions(team, TEAM_PAGE_PERMISSIONS)

    if catalogue:
        Workflow = apps.get_model("wagtailcore", "Workflow")
        WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
        WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
        GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
        task_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
        workflow, _ = Workflow.objects.get_or_create(name="Prüfung und Freigabe")
        task, _ = GroupApprovalTask.objects.get_or_create(name="Freigabe durch die Fachstelle",
                                                          defaults={"content_type": task_type})
        task.groups.set([fachstelle])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("home", "0002_site_pages"),
        ("search", "0003_index_state"),
        ("submissions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
