"""Offer addresses transliterate German (…-fuer-lehrkraefte, not …-fur-lehrkrafte); the old address redirects.

Only slugs the import generated from the title are changed (an editor's own slug stays). The latest revision
gets the new slug too, so publishing it later does not bring the old address back. The search index keeps
the old address until ``rebuild_search_index`` (run by scripts/run) or the next save; the redirect covers it.
"""

import re

from django.db import migrations
from django.utils.text import slugify

from catalogue.slugs import german_slugify


def reslug(apps, schema_editor):
    OfferPage = apps.get_model("catalogue", "OfferPage")
    Page = apps.get_model("wagtailcore.Page")
    Redirect = apps.get_model("wagtailredirects.Redirect")
    Revision = apps.get_model("wagtailcore.Revision")
    for offer in OfferPage.objects.all():
        match = re.fullmatch(r"(.+?)(-\d+)?", offer.slug)
        base, suffix = match.group(1), match.group(2) or ""
        if base != slugify(offer.title)[:70].strip("-"):
            continue  # not generated from the title
        new_base = german_slugify(offer.title)[:70].strip("-")
        if new_base == base:
            continue
        parent_path, depth = offer.path[:-4], offer.depth
        siblings = Page.objects.filter(depth=depth, path__startswith=parent_path).exclude(pk=offer.pk)
        slug, n = new_base + suffix, 2
        while siblings.filter(slug=slug).exists():
            slug, n = f"{new_base}-{n}", n + 1
        old_url_path, old_slug = offer.url_path, offer.slug
        new_url_path = old_url_path[: -len(old_slug) - 1] + slug + "/"
        Page.objects.filter(pk=offer.pk).update(slug=slug, url_path=new_url_path)
        # The public address drops the site root's part of url_path ("/home/angebote/x/" -> "/angebote/x").
        public = "/" + "/".join(old_url_path.strip("/").split("/")[1:])
        Redirect.objects.get_or_create(old_path=public.rstrip("/"), site=None,
                                       defaults={"redirect_page_id": offer.pk, "is_permanent": True})
        if offer.latest_revision_id:
            revision = Revision.objects.filter(pk=offer.latest_revision_id).first()
            if revision and revision.content.get("slug") == old_slug:
                revision.content = {**revision.content, "slug": slug, "url_path": new_url_path}
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_taxonomy_english"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(reslug, migrations.RunPython.noop)]
