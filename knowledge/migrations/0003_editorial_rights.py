"""The knowledge base goes through the same workflow as offers, and the Fachstelle looks after it.

The workflow "Prüfung und Freigabe" covers the three section pages (Wissen, Glossar, Veranstaltungen);
the Fachstelle may edit and publish their pages, keep the glossary, and upload documents and images.
City teams keep to their offers (see editorial/permissions.py).
"""

from django.db import migrations

SECTIONS = ["knowledgeindexpage", "glossarypage", "eventindexpage"]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
# Wagtail checks document permissions against its own Document model, also for a custom document model.
COLLECTION_PERMISSIONS = {"wagtaildocs.document": ["add_document", "change_document", "choose_document"],
                          "wagtailimages.image": ["add_image", "change_image", "choose_image"]}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    fachstelle = Group.objects.filter(name="Fachstelle").first()
    workflow = Workflow.objects.filter(name="Prüfung und Freigabe").first()
    sections = Page.objects.filter(content_type__app_label="knowledge", content_type__model__in=SECTIONS)
    for page in sections:
        if workflow:
            WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})
        for codename in PAGE_PERMISSIONS if fachstelle else []:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=fachstelle, page_id=page.pk, permission=permission)
    if fachstelle is None:
        return
    glossary = ContentType.objects.get(app_label="knowledge", model="glossaryterm")
    fachstelle.permissions.add(*Permission.objects.filter(content_type=glossary))
    root = Collection.objects.filter(depth=1).first()
    for label, codenames in COLLECTION_PERMISSIONS.items():
        app_label, model = label.split(".")
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, content_type__model=model,
                                                codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=fachstelle, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_site_pages"),
        ("editorial", "0002_roles_and_workflow"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
