"""/healthz tells load balancers and monitoring whether this node can serve:
the database, the shared cache and the media storage, each by name.
/healthz/live only says that the process answers."""

from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db import DatabaseError, OperationalError, connection
from django.test import override_settings

PARTS = {"database": "ok", "cache": "ok", "storage": "ok"}
#: Nothing listens on port 9 (discard) of loopback: a Redis that is down.
DEAD_REDIS = {
    "default": {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
    }
}


def test_healthz_reports_every_part_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", **PARTS}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "failure", [OperationalError("connection refused"), DatabaseError("gone")]
)
def test_healthz_answers_503_when_the_database_cannot_connect(client, db, failure):
    with mock.patch.object(connection, "cursor", side_effect=failure):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {**PARTS, "status": "error", "database": "unavailable"}


def test_healthz_answers_503_when_the_query_fails(client, db):
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.execute.side_effect = OperationalError("timeout")

    with mock.patch.object(connection, "cursor", return_value=cursor):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_names_the_cache_when_redis_is_down(client, db):
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {**PARTS, "status": "error", "cache": "unavailable"}


def test_healthz_names_the_storage_when_media_cannot_be_written(client, db):
    with mock.patch.object(default_storage, "save", side_effect=PermissionError):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {**PARTS, "status": "error", "storage": "unavailable"}


def test_healthz_leaves_no_probe_file_behind(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)

    assert client.get("/healthz").status_code == 200

    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_pages_still_answer_while_redis_is_down(client, home_de):
    """The shared cache degrades: every page read of it answers as empty."""
    with override_settings(CACHES=DEAD_REDIS):
        home = client.get("/")
        live = client.get("/healthz/live")

    assert home.status_code == 200
    assert live.status_code == 200
    assert live.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/healthz/live"])
def test_health_paths_are_read_only(client, db, path):
    response = client.post(path)

    assert response.status_code == 405
