"""Shared fixtures: offers built through Wagtail, and the real search servers the engines talk to."""

import socket
import uuid

import pytest
from osmem_server import OsmemServer

from search.config import wagtail_search_backends
from tests.factories import KnowledgeFactory, OfferFactory


class StandInServer:
    """The Elasticsearch-protocol stand-in on a fixed loopback port, so it can be stopped and restarted."""

    def __init__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None

    def start(self):
        self.server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{self.port}")
        return self

    def stop(self):
        if self.server is not None:
            self.server.close()
            self.server = None


@pytest.fixture(scope="session")
def es_server():
    server = StandInServer().start()
    yield server
    server.stop()


@pytest.fixture
def use_elasticsearch(settings, es_server):
    """Point the search service at the stand-in, with an index alias of this test's own."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = es_server.url
    settings.ELASTICSEARCH_INDEX = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_NODE_CLASS = "search.compat.PlainMediaTypeNode"
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.WAGTAILSEARCH_BACKENDS = wagtail_search_backends(
        "elasticsearch", es_server.url, settings.ELASTICSEARCH_INDEX, 2, settings.ELASTICSEARCH_NODE_CLASS)
    yield settings.ELASTICSEARCH_INDEX
    if es_server.server is not None:
        from search.service import search_service

        client = search_service().primary.client
        client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX}*", ignore_unavailable=True)


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
