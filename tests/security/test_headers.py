"""Security headers: the production settings' values, applied to real
responses of the public site and of the Wagtail admin."""

import pytest

from portal.models import MapSettings
from portal.security import tile_source
from tests.factories.portal import UserFactory
from tests.utils import csp_directives


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production, client):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://localhost/"


@pytest.mark.django_db
def test_public_page_has_every_security_header(production, client):
    response = client.get("/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]

    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_allow_images_from_the_configured_tile_host_only(
    production, client, site
):
    settings = MapSettings.for_site(site)
    settings.tile_url = "https://tiles.example.net/osm/{z}/{x}/{y}.png"
    settings.save()

    response = client.get("/", secure=True)

    img_src = csp_directives(response)["img-src"]
    assert img_src == ["'self'", "data:", "https://tiles.example.net"]
    assert "tile.openstreetmap.org" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("template", "source"),
    [
        (
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tile.openstreetmap.org",
        ),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8123/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8123"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("javascript:alert(1)", None),
        ("https://{z}.evil/{x}/{y}.png", None),
    ],
)
def test_tile_source_is_the_origin_of_the_template(template, source):
    assert tile_source(template) == source


@pytest.mark.django_db
def test_admin_has_its_own_policy_that_still_forbids_other_hosts(production, client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.get("/admin/", secure=True)

    assert response.status_code == 200
    policy = csp_directives(response)
    nonce = f"'nonce-{response.wsgi_request.csp_nonce}'"
    assert policy["script-src"] == ["'self'", nonce, "'strict-dynamic'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_cookies_are_secure_and_http_only(production, client):
    admin = UserFactory(username="chefin", is_superuser=True, is_staff=True)
    client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {"username": admin.username, "password": "test-pass-2024"},
        secure=True,
    )

    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
