"""The contract every engine keeps: the same tests, unchanged, on SQLite, PostgreSQL and Elasticsearch."""

import pytest

from search.models import Synonym, ZeroResultQuery
from search.query import SearchQuery
from tests.search.helpers import facet, run, titles

pytestmark = pytest.mark.django_db


# A small catalogue whose right answers are known by heart: title, summary and city of each offer ...
CATALOGUE = {
    "workshop": ("Workshop Zivilcourage für Schüler", "Eingreifen im Alltag üben.", "hilden"),
    "beratung": ("Beratungsstelle gegen Diskriminierung", "Vertrauliche Hilfe.", "velbert"),
    "kreis": ("Fortbildung Rassismusprävention", "Für Lehrkräfte im ganzen Kreis.", "kreisweit"),
    "strasse": ("Stadtrundgang Erinnerungsorte", "Treffpunkt: Straße der Erinnerung in Düsseldorf.", "ratingen"),
    "fluchtling": ("Sprachcafé für Geflüchtete", "Deutsch üben und Nachbarn treffen.", "monheim"),
    "body": ("Elterncafé", "Austausch für Eltern.", "haan"),
}
# ... and what else it has (a measure for schools and teachers in German, free, in person, unless said here).
DETAILS = {
    "workshop": {"tags": ["Zivilcourage"]},
    "beratung": {
        "kind": "contact_point",
        "target_groups": ["betroffene"],
        "languages": ["de", "tr"],
        "fmt": "hybrid",
        "provider": "Integrationsagentur",
    },
    "kreis": {"kind": "qualification", "fmt": "online", "is_free": False},
    "strasse": {"target_groups": ["kinder-jugendliche"]},
    "fluchtling": {"target_groups": ["zivilgesellschaft"]},
    "body": {"description": "<p>Mit einem kurzen Workshop zu Vorurteilen.</p>", "target_groups": ["eltern-familien"]},
}


@pytest.fixture
def catalogue(service, offers):
    return {
        key: offers.make(title, summary=summary, cities=[city], **DETAILS[key])
        for key, (title, summary, city) in CATALOGUE.items()
    }


def test_folding_of_umlauts_and_sharp_s(service, catalogue):
    # The last one decomposed (u + combining diaeresis), as macOS and some phones send it.
    for spelling in ("Schüler", "Schueler", "Schuler", "SCHÜLER", "Schu\u0308ler"):
        assert "Workshop Zivilcourage für Schüler" in titles(run(service, f"q={spelling}")), spelling
    assert titles(run(service, "q=Strasse")) == ["Stadtrundgang Erinnerungsorte"]
    assert titles(run(service, "q=Duesseldorf")) == ["Stadtrundgang Erinnerungsorte"]


def test_german_stemming(service, catalogue):
    assert titles(run(service, "q=Workshops"))[0] == "Workshop Zivilcourage für Schüler"
    assert titles(run(service, "q=Beratungsstellen")) == ["Beratungsstelle gegen Diskriminierung"]


def test_compound_words_match_their_parts(service, catalogue):
    assert titles(run(service, "q=Prävention")) == ["Fortbildung Rassismusprävention"]
    # "Rassismus" also names a target group of the counselling offer, so both are found.
    assert "Fortbildung Rassismusprävention" in titles(run(service, "q=Rassismus"))


def test_synonyms_expand_the_query(service, catalogue):
    assert titles(run(service, "q=Anwohner")) == []
    Synonym.objects.create(terms="Anwohner, Nachbarn")
    assert titles(run(service, "q=Anwohner")) == ["Sprachcafé für Geflüchtete"]


def test_city_and_provider_names_are_searchable(service, catalogue):
    assert titles(run(service, "q=Beratung Velbert")) == ["Beratungsstelle gegen Diskriminierung"]
    assert titles(run(service, "q=Integrationsagentur")) == ["Beratungsstelle gegen Diskriminierung"]


def test_city_filter_includes_district_wide_offers(service, catalogue):
    assert sorted(titles(run(service, "city=hilden"))) == [
        "Fortbildung Rassismusprävention",
        "Workshop Zivilcourage für Schüler",
    ]
    assert titles(run(service, "city=kreisweit")) == ["Fortbildung Rassismusprävention"]


def test_filters_or_within_and_across_facets(service, catalogue):
    either = run(service, "kind=contact_point&kind=qualification")
    assert sorted(titles(either)) == ["Beratungsstelle gegen Diskriminierung", "Fortbildung Rassismusprävention"]
    both = run(service, "kind=contact_point&kind=qualification&city=velbert&format=hybrid")
    assert titles(both) == ["Beratungsstelle gegen Diskriminierung"]
    assert titles(run(service, "language=tr")) == ["Beratungsstelle gegen Diskriminierung"]
    assert titles(run(service, "target_group=eltern-familien")) == ["Elterncafé"]
    assert titles(run(service, "tag=zivilcourage")) == ["Workshop Zivilcourage für Schüler"]
    assert "Fortbildung Rassismusprävention" not in titles(run(service, "free=true"))
    assert titles(run(service, "free=false")) == ["Fortbildung Rassismusprävention"]


def test_facet_counts_are_disjunctive(service, catalogue):
    result = run(service, "city=hilden")
    cities = facet(result, "city")
    assert cities["hilden"] == result.total == 2
    assert cities["velbert"] == 2  # Velbert's own offer plus the district-wide one
    assert cities["kreisweit"] == 1
    kinds = facet(result, "kind")  # other facets count within the city filter
    assert kinds == {"measure": 1, "qualification": 1}
    assert facet(run(service, ""), "kind") == {"measure": 4, "contact_point": 1, "qualification": 1}
    assert result.switch_counts["free"] == 1


def test_facet_counts_with_two_facets_filtered(service, catalogue):
    # Each filtered facet is counted within the other's filter, the unfiltered ones within both.
    result = run(service, "city=hilden&kind=measure")
    assert titles(result) == ["Workshop Zivilcourage für Schüler"]
    assert facet(result, "city") == {"hilden": 1, "ratingen": 1, "monheim": 1, "haan": 1}
    assert facet(result, "kind") == {"measure": 1, "qualification": 1}
    assert facet(result, "format") == {"in_person": 1}
    with_text = run(service, "q=Workshop&city=haan&kind=measure")
    assert titles(with_text) == ["Elterncafé"]
    assert facet(with_text, "city") == {"hilden": 1, "haan": 1}
    assert facet(with_text, "kind") == {"measure": 1}
    assert facet(with_text, "target_group") == {"eltern-familien": 1}


def test_title_ranks_before_summary_before_description(service, offers, catalogue):
    offers.make("Projekttag Demokratie", summary="Mit einem Workshop am Nachmittag.", cities=["erkrath"])
    ranked = titles(run(service, "q=Workshop"))
    assert ranked == ["Workshop Zivilcourage für Schüler", "Projekttag Demokratie", "Elterncafé"]


def test_offers_matching_all_words_come_first_else_partial_matches(service, catalogue):
    result = run(service, "q=Workshop Zivilcourage")
    assert titles(result) == ["Workshop Zivilcourage für Schüler"] and not result.partial
    partial = run(service, "q=Zivilcourage Elterncafé")
    assert partial.partial
    assert set(titles(partial)) == {"Workshop Zivilcourage für Schüler", "Elterncafé"}


def test_pagination(service, catalogue):
    first = run(service, "page_size=4")
    second = run(service, "page_size=4&page=2")
    assert first.total == second.total == 6
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not set(titles(first)) & set(titles(second))


def test_highlighting_marks_the_matched_words(service, catalogue):
    hit = run(service, "q=Diskriminierung").hits[0]
    assert "<mark>Diskriminierung</mark>" in hit.highlight["title"]


def test_suggestions_complete_a_word_prefix(service, catalogue):
    suggestions = [s["title"] for s in service.suggest("Zivil")]
    assert suggestions == ["Workshop Zivilcourage für Schüler"]
    assert "Fortbildung Rassismusprävention" in [s["title"] for s in service.suggest("Rass")]
    assert service.suggest("xyzzy") == []


def test_index_follows_publish_unpublish_and_delete(service, offers, catalogue):
    draft = offers.make("Planspiel Kommunalpolitik", publish=False)
    assert titles(run(service, "q=Planspiel")) == []
    offers.republish(draft)
    assert titles(run(service, "q=Planspiel")) == ["Planspiel Kommunalpolitik"]
    offers.republish(draft, title="Planspiel Stadtrat")
    assert titles(run(service, "q=Planspiel")) == ["Planspiel Stadtrat"]
    offers.unpublish(catalogue["workshop"])
    assert titles(run(service, "q=Zivilcourage")) == []
    offers.delete(catalogue["beratung"])
    assert titles(run(service, "q=Diskriminierung")) == []


def test_taxonomy_changes_reach_the_offers_that_name_them(service, catalogue, django_capture_on_commit_callbacks):
    from catalogue.taxonomy import City, Organisation, TargetGroup

    assert titles(run(service, "q=Nachbarschaftshilfe")) == []
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.filter(name="Integrationsagentur").update(name="Nachbarschaftshilfe")
        Organisation.objects.get(name="Nachbarschaftshilfe").save()  # as the admin saves it
        group = TargetGroup.objects.get(slug="eltern-familien")
        group.name = "Eltern und Großfamilien"
        group.save()
    assert titles(run(service, "q=Nachbarschaftshilfe")) == ["Beratungsstelle gegen Diskriminierung"]
    assert titles(run(service, "q=Großfamilien")) == ["Elterncafé"]
    # A new city is served by the district-wide offers at once; a removed one leaves their facets.
    with django_capture_on_commit_callbacks(execute=True):
        City.objects.create(slug="neustadt", name="Neustadt", sort_order=99)
    assert titles(run(service, "city=neustadt")) == ["Fortbildung Rassismusprävention"]
    everything = service.plan(SearchQuery.from_params({}))
    assert service.primary.search(everything).facet_counts["city"]["neustadt"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        City.objects.get(slug="neustadt").delete()
    assert "neustadt" not in service.primary.search(everything).facet_counts["city"]


def test_searches_with_no_or_few_results_are_recorded_without_personal_data(service, catalogue, settings):
    settings.FEW_RESULTS = 1
    run(service, "q=Klimaschutz+für+Senioren&city=hilden", record=True)
    run(service, "q=Workshop", record=True)  # 2 results: enough
    run(service, "q=Strasse", record=True)  # 1 result: few
    run(service, "", record=True)  # no search at all
    recorded = list(ZeroResultQuery.objects.order_by("id").values_list("query", "filters", "result_count"))
    assert recorded == [("klimaschutz senioren", {"city": ["hilden"]}, 0), ("strasse", {}, 1)]


def test_private_offers_leave_the_index(service, offers, catalogue, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=catalogue["workshop"], restriction_type=PageViewRestriction.LOGIN
        )
    assert titles(run(service, "q=Zivilcourage")) == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(run(service, "q=Zivilcourage")) == ["Workshop Zivilcourage für Schüler"]


# -- issue 15: what people mean ----------------------------------------------------------------------
def test_a_part_finds_the_compound_from_real_word_data(service, offers, catalogue):
    offers.make("Qualifizierung im Verein", tags=["Trainerlizenzverlängerung"], cities=["haan"])
    offers.make("Kreativzeit", summary="Eine Zukunftswerkstatt für Jugendliche.", cities=["haan"])
    assert titles(run(service, "q=Lizenz")) == ["Qualifizierung im Verein"]
    assert titles(run(service, "q=Verlängerung")) == ["Qualifizierung im Verein"]
    assert titles(run(service, "q=Werkstatt")) == ["Kreativzeit"]


def test_a_compound_query_finds_its_parts_used_apart(service, offers, catalogue):
    offers.make("Werkstatt für Demokratie", summary="Jugendliche planen ihr Viertel.", cities=["haan"])
    assert titles(run(service, "q=Demokratiewerkstatt")) == ["Werkstatt für Demokratie"]
    assert titles(run(service, "q=Elternbegleitung")) == []  # no offer has both parts


def test_editors_add_words_the_data_lacks(service, offers, catalogue):
    from search.models import CompoundWord
    from search.service import reindex

    offer = offers.make("Quixelwerkstatt", summary="Basteln am Nachmittag.", cities=["haan"])
    assert titles(run(service, "q=Quixel")) == []
    CompoundWord.objects.create(word="Quixel")
    reindex([offer.pk])
    assert titles(run(service, "q=Quixel")) == ["Quixelwerkstatt"]


def test_a_reviewed_starter_set_of_synonyms_ships(service, offers, catalogue):
    offers.make("Qualifizierung für Übungsleitende", summary="Vielfalt im Verein.", cities=["haan"])
    offers.make("Online-Seminar: Vorurteile in der Kita", cities=["haan"])
    assert titles(run(service, "q=Trainer")) == ["Qualifizierung für Übungsleitende"]
    assert titles(run(service, "q=Kindertagesstätte")) == ["Online-Seminar: Vorurteile in der Kita"]
    assert titles(run(service, "q=Flüchtlinge")) == ["Sprachcafé für Geflüchtete"]
    Synonym.objects.filter(terms__startswith="Kita,").delete()  # editors own the list
    assert titles(run(service, "q=Kindertagesstätte")) == []


def test_glossary_spellings_count_as_synonyms_of_their_term(service, offers, catalogue, knowledge):
    offers.make("Ausstiegshilfe Rechtsextremismus", cities=["haan"])
    assert titles(run(service, "q=rechtsextreme")) == []
    knowledge.term("Rechtsextremismus", variants="rechtsextrem, rechtsextreme")
    assert titles(run(service, "q=rechtsextreme")) == ["Ausstiegshilfe Rechtsextremismus"]


def test_a_misspelt_search_shows_the_corrected_results_at_once(service, catalogue):
    result = run(service, "q=zivilkurage&city=hilden", record=True)
    assert titles(result) == ["Workshop Zivilcourage für Schüler"]
    assert (result.searched_for, result.corrected_from) == ("Zivilcourage", "zivilkurage")  # capitalised as written
    recorded = ZeroResultQuery.objects.get()
    assert (recorded.query, recorded.correction) == ("zivilkurage", "Zivilcourage")  # fuzziness may find 1
    as_typed = run(service, "q=zivilkurage&correct=false")
    assert as_typed.searched_for == "zivilkurage" and not as_typed.corrected_from  # as typed means as typed
    exact = run(service, "q=Zivilcourage")  # a word the index knows is never corrected
    assert exact.searched_for == "Zivilcourage" and not exact.corrected_from


def test_a_correction_is_applied_when_it_finds_every_word(service, catalogue):
    result = run(service, "q=Workshop Zivilkurage")
    assert titles(result) == ["Workshop Zivilcourage für Schüler"] and not result.partial
    assert (result.searched_for, result.corrected_from) == ("Workshop Zivilcourage", "Workshop Zivilkurage")


def test_offers_with_every_word_in_title_or_tags_rank_first(service, offers, catalogue):
    offers.make("Kurs für Übungsleiter", summary="Ein Abend.", tags=["Fortbildung"], cities=["haan"])
    offers.make(
        "Fortbildung Sport",
        cities=["haan"],
        summary="Für Übungsleiter, Übungsleiterinnen und alle Übungsleiter im Verein.",
    )
    assert titles(run(service, "q=Übungsleiter Fortbildung"))[0] == "Kurs für Übungsleiter"


def test_a_citys_own_offers_come_before_district_wide_ones(service, offers, catalogue):
    offers.make("Elternabend Vielfalt", cities=["hilden"], provider="Familienzentrum Hilden Nord")
    offers.make("Elternabend Vielfalt", cities=["kreisweit"])  # without a city it comes first
    offers.make("Fachtag Vielfalt", cities=["kreisweit"])
    hilden = titles(run(service, "city=hilden"))
    assert hilden[:2] == ["Elternabend Vielfalt", "Workshop Zivilcourage für Schüler"]  # own, newest first
    assert hilden[2:] == ["Fachtag Vielfalt", "Elternabend Vielfalt", "Fortbildung Rassismusprävention"]
    # At equal relevance the city's own offer first; without a city the newest.
    assert [hit.data["cities"] for hit in run(service, "q=Elternabend&city=hilden").hits] == [["hilden"], ["kreisweit"]]
    assert [hit.data["cities"] for hit in run(service, "q=Elternabend").hits] == [["kreisweit"], ["hilden"]]


def test_a_citys_own_offer_comes_first_at_about_equal_relevance_not_only_at_equal(service, offers, catalogue):
    offers.make("Beratung nach rechten Übergriffen", cities=["velbert"], summary="Vertraulich und kostenlos.")
    offers.make("Beratung für Betroffene", cities=["kreisweit"], summary="Beratung vor Ort und telefonisch.")
    # Without a city the district-wide offer matches a little better (the word twice); with Velbert chosen,
    # Velbert's own offer is first, but a clearly better match elsewhere would still come before it.
    assert titles(run(service, "q=Beratung"))[:2] == ["Beratung für Betroffene", "Beratung nach rechten Übergriffen"]
    assert titles(run(service, "q=Beratung&city=velbert"))[:2] == [
        "Beratung nach rechten Übergriffen",
        "Beratung für Betroffene",
    ]


def test_autocomplete_folds_like_search_and_completes_search_terms(service, offers, catalogue):
    offers.make("Qualifizierung für Übungsleitende", cities=["wuelfrath"], provider="Stadtsportverband Wülfrath")
    assert [s["title"] for s in service.suggest("Uebungs")] == ["Qualifizierung für Übungsleitende"]
    assert [s["title"] for s in service.suggest("Schuel")] == ["Workshop Zivilcourage für Schüler"]
    assert service.complete_terms("Wuelfr") == ["Wülfrath"]  # a search term, spelled as in the offers
    assert service.complete_terms("Workshop zivilc") == ["Workshop Zivilcourage"]
