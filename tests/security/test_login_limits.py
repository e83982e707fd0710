"""Logins are rate-limited: the Wagtail admin by portal.security, residents
by allauth's ACCOUNT_RATE_LIMITS. A locked-out login says so in the same
words whether the account exists or not.

The admin counts per account, whichever name or address identifies it, and
per client address, atomically in the shared cache: concurrent guesses and
several server processes get exactly the limit. Staff accounts cannot log in
through the residents' login at all."""

import json
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from portal.security import LOCKED_MESSAGE
from tests.factories.ideas import ResidentFactory, editor_create
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
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_counted(
    client, limits, settings
):
    # nginx (one trusted proxy) appends the client's address to whatever
    # X-Forwarded-For the client sent; every request comes from nginx itself.
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"

    def through_proxy(username, client_address, claimed=""):
        forwarded = f"{claimed}, {client_address}" if claimed else client_address
        return client.post(
            ADMIN_LOGIN,
            {"username": username, "password": WRONG},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for number in range(limits["per_ip"]):
        # A forged first entry changes nothing: the proxy's entry counts.
        through_proxy(f"name-{number}", "203.0.113.7", claimed=f"10.1.1.{number}")

    locked = through_proxy("fresh-name", "203.0.113.7")
    other_client = through_proxy("fresh-name", "203.0.113.8")

    assert locked.status_code == 429
    assert str(LOCKED_MESSAGE) in locked.text
    assert other_client.status_code == 200


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(
    client, limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(limits["per_ip"]):
        client.post(
            ADMIN_LOGIN,
            {"username": f"name-{number}", "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )

    response = client.post(
        ADMIN_LOGIN,
        {"username": "fresh-name", "password": WRONG},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )

    assert response.status_code == 429


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


# The same account under another name ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("alias", ["account address", "allauth address", "casing"])
def test_admin_lockout_holds_for_every_name_of_the_account(client, limits, alias):
    editor = UserFactory(
        username="redakteurin",
        email="redaktion@example.org",
        is_staff=True,
        is_superuser=True,
    )
    EmailAddress.objects.create(user=editor, email="zweite@example.org")
    for _ in range(limits["per_user"]):
        admin_login(client, editor.username)
    other_name = {
        "account address": "Redaktion@example.org",
        "allauth address": "zweite@example.org",
        "casing": "REDAKTEURIN",
    }[alias]

    response = admin_login(client, other_name, DEFAULT_PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429
    assert str(LOCKED_MESSAGE) in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failures_under_different_names_add_up_for_one_account(client, limits):
    editor = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    names = [editor.username, editor.email, editor.username.upper()]
    for name in names[: limits["per_user"]]:
        assert admin_login(client, name).status_code == 200

    response = admin_login(client, editor.email, DEFAULT_PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429


@pytest.mark.django_db
def test_the_address_can_log_in_with_the_right_password_below_the_limit(client, limits):
    editor = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    for _ in range(limits["per_user"] - 1):
        admin_login(client, editor.email)

    response = admin_login(client, editor.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# Concurrent guesses ----------------------------------------------------------


def _post_at_once(requests: list[tuple[str, str, str]]) -> list[int]:
    """Posts every (login, password, ip) to the admin login from its own
    thread, all released at the same moment; returns the status codes."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def guess(login, password, ip):
        try:
            client = Client(HTTP_HOST="localhost")
            barrier.wait(timeout=30)
            statuses.append(admin_login(client, login, password, ip).status_code)
        except BaseException as error:  # collected and asserted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=args) for args in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return statuses


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("cache_backend", ["local memory", "redis"])
def test_concurrent_guesses_get_exactly_the_limit(limits, cache_backend, request):
    if cache_backend == "redis":
        request.getfixturevalue("shared_cache")
    editor = UserFactory(username="redakteurin", is_staff=True, is_superuser=True)
    guesses = 20
    statuses = _post_at_once(
        [(editor.username, f"guess-{n}", f"10.0.2.{n}") for n in range(guesses)]
    )

    # 200 is a password that was tried (and wrong), 429 one refused untried.
    assert sorted(statuses) == [200] * limits["per_user"] + [429] * (
        guesses - limits["per_user"]
    )
    response = admin_login(
        Client(HTTP_HOST="localhost"), editor.username, DEFAULT_PASSWORD
    )
    assert response.status_code == 429


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_guesses_from_one_address_get_exactly_its_limit(limits):
    guesses = limits["per_ip"] + 6
    statuses = _post_at_once([(f"name-{n}", WRONG, "10.0.3.1") for n in range(guesses)])

    assert sorted(statuses) == [200] * limits["per_ip"] + [429] * 6


# Two server processes sharing Redis -----------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/3"
WORKER = Path(__file__).with_name("login_worker.py")


@pytest.fixture
def shared_cache():
    """The cache as production has it: Redis, shared by every process. Keys
    get a prefix of their own, so nothing else in that database is touched."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: start it to run this.")
    prefix = f"test-login-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches):
        yield prefix
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


@pytest.mark.django_db
def test_two_server_processes_count_together(client, limits, shared_cache, tmp_path):
    editor = UserFactory(
        username="redakteurin",
        email="redaktion@example.org",
        is_staff=True,
        is_superuser=True,
    )
    for _ in range(limits["per_user"] - 1):
        assert admin_login(client, editor.username).status_code == 200
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "redis": REDIS_URL,
                "key_prefix": shared_cache,
                "limits": limits,
                "user": {
                    "pk": editor.pk,
                    "username": editor.username,
                    "email": editor.email,
                    "password": DEFAULT_PASSWORD,
                },
                # The last failure the limit allows, then the right password
                # under the other name, from other addresses.
                "attempts": [
                    [editor.username, WRONG, "10.7.0.1"],
                    [editor.email, DEFAULT_PASSWORD, "10.7.0.2"],
                ],
            }
        )
    )

    worker = subprocess.run(  # our own script, no shell
        [sys.executable, str(WORKER), str(spec)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert worker.returncode == 0, worker.stderr
    assert json.loads(worker.stdout.strip().splitlines()[-1]) == [200, 429]
    # And back in this process, the account stays locked.
    response = admin_login(client, editor.username, DEFAULT_PASSWORD, ip="10.8.0.1")
    assert response.status_code == 429


# Staff on the residents' login -------------------------------------------------


#: The password of the accounts tests.factories.ideas makes.
IDEAS_PASSWORD = "a-good-pass-2024"


def _resident_login(client, login, password, language="de"):
    with translation.override(language):
        url = reverse("account_login")
    return client.post(url, {"login": login, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language", [code for code, _name in django_settings.LANGUAGES]
)
@pytest.mark.parametrize("by", ["email", "username"])
def test_staff_cannot_log_in_through_the_residents_login(client, language, by):
    editor = editor_create(username="redakteurin", email="redaktion@example.org")
    login = getattr(editor, by)
    wrong = _resident_login(client, login, WRONG, language)
    right = _resident_login(client, login, IDEAS_PASSWORD, language)

    assert right.status_code == wrong.status_code == 200
    assert right.context["form"].non_field_errors() == (
        wrong.context["form"].non_field_errors()
    ), "the right password reads like a wrong one"
    assert right.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session
    assert mail.outbox == []


@pytest.mark.django_db
def test_staff_right_password_counts_towards_the_residents_lockout(client):
    """allauth gives a successful login its count back; a staff login must not
    get it, or the lock-out would tell the right password from a wrong one."""
    editor = editor_create(username="redakteurin", email="redaktion@example.org")
    for _ in range(4):
        _resident_login(client, editor.email, WRONG)
    _resident_login(client, editor.email, IDEAS_PASSWORD)

    response = _resident_login(client, editor.email, WRONG)

    errors = " ".join(response.context["form"].non_field_errors())
    assert "Too many" in errors or "Zu viele" in errors


@pytest.mark.django_db
def test_residents_still_log_in(client):
    resident = ResidentFactory(email="anna@example.org")

    response = _resident_login(client, resident.email, IDEAS_PASSWORD)

    assert response.status_code == 302, response.context["form"].errors
    assert client.session["_auth_user_id"] == str(resident.pk)


@pytest.mark.django_db
def test_staff_get_no_login_code_through_the_residents_login(client):
    editor = editor_create(username="redakteurin", email="redaktion@example.org")
    unknown = "niemand@example.org"
    answers = {}
    for email in (editor.email, unknown):
        client.cookies.clear()
        answers[email] = client.post(
            reverse("account_request_login_code"), {"email": email}
        )

    assert answers[editor.email].status_code == answers[unknown].status_code
    assert answers[editor.email].url == answers[unknown].url
    # Both get allauth's "there is no account" mail, no code.
    assert [message.to for message in mail.outbox] == [[editor.email], [unknown]]
    assert mail.outbox[0].subject == mail.outbox[1].subject
    assert mail.outbox[0].body == mail.outbox[1].body.replace(unknown, editor.email)
