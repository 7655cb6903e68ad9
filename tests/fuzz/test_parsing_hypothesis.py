"""Property tests: query parsing, German analysis and import parsing never fail on any input."""

import io
from html import escape
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.importing import COLUMNS, ImportFileError, RowParser, read_table
from knowledge.glossary import link_terms
from search import german
from search.query import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SITE, SearchQuery
from search.service import search_service

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMS = st.sampled_from(
    ["q", "kind", "city", "target_group", "language", "format", "free", "tag", "page", "page_size", "other"]
)


@FUZZ
@given(st.lists(st.tuples(PARAMS, st.text(max_size=300)), max_size=12))
def test_query_parsing_accepts_or_explains_any_parameters(pairs):
    params = QueryDict(mutable=True)
    for key, value in pairs:
        params.appendlist(key, value)
    query = SearchQuery.from_params(params)
    assert all(isinstance(name, str) and str(message) for name, message in query.errors)
    if query.is_valid:
        assert len(query.text) <= MAX_QUERY_LENGTH
        assert 1 <= query.page <= MAX_PAGE and 1 <= query.page_size <= MAX_PAGE_SIZE


@FUZZ
@given(st.text(max_size=200))
def test_any_text_searches_without_error(use_database, text):
    query = SearchQuery.from_params({"q": [text]})
    if query.is_valid:
        result = search_service().search(query, record=False)
        assert result.total >= 0


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["q", "type", "page", "city"]), st.text(max_size=60)), max_size=8))
def test_site_search_accepts_or_explains_any_parameters(use_database, pairs):
    params = QueryDict(mutable=True)
    for key, value in pairs:
        params.appendlist(key, value)
    query = SearchQuery.from_params(params, scope=SITE)
    assert "city" not in query.filters  # the site scope has only the type filter
    if query.is_valid:
        assert search_service().search(query, record=False).total >= 0


@FUZZ
@given(st.text(max_size=200), st.lists(st.text(min_size=2, max_size=20), max_size=5))
def test_glossary_links_never_change_the_text(text, forms):
    html = f"<p>{escape(text)}</p><h2>{escape(text)}</h2>"
    terms = [SimpleNamespace(term=form, slug=f"t{n}", forms=[form]) for n, form in enumerate(forms)]
    out = BeautifulSoup(link_terms(html, terms, "/g/"), "html.parser")
    assert out.get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert len(out.find_all("a")) <= len(forms) and not out.h2.find("a")


@FUZZ
@given(st.text(max_size=100))
def test_german_analysis_yields_plain_word_tokens(text):
    for token in german.tokens(text) + german.stems(text) + german.compound_stems(text):
        assert german.WORD_RE.fullmatch(token)
    assert "<script" not in german.highlight("<script>" + text, set(german.stems(text)))


@FUZZ
@given(st.text(max_size=120), st.text(max_size=40))
def test_highlighting_marks_the_searched_words_and_keeps_the_text(text, searched):
    stems = set(german.stems(searched))
    out = german.highlight(text, stems)
    marked = [w for w in german.WORD_RE.findall(text) if not stems.isdisjoint(german.word_forms(w))]
    if not marked:
        assert out == ""
        return
    assert BeautifulSoup(out, "html.parser").get_text() == text
    assert [m.get_text() for m in BeautifulSoup(out, "html.parser").find_all("mark")] == marked


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(COLUMNS + ["format", "free", "age_min", "age_max", "barrier_free"]), st.text(max_size=80)
    )
)
def test_import_row_parsing_reports_instead_of_failing(cells):
    errors = []
    values = RowParser().parse(2, cells, errors)
    assert all(error.row == 2 and error.column and error.message for error in errors)
    assert set(values) >= {"external_id", "title", "cities", "dates"}


@FUZZ
@given(st.binary(max_size=400))
def test_any_csv_bytes_are_read_or_rejected_with_a_message(data):
    header = (",".join(COLUMNS) + "\n").encode()
    try:
        rows = read_table(io.BytesIO(header + data), filename="upload.csv")
    except ImportFileError as error:
        assert str(error)
    else:
        assert isinstance(rows, list)
