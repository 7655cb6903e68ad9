"""Glossary linking and the A–Z grouping as plain functions (no database needed)."""

from types import SimpleNamespace

import pytest

from knowledge.glossary import by_letter, initial, link_terms


def term(text, slug=None, variants=()):
    return SimpleNamespace(term=text, slug=slug or text.lower().replace(" ", "-"), forms=[text, *variants])


def test_each_term_is_linked_at_its_first_occurrence_only():
    html = "<p>Rassismus ist alltäglich.</p><p>Gegen Rassismus hilft Zivilcourage.</p>"
    out = link_terms(html, [term("Rassismus"), term("Zivilcourage")], "/glossar/")
    assert out.count('href="/glossar/#rassismus"') == 1
    assert out.startswith('<p><a class="glossary-link" href="/glossar/#rassismus">Rassismus</a> ist')
    assert '<a class="glossary-link" href="/glossar/#zivilcourage">Zivilcourage</a>.' in out
    assert "<p>Gegen Rassismus hilft" in out


def test_variants_and_case_match_and_keep_the_text_as_written():
    out = link_terms("<p>Das war rassistisch gemeint.</p>", [term("Rassismus", variants=["rassistisch"])], "/g/")
    assert '<a class="glossary-link" href="/g/#rassismus">rassistisch</a>' in out
    out = link_terms("<p>RASSISMUS benennen</p>", [term("Rassismus")], "/g/")
    assert ">RASSISMUS</a>" in out


def test_longer_terms_win_and_words_are_not_split():
    terms = [term("Rassismus"), term("Alltagsrassismus")]
    out = link_terms("<p>Alltagsrassismus und Rassismuskritik</p>", terms, "/g/")
    assert '<a class="glossary-link" href="/g/#alltagsrassismus">Alltagsrassismus</a>' in out
    assert "#rassismus" not in out  # "Rassismuskritik" is another word


def test_links_headings_code_and_marked_parts_are_left_alone():
    html = (
        '<h2>Rassismus</h2><p><a href="/x/">Rassismus</a></p><section data-no-glossary><p>Rassismus</p>'
        "</section><p><code>88</code> und Rassismus</p>"
    )
    out = link_terms(html, [term("Rassismus"), term("88")], "/g/")
    assert out.count("glossary-link") == 1
    assert out.endswith('<p><code>88</code> und <a class="glossary-link" href="/g/#rassismus">Rassismus</a></p>')


def test_terms_with_special_characters_and_numbers():
    terms = [term("88", slug="88"), term("C++", slug="cpp")]
    out = link_terms("<p>Die 88 auf dem Shirt; 1988 nicht; C++ auch.</p>", terms, "/g/")
    assert '<a class="glossary-link" href="/g/#88">88</a> auf' in out
    assert "1988 nicht" in out
    assert '<a class="glossary-link" href="/g/#cpp">C++</a>' in out


def test_markup_and_entities_survive():
    html = '<p class="x">Tom &amp; Jerry über <em>Rassismus</em> &lt;script&gt;</p>'
    out = link_terms(html, [term("Rassismus")], "/g/")
    assert out == (
        '<p class="x">Tom &amp; Jerry über <em><a class="glossary-link" href="/g/#rassismus">Rassismus'
        "</a></em> &lt;script&gt;</p>"
    )


def test_nothing_to_link_returns_the_html_unchanged():
    assert link_terms("<p>Text</p>", [], "/g/") == "<p>Text</p>"
    assert link_terms("", [term("Rassismus")], "/g/") == ""


@pytest.mark.parametrize(
    ("text", "letter"), [("Alltag", "A"), ("Ölzweig", "O"), ("über", "U"), ("88", "0–9"), ("#hashtag", "#")]
)
def test_initial_letters(text, letter):
    assert initial(text) == letter


def test_terms_grouped_by_letter_with_umlauts_under_their_base_letter():
    terms = [term(t) for t in ("Zivilcourage", "Ökologie", "Ost", "88", "Antisemitismus", "Alltagsrassismus")]
    grouped = [(letter, [t.term for t in items]) for letter, items in by_letter(terms)]
    assert grouped == [
        ("0–9", ["88"]),
        ("A", ["Alltagsrassismus", "Antisemitismus"]),
        ("O", ["Ökologie", "Ost"]),
        ("Z", ["Zivilcourage"]),
    ]
