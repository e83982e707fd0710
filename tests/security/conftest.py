"""The production settings' hardening, applied to requests of these tests."""

import json
import secrets

import pytest
from csp.constants import NONCE
from django.test import override_settings

from tests.portal.test_settings import PRINT_SETTINGS, PRODUCTION_SERVICES, run

HARDENING = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PORTAL_ADMIN_CSP",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
]


@pytest.fixture(scope="session")
def production_settings() -> dict:
    """The hardening settings as config.settings.production defines them,
    read in a fresh interpreter (settings are read once, at import)."""
    result = run(
        ["-c", "import django; django.setup()\n" + PRINT_SETTINGS % HARDENING],
        "config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost",
        **PRODUCTION_SERVICES,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    for policy in ("CONTENT_SECURITY_POLICY", "PORTAL_ADMIN_CSP"):
        values[policy]["DIRECTIVES"] = _nonce_restored(values[policy]["DIRECTIVES"])
    return values


def _nonce_restored(policy: dict) -> dict:
    """django-csp's NONCE placeholder, which JSON turned into its repr."""
    return {
        name: [NONCE if source == repr(NONCE) else source for source in sources]
        if isinstance(sources, list)
        else sources
        for name, sources in policy.items()
    }


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield
