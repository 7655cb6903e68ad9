import pytest
from django.core.exceptions import ValidationError

from catalogue.models import City, Language, OfferPage, TargetGroup
from catalogue.taxonomy import DISTRICT_WIDE
from tests.factories import HILDEN_ADDRESS

pytestmark = pytest.mark.django_db


def test_seeded_cities_are_the_ten_cities_and_the_district():
    assert list(City.objects.values_list("slug", flat=True)) == [
        "erkrath",
        "haan",
        "heiligenhaus",
        "hilden",
        "langenfeld",
        "mettmann",
        "monheim",
        "ratingen",
        "velbert",
        "wuelfrath",
        DISTRICT_WIDE,
    ]
    assert City.objects.get(slug="monheim").name == "Monheim am Rhein"
    assert City.objects.get(slug="wuelfrath").name == "Wülfrath"
    assert City.objects.get(slug=DISTRICT_WIDE).is_district_wide


def test_seeded_target_groups():
    assert dict(TargetGroup.objects.values_list("slug", "name")) == {
        "schulen-lehrkraefte": "Schulen und Lehrkräfte",
        "kinder-jugendliche": "Kinder und Jugendliche",
        "jugendarbeit": "Fachkräfte der Jugendarbeit",
        "sportvereine": "Sportvereine",
        "eltern-familien": "Eltern und Familien",
        "betroffene": "Betroffene von Rassismus und rechter Gewalt",
        "verwaltung-politik": "Verwaltung und Politik",
        "zivilgesellschaft": "Zivilgesellschaft und Ehrenamt",
    }


def test_languages_are_iso_639_1_codes():
    assert all(len(code) == 2 for code in Language.objects.values_list("slug", flat=True))
    with pytest.raises(ValidationError):
        Language(name="Deutsch (falsch)", slug="DE").full_clean()


def test_offer_keeps_all_fields_in_revisions(offers):
    offer = offers.make(
        "Fortbildung",
        kind="qualification",
        cities=["kreisweit"],
        languages=["de", "tr"],
        tags=["Fortbildung", "Schule"],
        cost="20 €",
        is_free=False,
        age_min=14,
        age_max=18,
        barrier_free=True,
        email="info@example.org",
        **HILDEN_ADDRESS,
    )
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.get_kind_display() == "Qualifizierung"
    assert [c.slug for c in offer.cities.all()] == ["kreisweit"]
    assert sorted(t.name for t in offer.tags.all()) == ["Fortbildung", "Schule"]
    assert offer.age_range == "14–18 Jahre"
    assert offer.address_lines == ["Am Rathaus 1", "40721 Hilden"]
    assert offer.revisions.count() == 1 and offer.live


def test_offer_validation_rejects_inverted_age_range(offers):
    offer = offers.make("Workshop")
    offer.age_min, offer.age_max = 16, 12
    with pytest.raises(ValidationError) as excinfo:
        offer.full_clean()
    assert "age_max" in excinfo.value.message_dict
