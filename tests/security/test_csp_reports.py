"""The CSP report endpoint (portal/csp_reports.py): the policies name it, real
browser reports are logged without query strings, junk and floods are
answered without a 500 and without filling the log."""

import json
import logging

import pytest
from django.core.cache import cache

from tests.utils import csp_directives

pytestmark = pytest.mark.django_db

URL = "/csp-report/"

#: What Chromium posts for `report-uri` (Content-Type application/csp-report).
CHROMIUM_REPORT_URI = {
    "csp-report": {
        "document-uri": "https://portal.example/suche/?q=Anna+Schmidt",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; script-src 'self'; report-uri "
        "/csp-report/; report-to csp",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/x.js?token=secret",
        "line-number": 12,
        "column-number": 3,
        "source-file": "https://portal.example/suche/?q=Anna+Schmidt",
        "status-code": 200,
        "script-sample": "",
    }
}
#: What the Reporting API posts for `report-to` (application/reports+json).
REPORTING_API = [
    {
        "age": 2,
        "body": {
            "blockedURL": "inline",
            "columnNumber": 39,
            "disposition": "enforce",
            "documentURL": "https://portal.example/admin/pages/3/edit/",
            "effectiveDirective": "script-src-attr",
            "lineNumber": 121,
            "originalPolicy": "default-src 'self'",
            "referrer": "",
            "sample": "",
            "sourceFile": "https://portal.example/admin/pages/3/edit/",
            "statusCode": 200,
        },
        "type": "csp-violation",
        "url": "https://portal.example/admin/pages/3/edit/",
        "user_agent": "Mozilla/5.0",
    },
    {"type": "deprecation", "body": {"id": "x"}},
]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(URL, data, content_type=content_type, **extra)


def test_both_policies_name_the_endpoint(client, home_de):
    for path in ("/", "/admin/login/"):
        response = client.get(path)
        policy = csp_directives(response)
        assert policy["report-uri"] == [URL]
        assert policy["report-to"] == ["csp"]
        assert response["Reporting-Endpoints"] == f'csp="{URL}"'


def test_a_report_uri_report_is_logged_without_query_strings(client, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = _post(client, CHROMIUM_REPORT_URI)

    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "portal.csp"]
    message = record.getMessage()
    assert "script-src-elem blocked https://evil.example/x.js on" in message
    assert "https://portal.example/suche/" in message
    assert "Anna" not in message
    assert "secret" not in message


def test_reporting_api_batches_log_each_csp_violation(client, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = _post(client, REPORTING_API, "application/reports+json")

    assert response.status_code == 204
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.csp"]
    assert len(messages) == 1  # the deprecation report is not a CSP one
    assert "script-src-attr blocked inline on" in messages[0]


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00binary",
        b"[" * 100_00,
        b"null",
        b"42",
        b'"csp"',
        b'{"csp-report": "x"}',
        b'{"csp-report": {"blocked-uri": {"nested": [1, 2]}, "line-number": true}}',
        b'[{"type": "csp-violation", "body": []}]',
        b'{"csp-report": {"document-uri": "http://[::1"}}',
        json.dumps([1, "two", None]).encode(),
    ],
)
def test_junk_never_gets_a_500(client, junk):
    response = _post(client, junk)

    assert response.status_code in (204, 400)


def test_a_body_over_16_kib_is_refused_unread(client, caplog):
    huge = {"csp-report": {"blocked-uri": "x" * 20_000}}

    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = _post(client, huge)

    assert response.status_code == 413
    assert not [r for r in caplog.records if r.name == "portal.csp"]


def test_only_post(client):
    assert client.get(URL).status_code == 405


def test_a_flood_is_cut_per_client_address(client, caplog, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    flood = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.8"}

    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        statuses = [
            _post(client, CHROMIUM_REPORT_URI, **flood).status_code for _ in range(40)
        ]
        other_status = _post(client, CHROMIUM_REPORT_URI, **other).status_code

    assert statuses.count(204) == 30
    assert statuses[30:] == [429] * 10
    assert other_status == 204
    assert len([r for r in caplog.records if r.name == "portal.csp"]) == 31
