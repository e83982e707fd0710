"""Every mail goes one way (portal/mail.py): the request queues a template,
a context of plain values and references, and the recipient's language; the
worker renders and sends it, on its own queue, and tries again with growing
delays when the mail server refuses."""

import ast
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import default_task_backend, task
from django_tasks_db.models import DBTaskResult

from portal.mail import mail_enqueue
from tests.factories.ideas import ResidentFactory, editor_create
from tests.fixtures.mail import MailQueueViolation
from tests.portal.mail_backends import FlakyBackend

pytestmark = pytest.mark.django_db

KNOWN = "anna@example.org"
DUMMY = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "QUEUES": settings.TASK_QUEUES,
    }
}


@pytest.fixture
def queue():
    """Tasks are queued, not run: the worker renders."""
    with override_settings(TASKS=DUMMY):
        default_task_backend.clear()
        yield default_task_backend
        default_task_backend.clear()


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def _flows(client, language):
    return {
        "reset": lambda: client.post(
            _url("account_reset_password", language), {"email": KNOWN}
        ),
        "signup": lambda: client.post(
            _url("account_signup", language),
            {
                "email": "neu@example.org",
                "display_name": "Kiezkind",
                "password1": "ein-langes-passwort-7",
                "password2": "ein-langes-passwort-7",
            },
        ),
        "login_code": lambda: client.post(
            _url("account_request_login_code", language), {"email": KNOWN}
        ),
    }


PREFIXES = {
    "reset": "account/email/password_reset_key",
    "signup": "account/email/email_confirmation_signup",
    "login_code": "account/email/login_code",
}


@pytest.mark.parametrize("flow", PREFIXES)
@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_allauth_mails_are_queued_as_templates_and_rendered_by_the_worker(
    client, queue, flow, language
):
    ResidentFactory(email=KNOWN)

    response = _flows(client, language)[flow]()

    assert response.status_code in (200, 302)
    assert len(mail.outbox) == 0, "nothing is sent in the request"
    [result] = queue.results
    assert result.task.name == "send_template_mail"
    assert result.task.queue_name == "mail"
    kwargs = result.kwargs
    assert kwargs["templates"] == {"prefix": PREFIXES[flow]}
    assert kwargs["language"] == language
    # Only plain values go into the queue: no rendered body, no request.
    assert json.loads(json.dumps(kwargs)) == kwargs
    assert {"subject", "body", "html"}.isdisjoint(kwargs)
    assert {"request", "current_site"}.isdisjoint(kwargs["context"])
    assert kwargs["request_id"] == response["X-Request-ID"]

    # The worker, outside any request and in another active language.
    with translation.override("de"):
        result.task.call(**kwargs)

    [message] = mail.outbox
    assert message.to == [kwargs["to"][0]]
    assert message.subject.startswith("[Quartiersportal]")
    with translation.override(language):
        greeting = gettext("Hello,")
    assert greeting != "Hallo,"
    assert message.body.startswith(greeting), message.body[:80]
    assert settings.WAGTAIL_SITE_NAME in message.body
    # The links the worker made open what they promise.
    if flow == "reset":
        path = _link(message.body, "/password/reset/key/")
        assert path.startswith(f"/{language}/"), path
        form = client.get(path, follow=True)
        assert form.status_code == 200
        # A valid key leads to the new-password form, a bad one to an error.
        assert "password1" in form.context["form"].fields
    if flow == "signup":
        page = client.get(_link(message.body, "/confirm-email/"))
        assert page.status_code == 200
        assert page.context["confirmation"] is not None


def _link(body: str, part: str) -> str:
    """The path of the link in `body` that contains `part`."""
    [url] = [word for word in body.split() if part in word]
    assert url.startswith("http://localhost/"), url
    return url.removeprefix("http://localhost")


def test_admin_password_reset_is_rendered_by_the_worker(client, queue):
    editor = editor_create(email="redaktion@example.org")

    client.post("/admin/password_reset/", {"email": editor.email})

    [result] = queue.results
    assert result.kwargs["templates"]["body"].endswith(".txt")
    assert result.kwargs["context"]["user"] == {
        "__model__": "portal.user",
        "pk": editor.pk,
    }
    result.task.call(**result.kwargs)
    [message] = mail.outbox
    assert message.to == [editor.email]
    form = client.get(
        _link(message.body, "/admin/password_reset/confirm/"), follow=True
    )
    assert form.status_code == 200
    assert form.context["validlink"], "the worker's reset link is valid"


# Retries -----------------------------------------------------------------

DATABASE_QUEUE = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": settings.TASK_QUEUES,
    }
}


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.portal.mail_backends.FlakyBackend"
    settings.MAIL_RETRY_DELAYS = [30, 120, 600]
    FlakyBackend.attempts = 0
    with override_settings(TASKS=DATABASE_QUEUE):
        yield FlakyBackend


def _work_off_mail_queue():
    """The mail worker once over what is due (`db_worker --queue-name mail`)."""
    call_command(
        "db_worker",
        "--queue-name",
        "mail",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def _rows():
    return list(DBTaskResult.objects.order_by("enqueued_at", "pk"))


def _time_passes():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # worker txns
def test_a_refused_mail_is_tried_again_with_growing_delays(client, flaky):
    flaky.failures = 2
    ResidentFactory(email=KNOWN)
    client.post(_url("account_reset_password", "en"), {"email": KNOWN})
    [first] = _rows()
    assert first.queue_name == "mail"

    waits = []
    for _ in range(3):
        started = timezone.now()
        _work_off_mail_queue()
        rows = _rows()
        if rows[-1].status == "READY":
            waits.append(rows[-1].run_after - started)
            _time_passes()

    assert flaky.attempts == 3
    assert len(mail.outbox) == 1, "sent once, not doubled"
    assert [row.status for row in _rows()] == ["SUCCESSFUL"] * 3
    assert [row.return_value for row in _rows()] == ["retry", "retry", "sent"]
    assert timedelta(seconds=29) < waits[0] <= timedelta(seconds=31)
    assert timedelta(seconds=119) < waits[1] <= timedelta(seconds=121)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # worker txns
def test_a_mail_refused_every_time_is_logged_as_failed(client, flaky, caplog):
    flaky.failures = 100
    ResidentFactory(email=KNOWN)
    client.post(_url("account_reset_password", "en"), {"email": KNOWN})

    for _ in range(6):
        _work_off_mail_queue()
        _time_passes()

    assert flaky.attempts == 4, "the first attempt and three retries"
    assert [row.status for row in _rows()] == ["SUCCESSFUL"] * 3 + ["FAILED"]
    assert len(mail.outbox) == 0
    failed = [r for r in caplog.records if "failed for good" in r.getMessage()]
    assert len(failed) == 1
    assert failed[0].levelname == "ERROR"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # worker txns
def test_the_worker_takes_mail_from_its_queue_only(client, flaky):
    flaky.failures = 0
    ResidentFactory(email=KNOWN)
    client.post(_url("account_reset_password", "en"), {"email": KNOWN})

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )  # the default queue's worker
    assert len(mail.outbox) == 0
    _work_off_mail_queue()
    assert len(mail.outbox) == 1


def test_the_suite_refuses_a_link_or_a_rendered_mail_in_the_queue(queue):
    """The guard every test runs under (tests/fixtures/mail.py) catches a
    link made in the request and a mail queued another way."""
    with pytest.raises(MailQueueViolation, match="link"):
        mail_enqueue(
            renderer="django",
            templates={"subject": "s.txt", "body": "b.txt"},
            to=[KNOWN],
            context={"entries": [{"url": "http://localhost/stellen/1/"}]},
        )
    with pytest.raises(MailQueueViolation, match="secret"):
        mail_enqueue(
            renderer="django",
            templates={"subject": "s.txt", "body": "b.txt"},
            to=[KNOWN],
            context={"token": "abc"},
        )
    with pytest.raises(MailQueueViolation, match="another way"):
        _own_mail_task.enqueue(idea_id=1)


@task(queue_name="mail")
def _own_mail_task(*, idea_id: int) -> None:
    """A task of its own on the mail queue, as the idea board had one."""


#: What of django.core.mail builds or sends a mail.
SENDING = {
    "EmailMessage",
    "EmailMultiAlternatives",
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
}


def test_only_the_mail_worker_builds_a_mail():
    """No app builds or sends a message itself: every mail goes through
    `portal.mail.mail_enqueue` to the worker (`portal.tasks`)."""
    root = Path(settings.BASE_DIR)
    found = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "tests", "node_modules"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
                names = {alias.name for alias in node.names} & SENDING
            elif isinstance(node, ast.Attribute) and node.attr in SENDING:
                names = {node.attr}
            else:
                continue
            if names and str(relative) != "portal/tasks.py":
                found.append(f"{relative}:{node.lineno} {sorted(names)}")
    assert found == []
