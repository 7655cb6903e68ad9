from django.http import QueryDict

from search.query import SearchQuery


def run(service, params="", record=False):
    query = SearchQuery.from_params(QueryDict(params))
    assert query.is_valid, query.errors
    return service.search(query, record=record)


def titles(result):
    return [hit.data["title"] for hit in result.hits]


def facet(result, name):
    return {f.value: f.count for f in result.facets[name]}
