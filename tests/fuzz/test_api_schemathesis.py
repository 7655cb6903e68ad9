"""Schemathesis generates requests from the project's own OpenAPI document: no input may cause a server error,
and every answer must be one the document describes (status, content type, headers, body schema)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def catalogue(use_database, offers, django_db_blocker):
    offers.make("Workshop Zivilcourage", cities=["hilden"], tags=["Zivilcourage"])
    offers.make("Beratungsstelle", cities=["kreisweit"], kind="contact_point", provider="Integrationsagentur")


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Like Django's test client: requests must not close the connection that holds the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_conforms_to_the_document(case):
    # All of schemathesis' checks but one: a schema-valid request may still name a city or page the data does not
    # have (the vocabularies and the number of results live in the database), and those get a documented 400.
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500
