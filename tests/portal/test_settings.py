"""Configuration comes from the environment with the usual names, and the
production settings refuse to start half-configured.

Each case imports the settings in a fresh interpreter, because settings are
read once, at import.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

# Variables where empty means unset. Each run sets them empty, so neither the
# environment of the test run (DATABASE_URL on PostgreSQL) nor a developer's
# `.env` leaks in; the few where empty would be a value are removed instead.
EMPTY_MEANS_UNSET = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "EMAIL_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
]
REMOVED = [
    "DEBUG",
    "CONN_MAX_AGE",
    "ELASTICSEARCH_INDEX",
    "DEFAULT_FROM_EMAIL",
    "BASE_URL",
    "PORTAL_DEMO_ALLOWED",
]

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in %r}, default=str))
"""


def clean_env(settings_module: str, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in REMOVED}
    env.update(dict.fromkeys(EMPTY_MEANS_UNSET, ""))
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    return env


def run(args: list[str], settings_module: str, **variables: str):
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=clean_env(settings_module, **variables),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(names, settings_module="config.settings.base", **variables):
    result = run(["-c", PRINT_SETTINGS % (list(names),)], settings_module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def long_secret() -> str:
    return secrets.token_urlsafe(50)


# Reading the environment -------------------------------------------------


def test_defaults_without_environment():
    values = read_settings(["DATABASES", "CACHES", "WAGTAILSEARCH_BACKENDS"])

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(PROJECT / "db.sqlite3")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == (
        "wagtail.search.backends.database"
    )


def test_database_url():
    values = read_settings(
        ["DATABASES"],
        DATABASE_URL="postgres://portal:geheim@db.example:5433/quartier",
        CONN_MAX_AGE="60",
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "quartier"
    assert database["USER"] == "portal"
    assert database["PASSWORD"] == "geheim"
    assert database["HOST"] == "db.example"
    assert int(database["PORT"]) == 5433
    assert database["CONN_MAX_AGE"] == 60


def test_redis_url_switches_the_cache():
    values = read_settings(["CACHES"], REDIS_URL="redis://cache.example:6379/2")

    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "portal.cache.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://cache.example:6379/2"


def test_elasticsearch_url_switches_the_search_backend():
    values = read_settings(
        ["WAGTAILSEARCH_BACKENDS"],
        ELASTICSEARCH_URL="http://search.example:9200",
        ELASTICSEARCH_INDEX="quartier",
    )

    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"].startswith("wagtail.search.backends.elasticsearch")
    assert backend["BACKEND"][-1].isdigit(), "names the client's major version"
    assert backend["URLS"] == ["http://search.example:9200"]
    assert backend["INDEX"] == "quartier"


def test_email_url():
    values = read_settings(
        [
            "EMAIL_BACKEND",
            "EMAIL_HOST",
            "EMAIL_PORT",
            "EMAIL_HOST_USER",
            "EMAIL_HOST_PASSWORD",
            "EMAIL_USE_TLS",
        ],
        EMAIL_URL="smtp+tls://versand:geheim@mail.example:587",
    )

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "mail.example"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_USER"] == "versand"
    assert values["EMAIL_HOST_PASSWORD"] == "geheim"
    assert values["EMAIL_USE_TLS"] is True


@pytest.mark.parametrize(
    "email_url", ["filemail:///var/mail/portal", "filemail:////var/mail/portal"]
)
def test_email_url_file_backend_takes_the_path_as_absolute(email_url):
    """`filemail:///var/mail/portal` (the form `.env.example` shows) writes to
    /var/mail/portal, as a file: URL would, not to var/mail/portal below the
    working directory."""
    values = read_settings(["EMAIL_BACKEND", "EMAIL_FILE_PATH"], EMAIL_URL=email_url)

    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/portal",
    }


def test_env_example_file_mail_example_is_an_absolute_path():
    text = (PROJECT / ".env.example").read_text()
    examples = [word for word in text.split() if word.startswith("filemail:")]
    assert examples, ".env.example shows the file-mail form"
    for example in examples:
        values = read_settings(["EMAIL_FILE_PATH"], EMAIL_URL=example)
        assert values["EMAIL_FILE_PATH"].startswith("/"), example


def test_email_url_console_backend():
    values = read_settings(["EMAIL_BACKEND"], EMAIL_URL="consolemail://")

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("email_url", "backend"),
    [
        ("", "django.core.mail.backends.console.EmailBackend"),
        ("smtp://mail.example:25", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_dev_mails_to_the_console_unless_email_url_is_set(email_url, backend):
    values = read_settings(
        ["EMAIL_BACKEND"], "config.settings.dev", EMAIL_URL=email_url
    )

    assert values["EMAIL_BACKEND"] == backend


def test_media_root(tmp_path):
    values = read_settings(["MEDIA_ROOT"], MEDIA_ROOT=str(tmp_path / "uploads"))

    assert values["MEDIA_ROOT"] == str(tmp_path / "uploads")


def test_secret_key_hosts_and_debug():
    values = read_settings(
        ["SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "CSRF_TRUSTED_ORIGINS"],
        SECRET_KEY="aus-der-umgebung",
        ALLOWED_HOSTS="portal.example,www.portal.example",
        DEBUG="true",
        CSRF_TRUSTED_ORIGINS="https://portal.example",
    )

    assert values == {
        "SECRET_KEY": "aus-der-umgebung",
        "ALLOWED_HOSTS": ["portal.example", "www.portal.example"],
        "DEBUG": True,
        "CSRF_TRUSTED_ORIGINS": ["https://portal.example"],
    }


def test_dev_settings_read_the_same_variables():
    values = read_settings(
        ["DATABASES", "SECRET_KEY", "DEBUG", "PORTAL_DEMO_ALLOWED"],
        "config.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/entwicklung",
    )

    assert values["DATABASES"]["default"]["NAME"] == "entwicklung"
    assert values["SECRET_KEY"], "dev has a fallback key"
    assert values["DEBUG"] is True
    assert values["PORTAL_DEMO_ALLOWED"] is True


def env_example() -> dict[str, str]:
    variables = {}
    for line in (PROJECT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables


def test_env_example_copied_as_is_gives_working_dev_settings():
    """`.env.example` leaves most variables empty; empty means the default."""
    variables = env_example()
    assert {"DATABASE_URL", "EMAIL_URL", "MEDIA_ROOT", "SECRET_KEY"} <= set(variables)

    values = read_settings(
        ["DATABASES", "SECRET_KEY", "MEDIA_ROOT", "STATIC_ROOT", "EMAIL_BACKEND"],
        "config.settings.dev",
        **variables,
    )

    assert values["DATABASES"]["default"]["NAME"] == str(PROJECT / "db.sqlite3")
    assert values["SECRET_KEY"]
    assert values["MEDIA_ROOT"] == str(PROJECT / "media")
    assert values["STATIC_ROOT"] == str(PROJECT / "staticfiles")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_demo_is_off_by_default_in_base_settings():
    values = read_settings(["PORTAL_DEMO_ALLOWED", "DEBUG"])

    assert values == {"PORTAL_DEMO_ALLOWED": False, "DEBUG": False}


# Production refuses to start half-configured ------------------------------

PRODUCTION = "config.settings.production"
#: What production needs besides the secret key and host names; only read at
#: import, no test here connects to them.
PRODUCTION_SERVICES = {
    "BASE_URL": "https://portal.example",
    "DATABASE_URL": "postgres://portal@db.portal.example/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"ALLOWED_HOSTS": "portal.example"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "LONG", "ALLOWED_HOSTS": "portal.example"}, "BASE_URL"),
        (
            {"SECRET_KEY": "kurz-und-geheim", "ALLOWED_HOSTS": "portal.example"},
            "SECRET_KEY is too short",
        ),
        ({"SECRET_KEY": "a" * 60, "ALLOWED_HOSTS": "portal.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "LONG"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "LONG", "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "LONG", "ALLOWED_HOSTS": "portal.example,*"}, "ALLOWED_HOSTS"),
        (
            {"SECRET_KEY": "LONG", "ALLOWED_HOSTS": "portal.example", "DEBUG": "1"},
            "DEBUG",
        ),
        ({"SECRET_KEY": "LONG", "ALLOWED_HOSTS": "portal.example"}, "REDIS_URL"),
        (
            {
                "SECRET_KEY": "LONG",
                "ALLOWED_HOSTS": "portal.example",
                "REDIS_URL": "redis://127.0.0.1:6379/3",
            },
            "PostgreSQL",
        ),
        (
            {
                "SECRET_KEY": "LONG",
                "ALLOWED_HOSTS": "portal.example",
                "REDIS_URL": "redis://127.0.0.1:6379/3",
                "DATABASE_URL": "sqlite:////var/lib/portal/db.sqlite3",
            },
            "PostgreSQL",
        ),
    ],
    ids=[
        "no secret key",
        "no base url",
        "short secret key",
        "repetitive secret key",
        "no allowed hosts",
        "allowed hosts star",
        "star among allowed hosts",
        "debug on",
        "no shared cache",
        "no database url",
        "sqlite",
    ],
)
def test_production_refuses_to_import(variables, message):
    if variables.get("SECRET_KEY") == "LONG":
        variables = {**variables, "SECRET_KEY": long_secret()}
    if "BASE_URL" not in message:
        variables = {"BASE_URL": "https://portal.example", **variables}

    result = run(
        ["-c", "from django.conf import settings; settings.DEBUG"],
        PRODUCTION,
        **variables,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_imports_when_configured_and_hardens():
    values = read_settings(
        [
            "DEBUG",
            "PORTAL_DEMO_ALLOWED",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
        ],
        PRODUCTION,
        SECRET_KEY=long_secret(),
        ALLOWED_HOSTS="portal.example",
        PORTAL_DEMO_ALLOWED="true",
        **PRODUCTION_SERVICES,
    )

    assert values == {
        "DEBUG": False,
        "PORTAL_DEMO_ALLOWED": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
    }, "no demo accounts in production, whatever the environment says"


def test_production_check_deploy_reports_nothing():
    result = run(
        [
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            f"--settings={PRODUCTION}",
        ],
        PRODUCTION,
        SECRET_KEY=long_secret(),
        ALLOWED_HOSTS="portal.example",
        **PRODUCTION_SERVICES,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr
