"""Backup and restore (scripts/backup.sh, scripts/restore.sh): a dump of the
database and a tar of the media, restored into a fresh database and folder,
hold the same rows and files and serve the same page. PostgreSQL only (the
scripts use pg_dump/pg_restore); skipped on SQLite, saying so."""

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.factories.home import StandardPageFactory
from tests.factories.portal import ImageFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup/restore runs pg_dump and pg_restore: set DATABASE_URL to "
        "a PostgreSQL database (skipped on SQLite)",
    ),
    pytest.mark.skipif(
        not shutil.which("pg_dump"), reason="pg_dump/pg_restore not installed"
    ),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "ORDER BY tablename"
            )
        ]
        return {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


@pytest.fixture
def restored_database():
    name = connection.settings_dict["NAME"] + "_restored"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    yield _url(name)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _page_through(url: str, media: Path, path: str) -> str:
    """The page as a node on `url` serves it (test settings, own process)."""
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        f"r = Client(HTTP_HOST='localhost').get({path!r})\n"
        "assert r.status_code == 200, r.status_code\n"
        "import sys; sys.stdout.write(r.content.decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(media),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_a_fresh_database_with_the_same_content(
    home_de, settings, tmp_path, restored_database
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    image = ImageFactory(title="Stern-Center")
    StandardPageFactory(parent=home_de, slug="gesichert", title="Gesicherte Seite")
    original = _counts(_url(connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": _url(connection.settings_dict["NAME"])}

    backup = subprocess.run(
        ["scripts/backup.sh", str(tmp_path / "backup")],
        cwd=ROOT,
        env={**env, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    dump, tar = backup.stdout.split()
    restored_media = tmp_path / "restored-media"
    restore_env = {**env, "DATABASE_URL": restored_database}
    subprocess.run(
        ["scripts/restore.sh", dump, tar],
        cwd=ROOT,
        env={**restore_env, "MEDIA_ROOT": str(restored_media)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )

    assert _counts(restored_database) == original
    assert original["wagtailcore_page"] >= 3
    assert original["portal_customimage"] == 1
    comparison = filecmp.dircmp(media, restored_media)
    assert not comparison.left_only
    assert not comparison.diff_files
    assert (restored_media / image.file.name).read_bytes() == (
        media / image.file.name
    ).read_bytes()
    assert _page_through(restored_database, restored_media, "/gesichert/") == (
        _page_through(env["DATABASE_URL"], media, "/gesichert/")
    )

    # A second restore into the now filled database is refused.
    again = subprocess.run(
        ["scripts/restore.sh", dump, tar],
        cwd=ROOT,
        env={**restore_env, "MEDIA_ROOT": str(tmp_path / "other")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 3
    assert "restore into a new one" in again.stderr
