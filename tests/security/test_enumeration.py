"""Sign-up and password reset do the same work whether an address has an
account or not, so neither the answer nor its timing tells which addresses
are registered: the same answer, one mail (its template) handed to the task
queue (django-tasks) in both cases, nothing sent within the request, and the
same number of password hashes. Shown by counting, never by timing."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_tasks import default_task_backend

from tests.factories.ideas import ResidentFactory, editor_create

from .hashers import CountingMD5PasswordHasher

pytestmark = pytest.mark.django_db

KNOWN = "anna@example.org"
UNKNOWN = "niemand@example.org"


@pytest.fixture
def queue():
    """Tasks are queued, not run: a worker process would send the mail."""
    tasks = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    hashers = ["tests.security.hashers.CountingMD5PasswordHasher"]
    with override_settings(TASKS=tasks, PASSWORD_HASHERS=hashers):
        default_task_backend.clear()
        yield default_task_backend
        default_task_backend.clear()


@pytest.fixture
def resident(db):
    return ResidentFactory(email=KNOWN)


def _work(queue, post):
    """What one request did: the queued tasks, mails sent at once, hashes."""
    queue.clear()
    mail.outbox.clear()
    CountingMD5PasswordHasher.calls.clear()
    response = post()
    return {
        "status": response.status_code,
        "location": response.get("Location"),
        "tasks": [result.task.name for result in queue.results],
        "recipients": [result.kwargs["to"] for result in queue.results],
        "sent_at_once": len(mail.outbox),
        "hashes": len(CountingMD5PasswordHasher.calls),
    }


def _url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def test_password_reset_does_the_same_for_unknown_addresses(client, queue, resident):
    def reset(email):
        return lambda: client.post(_url("account_reset_password"), {"email": email})

    known = _work(queue, reset(KNOWN))
    unknown = _work(queue, reset(UNKNOWN))

    assert known["recipients"] == [[KNOWN]]
    assert unknown["recipients"] == [[UNKNOWN]]
    for work in (known, unknown):
        work.pop("recipients")
    assert known == unknown
    assert known["tasks"] == ["send_template_mail"]
    assert known["sent_at_once"] == 0


def test_sign_up_does_the_same_for_known_addresses(client, queue, resident):
    def sign_up(email):
        return lambda: client.post(
            _url("account_signup"),
            {
                "email": email,
                "display_name": "Kiezkind",
                "password1": "ein-langes-passwort-7",
                "password2": "ein-langes-passwort-7",
            },
        )

    new = _work(queue, sign_up(UNKNOWN))
    client.cookies.clear()
    known = _work(queue, sign_up(KNOWN))

    assert new["recipients"] == [[UNKNOWN]]
    assert known["recipients"] == [[KNOWN]]
    for work in (new, known):
        work.pop("recipients")
    assert known == new
    assert known["tasks"] == ["send_template_mail"]
    assert known["hashes"] >= 1, "a new account hashes its password"
    assert known["sent_at_once"] == 0


def test_the_queued_account_mail_is_the_mail(client, resident):
    """With the immediate backend (development, tests) the task sends the
    mail allauth rendered: subject, body, sender and recipient."""
    client.post(_url("account_reset_password"), {"email": KNOWN})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [KNOWN]
    assert message.subject.startswith("[Quartiersportal]")
    assert "/password/reset/key/" in message.body


def test_admin_password_reset_mails_from_the_queue(client, queue):
    """The admin's reset (Django's form) mails only addresses with an
    account; the mail goes to the queue, so the answer does not wait for the
    mail server and looks and takes the same for any address."""
    editor = editor_create(email="redaktion@example.org")

    def reset(email):
        return lambda: client.post("/admin/password_reset/", {"email": email})

    known = _work(queue, reset(editor.email))
    unknown = _work(queue, reset(UNKNOWN))

    assert known["recipients"] == [[editor.email]]
    assert known["tasks"] == ["send_template_mail"]
    assert unknown["tasks"] == []
    assert known["sent_at_once"] == unknown["sent_at_once"] == 0
    assert known["status"] == unknown["status"] == 302
    assert known["location"] == unknown["location"]


def test_admin_password_reset_mail_arrives(client):
    editor = editor_create(email="redaktion@example.org")

    client.post("/admin/password_reset/", {"email": editor.email})

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body
