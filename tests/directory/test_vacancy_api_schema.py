"""The vacancy API keeps to its OpenAPI description: schemathesis generates
requests from the description (valid and invalid parameters) and checks
every answer against it — status codes listed, bodies matching their
schemas, no server error. In-process through the WSGI application, no
network."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from werkzeug.test import Client as WSGIClient

API = "/api/vacancies/"


@pytest.fixture
def api_schema(wsgi_app, spread):
    return schemathesis.openapi.from_wsgi(
        f"{API}openapi.json", wsgi_app, headers={"Host": "localhost"}
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_vacancy_api_answers_as_described(case):
    case.call_and_validate(headers={"Host": "localhost"})


def test_description_lists_the_validation_answer(client, db):
    schema = client.get(f"{API}openapi.json").json()

    responses = schema["paths"][API]["get"]["responses"]

    assert set(responses) == {"200", "422"}
    reference = responses["422"]["content"]["application/json"]["schema"]["$ref"]
    detail = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    assert "detail" in detail["properties"]
    answer = client.get(API, {"page": "0"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "page"]


# The request schemathesis answered 500 to on PostgreSQL (stop 18, open
# defect A): not a bad parameter but the second request through the WSGI
# handler, which had closed the test transaction's connection after the
# first. The `wsgi_app` fixture keeps it open.
EMPTY_FILTERS = (
    "q=&german=&hours=&immediately=&childcare=&no_qualification=&foreign="
    "&barrier_free=&lang=&page=1&per_page=20"
)


def test_in_process_requests_share_the_test_transaction(wsgi_app, spread):
    client = WSGIClient(wsgi_app)

    answers = [
        client.get(f"{API}?{EMPTY_FILTERS}", headers={"Host": "localhost"})
        for _ in range(3)
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert {answer.json["count"] for answer in answers} == {len(spread)}
