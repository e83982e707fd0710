"""One id per request (portal/requestid.py): in the answer's X-Request-ID,
in every log line, on the 500 page, and in the tasks the request enqueues;
taken from the proxy only when proxies are trusted."""

import io
import logging
import re

import pytest
from django.test import Client

from portal.requestid import RequestIdLogFilter
from tests.factories.ideas import ResidentFactory
from tests.portal.mail_backends import FlakyBackend

pytestmark = pytest.mark.django_db

HEX32 = re.compile(r"[0-9a-f]{32}")


def test_every_answer_has_its_own_id(client):
    first = client.get("/healthz/live")["X-Request-ID"]
    second = client.get("/healthz/live")["X-Request-ID"]

    assert HEX32.fullmatch(first)
    assert HEX32.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    ("trusted", "sent", "kept"),
    [
        (0, "nginx-3f2a9c0d1e", False),  # no proxy trusted: a client's header
        (1, "3f2a9c0d1e4b5a69", True),  # from nginx
        (1, "<script>", False),  # junk is replaced
        (1, "a" * 200, False),
    ],
)
def test_the_proxys_id_is_kept_only_when_trusted(client, settings, trusted, sent, kept):
    settings.TRUSTED_PROXY_COUNT = trusted

    answer = client.get("/healthz/live", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]

    assert (answer == sent) is kept
    if not kept:
        assert HEX32.fullmatch(answer)


@pytest.fixture
def log_lines():
    """The configured console handler (settings.LOGGING), writing here."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestIdLogFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def failing_view(settings):
    settings.ROOT_URLCONF = "tests.portal.error_urls"
    settings.DEBUG = False
    return Client(HTTP_HOST="localhost", raise_request_exception=False)


def test_a_failure_logs_and_shows_the_same_id(failing_view, log_lines):
    response = failing_view.get("/kaputt/")

    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    shown = re.findall(r'<code class="request-id">([^<]+)</code>', response.text)
    assert shown == [request_id, request_id]  # German and English
    lines = log_lines.getvalue().splitlines()
    error = [line for line in lines if "Internal Server Error: /kaputt/" in line]
    assert error
    assert f"request_id={request_id}" in error[0]


def test_a_log_line_outside_requests_says_so(log_lines):
    logging.getLogger("portal.test").warning("from a management command")

    assert "request_id=- from a management command" in log_lines.getvalue()


def test_a_task_logs_under_the_id_of_its_request(client, settings, log_lines):
    """A mail the server refuses: the worker's warning names the request."""
    settings.EMAIL_BACKEND = "tests.portal.mail_backends.FlakyBackend"
    settings.MAIL_RETRY_DELAYS = [0]
    FlakyBackend.attempts, FlakyBackend.failures = 0, 1
    ResidentFactory(email="anna@example.org")

    response = client.post("/en/account/password/reset/", {"email": "anna@example.org"})

    retry = [line for line in log_lines.getvalue().splitlines() if "not sent" in line]
    assert len(retry) == 1
    assert f"request_id={response['X-Request-ID']}" in retry[0]
