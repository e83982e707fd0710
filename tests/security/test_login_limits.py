"""Logins are rate-limited: the Wagtail admin by portal.security, residents
by allauth's ACCOUNT_RATE_LIMITS. A locked-out login says so in the same
words whether the account exists or not."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.security import LOCKED_MESSAGE
from tests.factories.ideas import ResidentFactory
from tests.factories.portal import DEFAULT_PASSWORD, UserFactory

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limits(settings):
    settings.PORTAL_ADMIN_LOGIN_LIMITS = {
        "per_ip": 8,
        "per_user": 3,
        "window_seconds": 60,
    }
    return settings.PORTAL_ADMIN_LOGIN_LIMITS


WRONG = "wrong-password-123"


def admin_login(client, username, password=WRONG, ip="10.0.0.1"):
    return client.post(
        ADMIN_LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_admin_login_locks_a_user_name_after_repeated_failures(client, limits):
    editor = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    for _ in range(limits["per_user"]):
        response = admin_login(client, editor.username)
        assert response.status_code == 200
        assert str(LOCKED_MESSAGE) not in response.text

    # Now even the right password is refused, from any address.
    response = admin_login(client, editor.username, DEFAULT_PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429
    assert str(LOCKED_MESSAGE) in response.text
    assert "_auth_user_id" not in client.session
    # Another user name from the first address still gets through.
    other = UserFactory(username="zweite", is_staff=True, is_superuser=True)
    response = admin_login(client, other.username, DEFAULT_PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_lockout_reads_the_same_for_unknown_accounts(client, limits):
    UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    locked = {}
    for username in ("redakteurin", "gibt-es-nicht"):
        for _ in range(limits["per_user"]):
            admin_login(client, username, ip=f"10.0.1.{len(locked)}")
        locked[username] = admin_login(client, username, ip=f"10.0.1.{len(locked)}")

    existing, unknown = locked["redakteurin"], locked["gibt-es-nicht"]
    assert existing.status_code == unknown.status_code == 429
    assert existing.context["form"].non_field_errors() == (
        unknown.context["form"].non_field_errors()
    )


@pytest.mark.django_db
def test_admin_login_locks_an_address_trying_many_names(client, limits):
    for number in range(limits["per_ip"]):
        admin_login(client, f"name-{number}")

    response = admin_login(client, "fresh-name")

    assert response.status_code == 429
    assert str(LOCKED_MESSAGE) in response.text
    assert admin_login(client, "fresh-name", ip="10.0.0.2").status_code == 200


@pytest.mark.django_db
def test_successful_admin_login_below_the_limit(client, limits):
    editor = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    for _ in range(limits["per_user"] - 1):
        admin_login(client, editor.username)

    response = admin_login(client, editor.username, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_resident_login_limits_are_configured(settings):
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits is not False
    assert "login_failed" in limits
    assert "/key" in limits["login_failed"]


@pytest.mark.django_db
def test_resident_login_locks_out_without_telling_whether_the_account_exists(
    client,
):
    resident = ResidentFactory(email="anna@example.org")
    texts = {}
    for email in (resident.email, "niemand@example.org"):
        for _ in range(5):
            response = client.post(
                reverse("account_login"), {"login": email, "password": "falsch-falsch"}
            )
            assert response.status_code == 200
        response = client.post(
            reverse("account_login"), {"login": email, "password": "falsch-falsch"}
        )
        texts[email] = response.context["form"].non_field_errors()

    assert texts[resident.email] == texts["niemand@example.org"]
    errors = texts[resident.email]
    assert any("Too many" in error or "Zu viele" in error for error in errors)
