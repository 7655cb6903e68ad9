"""Shared fixtures: offers built through Wagtail, and the real search servers the engines talk to."""

import uuid

import pytest

from tests.factories import KnowledgeFactory, OfferFactory
from tests.search_node import OwnNode, session_node


@pytest.fixture(scope="session")
def es_server():
    """The real OpenSearch node every test marked ``elasticsearch`` talks to (shared: never stop it)."""
    node = session_node()
    yield node
    node.close()


@pytest.fixture(scope="session")
def fault_node():
    """A node of the fault tests' own, which they stop, freeze and restart empty; started on first use."""
    node = OwnNode().start()
    yield node
    node.close()


def _point_search_at(settings, node, timeout):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = node.url
    settings.ELASTICSEARCH_INDEX = index = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_TIMEOUT = timeout
    return index


def _drop_indices(settings):
    from search.service import search_service

    client = search_service().primary.client.options(request_timeout=30)
    client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX}*", ignore_unavailable=True)


@pytest.fixture
def use_elasticsearch(settings, es_server):
    """Point the search service at the shared node, with an index alias of this test's own."""
    yield _point_search_at(settings, es_server, timeout=10)  # a loaded machine is slow, not down
    _drop_indices(settings)


@pytest.fixture
def use_fault_node(settings, fault_node):
    """Point the search service at the fault tests' node (running), with an index alias of its own."""
    if fault_node.process is None:
        fault_node.start()
    yield _point_search_at(settings, fault_node, timeout=4)  # each request to a frozen node waits this long
    fault_node.thaw()
    if fault_node.process is not None:
        _drop_indices(settings)


@pytest.fixture
def use_database(settings):
    settings.SEARCH_BACKEND = "database"


@pytest.fixture
def offers(db, django_capture_on_commit_callbacks):
    """Create (and by default publish) offers: ``offers.make(title=..., cities=[...])``."""
    return OfferFactory(django_capture_on_commit_callbacks)


@pytest.fixture
def knowledge(db, django_capture_on_commit_callbacks):
    """Create published knowledge content: ``knowledge.article(...)``, ``.event(...)``, ``.term(...)``."""
    return KnowledgeFactory(django_capture_on_commit_callbacks)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page, answer, rate-limit count or generation of another test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of a test go to its own folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"


@pytest.fixture
def group_member(django_user_model):
    """Create a user in one of the seeded editorial groups: ``group_member("hilden", "Redaktion Hilden")``."""
    from django.contrib.auth.models import Group

    def make(name, group):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make
