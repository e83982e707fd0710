"""Browser tests: Debian's Chromium driven by Playwright against a real
server process that this fixture starts on a throw-away database filled by
`seed_demo`. Every request a page makes is recorded; one to another host
fails the test."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database_url(workdir: Path) -> str:
    """A fresh database of the kind the suite runs on: a new SQLite file, or
    on PostgreSQL a database `<name>_e2e` created anew beside the test one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'e2e.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'portal'}_e2e"
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a portal served by `runserver` on a demo database."""
    workdir = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": _e2e_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_URL": f"filemail://{workdir / 'mail'}",
        "DEBUG": "true",
        "PORTAL_DEMO_ALLOWED": "true",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo", "--no-progress"]):
        subprocess.run(
            [*manage, *command],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2)  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the e2e server did not start") from None
            time.sleep(0.3)
    yield base_url
    process.terminate()
    process.wait(timeout=10)


# Package scope: Playwright's sync API runs an event loop in this thread, and
# while it runs Django refuses database access ("async context") in any test.
@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class RecordingPage:
    """A Playwright page that remembers every request it made."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own
        ]

    def __getattr__(self, name):
        return getattr(self.page, name)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recording = RecordingPage(context.new_page(), server)
    yield recording
    assert recording.foreign_requests() == [], "a page loaded from another host"
    context.close()


@pytest.fixture
def phone_page(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True
    )
    recording = RecordingPage(context.new_page(), server)
    yield recording
    assert recording.foreign_requests() == [], "a page loaded from another host"
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
