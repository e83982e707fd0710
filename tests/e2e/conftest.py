"""Browser tests: Debian's Chromium driven by Playwright against a real
server process that this fixture starts on a throw-away database filled by
`seed_demo`. Every request a page makes is recorded; one to another host
fails the test."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
#: The e2e server's map tiles come from this host, which does not exist: a
#: test that agrees to the map answers its requests with `page.route`.
TILE_HOST = "tiles.e2e.invalid"
TILE_URL = f"https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png"
#: Seconds for each step of the server's set-up, and for each browser test.
SETUP_TIMEOUT = 1800
PER_TEST_TIMEOUT = 600
SETUP = (
    f"TILE_URL = {TILE_URL!r}\n" + (Path(__file__).parent / "demo_setup.py").read_text()
)


# Before xdist's own hook, which turns the xdist_group marks into the node ids
# that --dist loadgroup schedules by.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    e2e = [item for item in items if "tests/e2e" in str(item.fspath)]
    # With pytest-xdist (--dist loadgroup) the browser tests share one worker,
    # hence one server and one demo database.
    if config.pluginmanager.hasplugin("xdist"):
        for item in e2e:
            item.add_marker(pytest.mark.xdist_group("e2e"))
    # The first browser test sets up the server (migrate, seed_demo), which
    # takes minutes more on a loaded machine: pytest-timeout's limit is for
    # the tests themselves, the set-up has its own (SETUP_TIMEOUT).
    for item in e2e:
        item.add_marker(pytest.mark.timeout(PER_TEST_TIMEOUT, func_only=True))
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in e2e:
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

    parts = urlsplit(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    name = f"{parts.path.lstrip('/') or 'portal'}_e2e{worker and '_' + worker}"
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="session")
def e2e_workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def mail_dir(e2e_workdir) -> Path:
    """Where the e2e server writes its e-mails, one file per message."""
    return Path(os.environ.get("E2E_MAIL_DIR") or e2e_workdir / "mail")


@pytest.fixture(scope="session")
def server(live_portal):
    """Base URL of a portal served by `runserver` on a demo database."""
    return live_portal["base_url"]


@pytest.fixture(scope="session")
def demo(live_portal) -> dict:
    """URLs of one demo page of each type per language (tests/e2e/demo_setup.py)
    and firma-a's company."""
    return live_portal["demo"]


@pytest.fixture(scope="session")
def live_portal(e2e_workdir, mail_dir):
    """Starts the server; or, while writing tests, uses one that runs already:
    E2E_BASE_URL, E2E_MAIL_DIR and E2E_FACTS (the JSON demo_setup.py printed)."""
    if os.environ.get("E2E_BASE_URL"):
        yield {
            "base_url": os.environ["E2E_BASE_URL"],
            "demo": json.loads(Path(os.environ["E2E_FACTS"]).read_text()),
        }
        return
    yield from _start_server(e2e_workdir, mail_dir)


def _start_server(e2e_workdir, mail_dir):
    workdir = e2e_workdir
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _e2e_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        # django-environ drops the first slash of the path.
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "DEBUG": "true",
        "PORTAL_DEMO_ALLOWED": "true",
        # Links in mails, feeds and QR codes lead to the server under test.
        "BASE_URL": base_url,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo", "--no-progress"]):
        subprocess.run(
            [*manage, *command],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=SETUP_TIMEOUT,
        )
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
    )
    facts = json.loads(setup.stdout.strip().splitlines()[-1])
    process = subprocess.Popen(
        [*manage, "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
    yield {"base_url": base_url, "demo": facts}
    process.terminate()
    process.wait(timeout=10)


# Package scope: Playwright's sync API runs an event loop in this thread, and
# while it runs Django refuses database access ("async context") in any test.
@pytest.fixture(scope="package")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


CSP_MESSAGE = re.compile(r"Content Security Policy|Content-Security-Policy")
#: What a script's URL looks like when it stringified the wrong thing.
MALFORMED_URL = re.compile(r"\[object(%20| )\w+\]|/(undefined|null|NaN)(/|$|\?)")


class RecordingPage:
    """A Playwright page that remembers every request it made and every
    Content-Security-Policy violation the browser reported."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.requests: list[str] = []
        self.csp_violations: list[str] = []
        #: Hosts besides the site's own that a test expects (the tile host
        #: after the visitor agreed to the map).
        self.allowed_hosts: set[str] = set()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)

    def _console(self, message):
        if message.type == "error" and CSP_MESSAGE.search(message.text):
            self.csp_violations.append(message.text)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def foreign_requests(self) -> list[str]:
        own = {urlsplit(self.base_url).netloc, *self.allowed_hosts}
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https")
            and urlsplit(url).netloc not in own
        ]

    def malformed_requests(self) -> list[str]:
        """Requests to URLs a script built from a value that was no URL (an
        element where a string was meant, an unset variable)."""
        return [url for url in self.requests if MALFORMED_URL.search(url)]

    def check(self):
        assert self.foreign_requests() == [], "a page loaded from another host"
        assert self.malformed_requests() == [], "a script requested a bogus URL"
        assert self.csp_violations == [], (
            "the Content-Security-Policy blocked something"
        )

    def __getattr__(self, name):
        return getattr(self.page, name)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recording = RecordingPage(context.new_page(), server)
    yield recording
    recording.check()
    context.close()


@pytest.fixture
def phone_page(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True
    )
    recording = RecordingPage(context.new_page(), server)
    yield recording
    recording.check()
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def new_page(browser, server):
    """Opens further pages, each in its own browser context (another person:
    own cookies), checked like `page` when the test ends."""
    contexts, pages = [], []

    def open_page(width: int = 1280) -> RecordingPage:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        recording = RecordingPage(context.new_page(), server)
        pages.append(recording)
        return recording

    yield open_page
    for recording in pages:
        recording.check()
    for context in contexts:
        context.close()
