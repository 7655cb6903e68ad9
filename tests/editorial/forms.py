"""The offer page editor's form as the admin posts it, for the editorial tests."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from catalogue.models import City


def offer_form(title, cities=("hilden",), *, slug="", dates=(), last_reviewed="2026-11-01", **extra):
    """A measure with only the required fields filled in; ``extra`` adds or overrides fields."""
    return {
        "title": title,
        "slug": slug,
        "summary": "Kurz.",
        "description": rich_text(""),
        "kind": "measure",
        "format": "in_person",
        "cities": [City.objects.get(slug=city).pk for city in cities],
        "tags": "",
        "provider": "",
        "cost": "",
        "contact_name": "",
        "email": "",
        "phone": "",
        "website": "",
        "street": "",
        "postcode": "",
        "town": "",
        "registration_url": "",
        "age_min": "",
        "age_max": "",
        "barrier_free": "unknown",
        "last_reviewed": last_reviewed,
        "review_due": "",
        **nested_form_data({"dates": inline_formset(list(dates))}),
        **extra,
    }
