"""Error reports (portal/sentry.py): with SENTRY_DSN set, an error in a view
reaches the DSN's endpoint (here a fake Sentry on 127.0.0.1 that records
envelopes) with the request id and without personal data; without it,
sentry-sdk is not even started."""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The fake endpoint's ports (this branch's range on the shared machine).
PORTS = range(8250, 8260)


def _decode(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        # Optional: sentry_sdk sends br only where brotli is installed.
        import brotli  # noqa: PLC0415

        return brotli.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


class FakeSentry(BaseHTTPRequestHandler):
    envelopes: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.envelopes.append(_decode(body, self.headers.get("Content-Encoding", "")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_sentry():
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), FakeSentry)
            break
        except OSError:
            continue
    assert server, "no free port for the fake Sentry"
    FakeSentry.envelopes = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], FakeSentry.envelopes
    server.shutdown()
    server.server_close()


def _events(envelopes: list[bytes]) -> list[dict]:
    events = []
    for envelope in envelopes:
        lines = envelope.split(b"\n")
        # header, then pairs of item header and payload
        for item_header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(item_header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def _probe(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "tests/portal/sentry_probe.py"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": "sqlite://:memory:",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_error_in_a_view_is_reported_with_the_request_id_and_no_personal_data(
    fake_sentry,
):
    port, envelopes = fake_sentry

    probe = _probe({"SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/1"})

    assert probe.returncode == 0, probe.stderr[-3000:]
    request_id = probe.stdout.strip().splitlines()[-1]
    assert request_id == "probe0123456789abcdef"  # as nginx handed it over
    [event] = _events(envelopes)
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "Something broke on purpose."
    assert event["tags"]["request_id"] == request_id
    assert event["request"]["url"].endswith("/kaputt/")
    assert "user" not in event
    headers = {name.lower() for name in event["request"]["headers"]}
    assert "host" in headers, "the request is described"
    assert headers.isdisjoint({"cookie", "authorization", "x-forwarded-for"})
    sent = b"\n".join(envelopes).decode()
    for personal in (
        "Anna",
        "geheim",  # the token in the query string, the cookies
        "198.51.100.23",
        "YW5uYTpnZWhlaW0",
        "sessionid",
    ):
        assert personal not in sent, personal


def test_without_a_dsn_nothing_is_started(fake_sentry):
    _port, envelopes = fake_sentry

    probe = _probe({"SENTRY_DSN": ""})

    assert probe.returncode == 0, probe.stderr[-3000:]
    assert envelopes == []
