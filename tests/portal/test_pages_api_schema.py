"""The pages API keeps to its OpenAPI description (/api/v2/openapi.json,
portal/pages_api_schema.py): schemathesis generates requests from it, valid
and invalid, and checks every answer against it. In-process, no network."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import ContactPointPageFactory, StandardPageFactory

SCHEMA = "/api/v2/openapi.json"
HOST = {"Host": "localhost"}


@pytest.fixture
def api_schema(wsgi_app, home_de):
    StandardPageFactory(parent=home_de, slug="oeffentlich", title="Öffentlich")
    ContactPointPageFactory(parent=home_de, slug="anlaufstelle")
    events = EventIndexPageFactory(parent=home_de)
    EventPageFactory(parent=events, start=berlin(2030, 5, 4, 18))
    return schemathesis.openapi.from_wsgi(SCHEMA, wsgi_app, headers=HOST)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_pages_api_answers_as_described(case):
    # Every answer must be listed, match its schema and never be a 5xx, for
    # valid and invalid requests alike. Left out: valid by the description
    # is not always answerable (a page id that exists nowhere, a field of
    # another type: 400 with a message), and Wagtail is lenient with some
    # invalid ones (it reads the last of a repeated parameter and ignores
    # `search_operator` without `search`).
    case.call_and_validate(
        headers=HOST,
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )


def test_description_covers_the_page_types_and_languages(client, db):
    description = client.get(SCHEMA, HTTP_HOST="localhost").json()

    listing = description["paths"]["/api/v2/pages/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in listing["parameters"]}
    assert "events.EventPage" in parameters["type"]["schema"]["enum"]
    assert set(parameters["locale"]["schema"]["enum"]) == {
        "de",
        "en",
        "ar",
        "fa",
        "uk",
        "ru",
        "tr",
    }
    assert parameters["limit"]["schema"]["maximum"] == 100
    assert set(listing["responses"]) == {"200", "400", "404"}
