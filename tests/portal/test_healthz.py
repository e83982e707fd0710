"""/healthz tells load balancers and monitoring whether the database answers."""

from unittest import mock

import pytest
from django.db import DatabaseError, OperationalError, connection


def test_healthz_reports_database_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "failure", [OperationalError("connection refused"), DatabaseError("gone")]
)
def test_healthz_answers_503_when_the_database_cannot_connect(client, db, failure):
    with mock.patch.object(connection, "cursor", side_effect=failure):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_answers_503_when_the_query_fails(client, db):
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.execute.side_effect = OperationalError("timeout")

    with mock.patch.object(connection, "cursor", return_value=cursor):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_is_read_only(client, db):
    response = client.post("/healthz")

    assert response.status_code == 405
