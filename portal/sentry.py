"""Error reports to Sentry (or a compatible service such as GlitchTip) when
`SENTRY_DSN` is set; nothing is sent otherwise.

No personal data leaves: `send_default_pii` is off (no user, no client
address, no SQL parameters), request bodies and local variables are never
sent, and `sentry_scrub` removes what remains personal from each event:
cookies, the query string (search terms, tokens), headers that carry
credentials or addresses. Each event is tagged with the request id, which
the visitor sees on the 500 page and nginx and Django log.

Imported by the settings, so it must not import Django's models.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .requestid import NO_REQUEST, request_id_current

#: Request headers that never leave (credentials, the client's addresses).
DROPPED_HEADERS = frozenset(
    {
        "authorization",
        "cookie",
        "proxy-authorization",
        "x-csrftoken",
        "x-forwarded-for",
        "x-real-ip",
        "forwarded",
    }
)


def sentry_init(*, dsn: str, environment: str, release: str = "") -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=sentry_scrub,
    )


def sentry_scrub(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        request.pop("query_string", None)
        request.pop("env", None)  # REMOTE_ADDR, SERVER_NAME
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0].split("#", 1)[0]
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in DROPPED_HEADERS
            }
    event.pop("user", None)
    request_id = request_id_current()
    if request_id != NO_REQUEST:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
