"""One id per request, in every log line it causes, in its answer's
`X-Request-ID`, on the 500 page (for support) and in the tasks it enqueues.

nginx sets the header ($request_id, deploy/nginx/portal.conf.template) and
writes it into its access log, so one id finds a request in nginx's, the app
servers' and the worker's logs. The header is believed only when the request
came through trusted proxies (`TRUSTED_PROXY_COUNT` > 0, as for the client
address in portal/clientip.py); a client talking to a node directly cannot
choose the id its requests are logged under.
"""

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
#: What a proxy may send: nginx's 32 hex digits, UUIDs, similar tokens.
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,128}")
#: Outside a request (management commands, a task without one).
NO_REQUEST = "-"

_current: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def request_id_new() -> str:
    return uuid.uuid4().hex


def request_id_current() -> str:
    """The id of the request (or of the task's request) being handled."""
    return _current.get()


@contextmanager
def request_id_bound(request_id: str) -> Iterator[str]:
    """Log under `request_id` within the block (a task runs under the id of
    the request that enqueued it)."""
    token = _current.set(request_id or request_id_new())
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _incoming(request: HttpRequest) -> str:
    if settings.TRUSTED_PROXY_COUNT <= 0:
        return ""
    value = request.headers.get(HEADER, "")
    return value if _ACCEPTED.fullmatch(value) else ""


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every later log line carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with request_id_bound(_incoming(request)) as request_id:
            request.request_id = request_id
            response = self.get_response(request)
            response[HEADER] = request_id
            return response


class RequestIdLogFilter(logging.Filter):
    """Gives every record `request_id` for the log format (settings LOGGING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
