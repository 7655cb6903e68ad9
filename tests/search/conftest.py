import pytest

from search.service import search_service


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine_name(request):
    """Each contract test runs once per engine; the database engine on SQLite and on PostgreSQL."""
    request.getfixturevalue("use_" + request.param)
    return request.param


@pytest.fixture
def service(engine_name, db):
    service = search_service()
    assert service.primary.name == engine_name
    return service
