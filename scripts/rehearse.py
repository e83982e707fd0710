"""The production rehearsal (`make rehearse`): the portal's production shape on
loopback, checked end to end.

It starts, all on 127.0.0.x and each in its own process group:

- its own redis-server on a free port (nothing else uses it, so stopping it
  hurts nobody), no persistence;
- a fresh PostgreSQL database `portal_rehearsal` on the machine's server
  (REHEARSAL_PG, default postgres://postgres@127.0.0.1:5432), dropped at the end;
- two gunicorn app servers (node A, node B: `gunicorn config.wsgi` with
  gunicorn.conf.py and config.settings.production) on different free ports,
  sharing one MEDIA_ROOT;
- one task worker (`manage.py db_worker`);
- Debian's nginx (`nginx -c <generated> -p <tmp>`), its server block rendered
  from deploy/nginx/portal.conf.template, balancing between A and B.

Then it checks what the issue (13) asks, each as an assertion with a figure,
prints a summary table and exits 1 if any check failed. Everything it
started is stopped (try/finally and atexit), the database dropped and the
temporary folder removed (REHEARSAL_KEEP=1 keeps the folder for its logs).

Plain http on loopback needs, besides the usual production variables:
SECURE_SSL_REDIRECT=false (nothing ends TLS here) and X-Forwarded-Proto
"http" from nginx; the cookies stay Secure, so this script keeps and sends
them itself, as a browser on https would.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("REHEARSAL_PG", "postgres://postgres@127.0.0.1:5432")
#: Its database (REHEARSAL_DATABASE for a second rehearsal on one server).
DATABASE = os.environ.get("REHEARSAL_DATABASE", "portal_rehearsal")
PASSWORD = "demo-pass-2024"
#: The whole run is stopped after this many seconds, whatever hangs.
DEADLINE_SECONDS = int(os.environ.get("REHEARSAL_DEADLINE", "2400"))
#: Seconds one management command (migrate, seed_demo) may take: minutes on
#: a busy CI machine with every app's demo content; a hung step still ends.
STEP_TIMEOUT = int(os.environ.get("REHEARSAL_STEP_TIMEOUT", "1200"))
#: nginx's client timeouts in the rehearsal (the template's placeholders);
#: shorter than a deployment's so that the slow-client check ends quickly.
CLIENT_HEADER_TIMEOUT = 4
CLIENT_BODY_TIMEOUT = 4

STARTED = time.monotonic()
#: Pages the checks load, rendered once before the checks begin.
WARM_PAGES = ("/", "/en/", "/veranstaltungen/")


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


#: REHEARSAL_PORT_BASE=8240 takes the ports from 8240 upwards (a shared
#: machine's agreed range) instead of any free one.
_PORT_BASE = int(os.environ.get("REHEARSAL_PORT_BASE", "0"))
_ports_taken: list[int] = []


def free_port() -> int:
    candidates = range(_PORT_BASE, _PORT_BASE + 20) if _PORT_BASE else [0]
    for candidate in candidates:
        if candidate in _ports_taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
            _ports_taken.append(port)
            return port
    raise RuntimeError(f"no free port from {_PORT_BASE}")


def wait_for(what: str, condition: Callable[[], bool], timeout: float = 60) -> float:
    """Poll `condition` until true; return the seconds it took, raise after
    `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        with contextlib.suppress(Exception):
            if condition():
                return time.monotonic() - start
        time.sleep(0.2)
    raise TimeoutError(f"{what}: not within {timeout:.0f} s")


# Processes ------------------------------------------------------------------


@dataclass
class Service:
    name: str
    args: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        out = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.args,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, killed as one
        )
        out.close()
        log(f"started {self.name} (pid {self.process.pid})")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM to the process group (as systemd stops a unit), SIGKILL
        after `timeout`."""
        if not self.running:
            return
        pgid = self.process.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
            self.process.wait(5)
        # Children that outlived their parent (a gunicorn worker).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
        log(f"stopped {self.name}")


SERVICES: list[Service] = []


def stop_all() -> None:
    for service in reversed(SERVICES):
        with contextlib.suppress(Exception):
            service.stop(timeout=10)


# HTTP -----------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """A client that keeps cookies itself: the production cookies are Secure,
    which http.client (like a browser on plain http) would otherwise not send
    back. `source` binds the client to a loopback address."""

    port: int
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Answer:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout, source_address=(self.source, 0)
        )
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        seconds = time.monotonic() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                jar = SimpleCookie()
                jar.load(value)
                for name, morsel in jar.items():
                    self.cookies[name] = morsel.value
        return Answer(
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            data,
            seconds,
        )

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def csrf(self, path: str) -> str:
        """GET a form page and return its CSRF token."""
        answer = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text)
        assert match, f"no CSRF token on {path} ({answer.status})"
        return match[1]

    def post_form(self, path: str, fields: dict[str, str]) -> Answer:
        fields = {"csrfmiddlewaretoken": self.csrf(path), **fields}
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_multipart(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]
    ) -> Answer:
        boundary = uuid.uuid4().hex
        fields = {"csrfmiddlewaretoken": self.csrf(path), **fields}
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                f"\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            path,
            body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            timeout=60,
        )

    def admin_login(self, username: str = "admin", password: str = PASSWORD) -> None:
        answer = self.post_form(
            "/admin/login/", {"username": username, "password": password, "next": ""}
        )
        assert answer.status == 302, f"admin login answered {answer.status}"


# Results --------------------------------------------------------------------


@dataclass
class Result:
    number: int
    name: str
    passed: bool
    figure: str


RESULTS: list[Result] = []


def check(number: int, name: str):
    """Run a check function; its return value is the figure, an
    AssertionError (or any error) fails it with the message as figure."""

    def decorator(function: Callable[[], str]):
        log(f"check {number}: {name}")
        try:
            figure = function()
            passed = True
        except Exception as error:  # every failure is reported
            figure = f"{type(error).__name__}: {error}"
            passed = False
        RESULTS.append(Result(number, name, passed, figure))
        log(f"  {'PASS' if passed else 'FAIL'}: {figure}")
        return function

    return decorator


# The set-up -----------------------------------------------------------------


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        timeout=60,
        capture_output=True,
    )


def render_template(template: str, values: dict[str, str]) -> str:
    """Fill the template's ${NAME} placeholders (never nginx's own $vars);
    a placeholder without a value is an error, not an empty string."""

    def fill(match: re.Match) -> str:
        return values[match[1]]

    return re.sub(r"\$\{([A-Z_]+)\}", fill, template)


def ensure_tool(binary: str, package: str) -> str:
    path = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin")
    if path:
        return path
    log(f"installing Debian's {package}")
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=300)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package], check=True, timeout=300
    )
    path = shutil.which(binary, path="/usr/sbin:/usr/bin")
    assert path, f"{binary} missing after installing {package}"
    return path


class Rehearsal:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.media = tmp / "media"
        self.static = tmp / "static"
        self.mail = tmp / "mail"
        self.logs = tmp / "logs"
        for folder in (self.media, self.static, self.mail, self.logs):
            folder.mkdir(parents=True)
        self.redis_port = free_port()
        self.port_a = free_port()
        self.port_b = free_port()
        self.nginx_port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "BASE_URL": f"http://127.0.0.1:{self.nginx_port}",
            "DATABASE_URL": f"{PG}/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": f"filemail://{self.mail}",
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(self.static),
            "TRUSTED_PROXY_COUNT": "1",
            "TASKS_BACKEND": "database",
            "SENDFILE_NGINX": "true",
            # Two small app servers on a shared two-core machine.
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "4",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("PORTAL_DEMO_ALLOWED", None)
        self.redis = Service(
            "redis",
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            self.env,
            self.logs / "redis.log",
        )
        self.node_a = self._node("node A", self.port_a)
        self.node_b = self._node("node B", self.port_b)
        # The two workers of deploy/systemd: mail, and everything else.
        self.worker = Service(
            "mail worker",
            [PYTHON, "manage.py", "db_worker", "--queue-name", "mail"]
            + ["--interval", "0.5", "--no-reload"],
            self.env,
            self.logs / "worker-mail.log",
        )
        self.worker_default = Service(
            "default worker",
            [PYTHON, "manage.py", "db_worker", "--queue-name", "default"]
            + ["--interval", "0.5", "--no-reload"],
            self.env,
            self.logs / "worker-default.log",
        )
        self.nginx_bin = ensure_tool("nginx", "nginx")
        self.nginx = Service(
            "nginx",
            [self.nginx_bin, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
            self.env,
            self.logs / "nginx.out",
        )
        self.browser = Browser(self.nginx_port)

    def _node(self, name: str, port: int) -> Service:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        slug = name.replace(" ", "-")
        return Service(name, [GUNICORN, "config.wsgi"], env, self.logs / f"{slug}.log")

    def manage(
        self,
        *args: str,
        settings: str | None = None,
        timeout=STEP_TIMEOUT,
    ) -> str:
        env = dict(self.env)
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
            env["PORTAL_DEMO_ALLOWED"] = "true"
            # The demo's own index updates, renditions and mails run while it
            # seeds, instead of queueing thousands of tasks for the worker.
            env["TASKS_BACKEND"] = "immediate"
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)}: {result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def shell(self, code: str) -> str:
        """Python in a Django shell with the production settings (reads and
        the rehearsal's own data preparation only)."""
        # The last line: the shell may first list what it imported.
        return self.manage("shell", "-v", "0", "-c", code).strip().splitlines()[-1]

    def write_nginx_conf(self) -> None:
        template = (ROOT / "deploy/nginx/portal.conf.template").read_text()
        server = render_template(
            template,
            {
                "UPSTREAM_SERVERS": (
                    f"server 127.0.0.1:{self.port_a} max_fails=3 fail_timeout=5s;\n"
                    f"    server 127.0.0.1:{self.port_b} max_fails=3 fail_timeout=5s;"
                ),
                "LISTEN": f"127.0.0.1:{self.nginx_port}",
                "SERVER_NAME": "127.0.0.1 localhost",
                "ACCESS_LOG": str(self.logs / "nginx-access.log"),
                "ERROR_LOG": str(self.logs / "nginx-error.log"),
                "STATIC_ROOT": str(self.static),
                "MEDIA_ROOT": str(self.media),
                "FORWARDED_PROTO": "http",
                "CLIENT_HEADER_TIMEOUT": f"{CLIENT_HEADER_TIMEOUT}s",
                "CLIENT_BODY_TIMEOUT": f"{CLIENT_BODY_TIMEOUT}s",
            },
        )
        (self.tmp / "portal.conf").write_text(server)
        # nginx's workers drop root's rights; as root they run as this user.
        user = ""
        if os.geteuid() == 0:
            user = "user root;"
        temp = self.tmp / "nginx-temp"
        temp.mkdir()
        (self.tmp / "nginx.conf").write_text(
            f"""{user}
daemon off;
worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.logs}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.tmp}/portal.conf;
}}
"""
        )

    def node_ready(self, port: int) -> bool:
        return Browser(port).get("/healthz/live", timeout=2).status == 200

    def start(self) -> None:
        log(f"working folder {self.tmp}")
        with contextlib.suppress(subprocess.CalledProcessError):
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        SERVICES.append(self.redis)
        self.redis.start()
        wait_for(
            "redis", lambda: socket.create_connection(("127.0.0.1", self.redis_port))
        )
        log("migrate")
        self.manage("migrate", "--no-input", "-v0")
        log("seed_demo (development settings, same database and media)")
        self.manage("seed_demo", "--no-progress", settings="config.settings.dev")
        log("collectstatic")
        self.manage("collectstatic", "--no-input", "-v0")
        # seed_demo ran with the development settings, whose immediate task
        # backend already sent its mails (to the same folder): start empty.
        for path in self.mail.iterdir():
            path.unlink()
        self.write_nginx_conf()
        for service in (self.node_a, self.node_b, self.nginx):
            SERVICES.append(service)
            service.start()
        SERVICES.extend([self.worker, self.worker_default])
        self.worker.start()
        self.worker_default.start()
        wait_for("node A", lambda: self.node_ready(self.port_a), 90)
        wait_for("node B", lambda: self.node_ready(self.port_b), 90)
        wait_for("nginx", lambda: self.node_ready(self.nginx_port), 30)
        # The first view of a page renders its images' renditions (seconds
        # each, once for all nodes); the checks time warm pages.
        for port in (self.port_a, self.port_b):
            for path in WARM_PAGES:
                wait_for(
                    f"{path} on {port} warm",
                    lambda p=path, o=port: Browser(o).get(p, timeout=120).seconds < 2,
                    240,
                )
        log("pages warm")
        log(f"nginx on 127.0.0.1:{self.nginx_port} -> {self.port_a}, {self.port_b}")

    # Helpers for the checks ---------------------------------------------------

    def app_log(self) -> str:
        return "".join(
            node.log_path.read_text(errors="replace")
            for node in (self.node_a, self.node_b)
        )

    def mails(self) -> list[str]:
        """Every message in the mail folder (Django's file backend writes one
        file per connection, messages separated by a line of dashes)."""
        messages = []
        for path in sorted(self.mail.glob("*.log")):
            for chunk in path.read_text(errors="replace").split("-" * 79):
                if "Subject:" in chunk:
                    messages.append(chunk)
        return messages

    # The checks -----------------------------------------------------------

    def run_checks(self) -> None:
        check(1, "media shared by the nodes; documents only through Wagtail")(
            self.check_media
        )
        check(2, "mail sent by the worker, not in the request")(self.check_mail)
        check(3, "login limits count the address nginx forwards")(self.check_limits)
        check(4, "scheduler started twice at once sends each reminder once")(
            self.check_scheduler
        )
        check(5, "load while node A stops: nginx routes to B")(self.check_failover)
        check(6, "Redis down: pages answer, /healthz names the cache")(self.check_redis)
        check(7, "huge upload and slow clients stopped at nginx")(
            self.check_nginx_limits
        )
        check(8, "a translation published on node A is served on node B at once")(
            self.check_translation
        )
        check(9, "supports while node A is killed: none lost or doubled")(
            self.check_supports
        )
        check(10, "a publish is visible through nginx at once")(self.check_page_cache)

    def check_media(self) -> str:
        node_a, node_b = Browser(self.port_a), Browser(self.port_b)
        node_a.admin_login()
        node_b.cookies = dict(node_a.cookies)  # one session, shared in the database
        picture = BytesIO()
        Image.new("RGB", (1600, 1000), (40, 120, 90)).save(picture, "JPEG")
        title = f"Probe {uuid.uuid4().hex[:8]}"
        upload = node_a.post_multipart(
            "/admin/images/add/",
            {"title": title, "collection": "1", "tags": ""},
            {"file": ("probe.jpg", picture.getvalue())},
        )
        assert upload.status == 302, f"image upload on A answered {upload.status}"
        image_id = self.shell(
            "from wagtail.images import get_image_model;"
            f"print(get_image_model().objects.get(title={title!r}).pk)"
        )
        # Node B renders the image's edit page, with renditions of a file it
        # never received.
        page = node_b.get(f"/admin/images/{image_id}/")
        assert page.status == 200, f"image page on B answered {page.status}"
        renditions = sorted(set(re.findall(r"/media/images/[^\"' ]+", page.text)))
        assert renditions, "no rendition on node B's page"
        served = [self.browser.get(url) for url in renditions]
        assert all(a.status == 200 and a.body for a in served), [
            a.status for a in served
        ]
        # A document: only through Wagtail's view.
        content = f"Aushang {uuid.uuid4().hex}\n".encode() * 200
        upload = node_a.post_multipart(
            "/admin/documents/add/",
            {"title": "Aushang Probe", "collection": "1", "tags": ""},
            {"file": ("aushang-probe.txt", content)},
        )
        assert upload.status == 302, f"document upload answered {upload.status}"
        url, file_name = self.shell(
            "from wagtail.documents import get_document_model;"
            "d = get_document_model().objects.get(title='Aushang Probe');"
            "print(d.url, d.file.name)"
        ).split()
        via_wagtail = self.browser.get(url)
        assert via_wagtail.status == 200, f"{url} answered {via_wagtail.status}"
        assert via_wagtail.body == content, "document bytes differ"
        straight = self.browser.get(f"/media/{file_name}")
        assert straight.status == 404, f"/media/{file_name}: {straight.status}"
        # X-Accel-Redirect: the app servers logged the document with a body of
        # 0 bytes; the client got the whole file, from nginx.
        logged = [line for line in self.app_log().splitlines() if url in line]
        assert logged, "the document request never reached an app server"
        app_bytes = int(re.search(r'" \d{3} (\d+|-) ', logged[-1])[1].replace("-", "0"))
        assert app_bytes < 100, f"app sent {app_bytes} bytes itself"
        return (
            f"{len(renditions)} rendition(s) of A's upload served via B's page; "
            f"document {len(via_wagtail.body)} B via Wagtail+X-Accel "
            f"(app body {app_bytes} B), /media/documents/… 404"
        )

    def check_mail(self) -> str:
        email = self.shell(
            "from django.contrib.auth import get_user_model;"
            "print(get_user_model().objects.get(username='bewohner').email)"
        )
        self.worker.stop()
        before = len(self.mails())
        answer = self.browser.post_form("/konto/password/reset/", {"email": email})
        assert answer.status == 302, f"password reset answered {answer.status}"
        request_ms = answer.seconds * 1000
        time.sleep(3)
        assert len(self.mails()) == before, "a mail was sent without the worker"
        self.worker.start()
        waited = wait_for("the reset mail", lambda: len(self.mails()) > before, 60)
        mail = self.mails()[-1]
        assert email in mail, "the mail is not to bewohner"
        assert request_ms < 300, f"the request took {request_ms:.0f} ms"
        return (
            f"request {request_ms:.0f} ms; 0 mails in 3 s without worker; "
            f"sent {waited:.1f} s after the worker started"
        )

    def check_limits(self) -> str:
        limit = int(
            self.shell(
                "from django.conf import settings;"
                "print(settings.PORTAL_ADMIN_LOGIN_LIMITS['per_ip'])"
            )
        )
        first = Browser(self.nginx_port, source="127.0.0.2")
        second = Browser(self.nginx_port, source="127.0.0.3")
        token = first.csrf("/admin/login/")
        second.cookies = dict(first.cookies)

        def attempt(browser: Browser, number: int) -> int:
            fields = {
                "csrfmiddlewaretoken": token,
                "username": f"probe-{uuid.uuid4().hex[:6]}-{number}",
                "password": "wrong-password-123",
            }
            return browser.request(
                "POST",
                "/admin/login/",
                body=urlencode(fields).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ).status

        statuses = [attempt(first, n) for n in range(limit)]
        assert statuses == [200] * limit, f"below the limit: {statuses}"
        locked = attempt(first, limit)
        other = attempt(second, 0)
        assert locked == 429, f"127.0.0.2 after {limit} failures: {locked}"
        assert other == 200, f"127.0.0.3 answered {other}"
        return (
            f"limit {limit}: 127.0.0.2 -> 429 on attempt {limit + 1}, 127.0.0.3 -> 200"
        )

    def check_scheduler(self) -> str:
        # Reminders go out for vacancies ending within a week: make three due.
        due = self.shell(
            "import datetime as dt; from django.utils import timezone;"
            "from directory.models import VacancyPage;"
            "ids = list(VacancyPage.objects.live().values_list('pk', flat=True)[:3]);"
            "VacancyPage.objects.filter(pk__in=ids).update(reminded_for_expiry=None,"
            "expire_at=timezone.now() + dt.timedelta(days=3));"
            "from directory.selectors.vacancies import vacancies_due_for_reminder;"
            "print(vacancies_due_for_reminder().count())"
        )
        before = len(self.mails())
        runs = [
            subprocess.Popen(
                [PYTHON, "manage.py", "run_job", "reminders"],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert all(run.returncode == 0 for run in runs), outputs
        # One mail per firm and run, listing its due vacancies (with their
        # translations): directory.services.vacancy_reminders_send.
        counts = [
            (int(mails), int(vacancies))
            for output in outputs
            for mails, vacancies in re.findall(
                r"Sent (\d+) reminder mail\(s\) about (\d+) vacanc", output
            )
        ]
        reported = sum(mails for mails, _ in counts)
        reminded = sum(vacancies for _, vacancies in counts)
        wait_for("the reminders", lambda: len(self.mails()) - before >= reported, 60)
        time.sleep(3)  # a doubled reminder would arrive now
        sent = self.mails()[before:]
        again = self.manage("run_job", "reminders")
        time.sleep(3)
        after_again = len(self.mails()) - before - len(sent)
        recipients = [
            re.search(r"^To: (.+)$", mail, re.MULTILINE).group(1) for mail in sent
        ]
        assert int(due) >= 1, "no vacancy due for a reminder"
        assert reported >= 1, f"no reminder sent for {due} due vacancies: {outputs}"
        assert len(sent) == reported, f"{len(sent)} mails for {reported} reminders"
        assert len(set(recipients)) == len(recipients), f"sent twice: {recipients}"
        assert after_again == 0, f"a second run sent {after_again} ({again})"
        skipped = sum("skipped" in output for output in outputs)
        return (
            f"{due} due language versions, 2 concurrent runs: {reported} mail(s) "
            f"about {reminded} vacancies, each firm once ({skipped} run skipped "
            "by the lock), a later run sent 0"
        )

    def check_failover(self) -> str:
        wrk = ensure_tool("wrk", "wrk")
        before_b = self.access_count(self.node_b)
        load = subprocess.Popen(
            [wrk, "-t2", "-c8", "-d10s", "--timeout", "5s", f"{self.browser_url()}/"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(4)
        count_a = self.access_count(self.node_a)
        self.node_a.stop()
        stopped_at_a = self.access_count(self.node_a)
        output = load.communicate(timeout=60)[0]
        total = int(re.search(r"(\d+) requests in", output)[1])
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        non_2xx = int(non_2xx[1]) if non_2xx else 0
        errors = re.search(r"Socket errors: (.*)", output)
        served_b = self.access_count(self.node_b) - before_b
        served_a = stopped_at_a
        assert count_a > 0, "node A took no requests before it stopped"
        # A request is in flight when A stops: at most one per connection.
        assert non_2xx <= 8, f"{non_2xx} non-2xx answers"
        assert not errors, f"socket errors: {errors[1]}"
        # Every request wrk counted was answered by A or B (nginx's retries
        # can add one line on A for a request B answered).
        assert served_a + served_b >= total - non_2xx, (served_a, served_b, total)
        rate = re.search(r"Requests/sec:\s+([\d.]+)", output)[1]
        self.node_a.start()
        wait_for("node A again", lambda: self.node_ready(self.port_a), 90)
        return (
            f"{total} requests in 10 s ({rate}/s, c=8), A stopped at 4 s: "
            f"non-2xx {non_2xx}, socket errors 0, A served {served_a}, B {served_b}"
        )

    def check_translation(self) -> str:
        """An editor on A unpublishes and publishes a Turkish page (Wagtail's
        bulk actions); B, which has served it before, follows at once: its
        page, site-root-path and frame caches live in the shared Redis, not
        in B's process. (A section, not the home page: an unpublished
        translation of the site's root falls back to the German home.)"""
        page_id, path = self.shell(
            "from wagtail.models import Page;"
            "p = Page.objects.filter(depth=3, locale__language_code='tr',"
            " live=True).order_by('path').first();"
            "print(p.pk, p.get_url())"
        ).split()
        on_b = Browser(self.port_b)
        assert on_b.get(path).status == 200, f"B does not serve {path} at first"
        editor = Browser(self.port_a)
        editor.admin_login()
        for action in ("unpublish", "publish"):
            bulk = f"/admin/bulk/wagtailcore/page/{action}/?id={page_id}&next=/admin/"
            answer = editor.post_form(bulk, {"include_descendants": ""})
            assert answer.status == 302, f"{action} on A answered {answer.status}"
            expected = 404 if action == "unpublish" else 200
            start = time.monotonic()
            status = on_b.get(path).status
            first = time.monotonic() - start
            assert status == expected, f"after {action} on A, B answered {status}"
        return (
            f"{path} on B: 200, 404 right after A unpublished it, 200 right "
            f"after A published it (first request, {first * 1000:.0f} ms)"
        )

    def check_supports(self) -> str:
        """Residents support an idea through nginx while node A is killed
        (SIGKILL, no graceful stop). A request cut off with A gets 502 from
        nginx (which does not resend a POST) and is sent again, as the
        resident would click again: every support is stored exactly once."""
        residents = 48
        prepared = json.loads(
            self.shell(
                "import json, secrets;"
                "from django.conf import settings;"
                "from importlib import import_module;"
                "from allauth.account.models import EmailAddress;"
                "from django.contrib.auth import get_user_model, SESSION_KEY,"
                " BACKEND_SESSION_KEY, HASH_SESSION_KEY;"
                "from ideas.choices import SUPPORTABLE_STATUSES;"
                "from ideas.models import Idea, IdeaBoardPage, Support;"
                "idea = Idea.objects.filter(status__in=SUPPORTABLE_STATUSES,"
                " is_hidden=False).order_by('pk').first();"
                "board = IdeaBoardPage.objects.live().filter("
                "locale__language_code='de').first();"
                "store = import_module(settings.SESSION_ENGINE).SessionStore;"
                "User = get_user_model(); keys = [];"
                f"users = [User.objects.create_user(username=f'rehearsal-{{i}}',"
                " email=f'rehearsal-{i}@example.org', display_name=f'Probe {i}')"
                f" for i in range({residents})];"
                "[EmailAddress.objects.create(user=u, email=u.email, verified=True,"
                " primary=True) for u in users];"
                "sessions = [store() for u in users];"
                "[(s.update({SESSION_KEY: str(u.pk), BACKEND_SESSION_KEY:"
                " 'portal.auth_backends.PortalModelBackend', HASH_SESSION_KEY:"
                " u.get_session_auth_hash()}), s.create()) for s, u in"
                " zip(sessions, users)];"
                "print(json.dumps({'idea': idea.pk, 'path': board.url +"
                " board.reverse_subpage('idea_support', args=[idea.reference]),"
                " 'before': Support.objects.filter(idea=idea).count(),"
                " 'sessions': [s.session_key for s in sessions]}))"
            )
        )
        body = urlencode({"csrfmiddlewaretoken": "r" * 32}).encode()
        answers: list[int] = []
        resent = 0
        lock = threading.Lock()
        queue = list(prepared["sessions"])

        def support() -> None:
            nonlocal resent
            while True:
                with lock:
                    if not queue:
                        return
                    key = queue.pop()
                client = Browser(self.nginx_port)
                client.cookies = {"sessionid": key, "csrftoken": "r" * 32}
                for attempt in range(5):
                    try:
                        status = client.request(
                            "POST",
                            prepared["path"],
                            body=body,
                            headers={
                                "Content-Type": "application/x-www-form-urlencoded"
                            },
                            timeout=10,
                        ).status
                    except OSError:
                        status = 0
                    if status == 303:  # See Other: to the idea's (purged) page
                        break
                    with lock:
                        resent += 1
                    time.sleep(0.2 * (attempt + 1))
                with lock:
                    answers.append(status)

        threads = [threading.Thread(target=support) for _ in range(4)]
        for thread in threads:
            thread.start()
        wait_for("a third of the supports", lambda: len(answers) >= residents // 3)
        sent_before_kill = len(answers)
        os.killpg(self.node_a.process.pid, signal.SIGKILL)
        for thread in threads:
            thread.join(120)
        self.node_a.process.wait(10)
        counted = json.loads(
            self.shell(
                "import json; from django.db.models import Count;"
                "from ideas.models import Support;"
                f"rows = Support.objects.filter(idea_id={prepared['idea']});"
                "print(json.dumps([rows.count(), rows.values('user').annotate("
                "n=Count('pk')).filter(n__gt=1).count()]))"
            )
        )
        stored, doubled = counted[0] - prepared["before"], counted[1]
        self.node_a.start()
        wait_for("node A again", lambda: self.node_ready(self.port_a), 90)
        assert answers.count(303) == residents, f"answers: {answers}"
        assert stored == residents, f"{stored} supports stored for {residents}"
        assert doubled == 0, f"{doubled} residents counted twice"
        return (
            f"{residents} residents, 4 at a time, A killed after {sent_before_kill}: "
            f"{stored} supports stored, 0 doubled, {resent} requests sent again"
        )

    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    @staticmethod
    def access_count(node: Service) -> int:
        text = node.log_path.read_text(errors="replace")
        return len(re.findall(r'^127\.0\.0\.1 "GET / HTTP', text, re.M))

    def check_redis(self) -> str:
        assert self.browser.get("/healthz").status == 200, "not healthy at first"
        self.redis.stop()
        pages = [self.browser.get(path) for path in WARM_PAGES]
        health = self.browser.get("/healthz")
        assert all(a.status == 200 for a in pages), [a.status for a in pages]
        assert health.status == 503, f"/healthz answered {health.status}"
        assert '"cache": "unavailable"' in health.text, health.text
        assert '"database": "ok"' in health.text, health.text
        slowest = max(a.seconds for a in pages) * 1000
        self.redis.start()
        back = wait_for(
            "healthy again", lambda: self.browser.get("/healthz").status == 200, 30
        )
        return (
            f"Redis down: 3 pages 200 (slowest {slowest:.0f} ms), /healthz 503 "
            f"cache unavailable; healthy {back:.1f} s after Redis restarted"
        )

    def check_nginx_limits(self) -> str:
        marker = f"/rehearsal-{uuid.uuid4().hex}"
        size = 500 * 1024 * 1024
        sock = socket.create_connection(("127.0.0.1", self.nginx_port), timeout=10)
        start = time.monotonic()
        sock.sendall(
            f"POST {marker}/upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {size}\r\n"
            "\r\n".encode()
        )
        sent = 0
        status = None
        reply = b""
        chunk = b"\0" * 65536
        with contextlib.suppress(OSError):
            sock.setblocking(False)
            while sent < size and time.monotonic() - start < 20:
                with contextlib.suppress(BlockingIOError):
                    reply += sock.recv(65536)
                if reply:
                    break
                try:
                    sent += sock.send(chunk)
                except BlockingIOError:
                    time.sleep(0.01)
        sock.setblocking(True)
        with contextlib.suppress(OSError):
            sock.settimeout(5)
            while b"\r\n" not in reply:
                data = sock.recv(65536)
                if not data:
                    break
                reply += data
        sock.close()
        refused_after = time.monotonic() - start
        match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
        status = int(match[1]) if match else None
        assert status == 413, f"500 MB upload answered {status}"

        # 30 slow clients: 15 trickle their headers, 15 their body.
        stop = threading.Event()
        closed_after: list[float] = []

        def slow(kind: str) -> None:
            opened = time.monotonic()
            try:
                conn = socket.create_connection(("127.0.0.1", self.nginx_port), 5)
                if kind == "header":
                    conn.sendall(f"GET {marker}/slow HTTP/1.1\r\n".encode())
                    lines = (b"X-Slow: %d\r\n" % n for n in range(1000))
                else:
                    conn.sendall(
                        f"POST {marker}/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Length: 10000\r\n\r\n".encode()
                    )
                    lines = (b"x" for _ in range(10000))
                for line in lines:
                    if stop.is_set():
                        break
                    conn.sendall(line)
                    time.sleep(1)
            except OSError:
                closed_after.append(time.monotonic() - opened)
            finally:
                with contextlib.suppress(Exception):
                    conn.close()

        threads = [
            threading.Thread(target=slow, args=(kind,), daemon=True)
            for kind in ("header", "body")
            for _ in range(15)
        ]
        for thread in threads:
            thread.start()
        time.sleep(2)
        normal = [Browser(self.nginx_port).get("/", timeout=10) for _ in range(5)]
        assert all(a.status == 200 for a in normal), [a.status for a in normal]
        slowest = max(a.seconds for a in normal) * 1000
        assert slowest < 2000, f"a normal GET took {slowest:.0f} ms"
        # nginx ends a header that is not complete within its timeout.
        wait_for(
            "nginx closing the header tricklers",
            lambda: len(closed_after) >= 15,
            CLIENT_HEADER_TIMEOUT + 15,
        )
        stop.set()
        for thread in threads:
            thread.join(5)
        reached = marker in self.app_log()
        assert not reached, "a refused request reached an app server"
        header_closed = sorted(closed_after)[:15]
        return (
            f"500 MB: 413 after {refused_after * 1000:.0f} ms, {sent // 1024} KiB "
            f"sent, 0 app log lines; 30 slow clients: normal GET 200 in <= "
            f"{slowest:.0f} ms, header tricklers cut after "
            f"{max(header_closed):.1f} s"
        )

    def check_page_cache(self) -> str:
        """The anonymous page cache (docs/page-cache.md): the home page comes
        from the cache, and a section published in the menu (or deleted)
        shows through nginx on the next request, on either node."""
        visitor = Browser(self.nginx_port)
        visitor.get("/")
        warm = visitor.get("/")
        assert warm.status == 200, warm.status
        assert warm.headers.get("x-page-cache") == "hit", warm.headers
        title = f"Probe {uuid.uuid4().hex[:8]}"
        slug = title.lower().replace(" ", "-")
        published = time.monotonic()
        self.shell(
            "from wagtail.models import Locale, Site\n"
            "from home.models import StandardPage\n"
            "home = Site.objects.get(is_default_site=True).root_page\n"
            f"page = StandardPage(title={title!r}, slug={slug!r}, "
            "show_in_menus=True)\n"
            "home.add_child(instance=page)\n"
            "page.save_revision().publish()\n"
            "print('ok')"
        )
        shown = [visitor.get("/") for _ in range(4)]  # both nodes, in turn
        seconds = time.monotonic() - published
        assert all(title in answer.text for answer in shown), "menu not purged"
        self.shell(
            "from wagtail.models import Page\n"
            f"Page.objects.get(slug={slug!r}).delete()\n"
            "print('ok')"
        )
        gone = [visitor.get("/") for _ in range(4)]
        assert all(title not in answer.text for answer in gone), "still shown"
        return (
            f"cached home page hit; published section in the menu on "
            f"{len(shown)}/{len(shown)} requests, {seconds:.1f} s after the "
            f"publish began (shell start included); gone after deletion"
        )


def summary() -> int:
    width = max(len(r.name) for r in RESULTS) if RESULTS else 10
    print()
    print(f"{'#':>2}  {'check':<{width}}  result  figure")
    print(f"{'-' * 2}  {'-' * width}  ------  {'-' * 40}")
    for result in RESULTS:
        verdict = "PASS" if result.passed else "FAIL"
        print(
            f"{result.number:>2}  {result.name:<{width}}  {verdict:<6}  {result.figure}"
        )
    failed = [r for r in RESULTS if not r.passed]
    total = time.monotonic() - STARTED
    print(
        f"\n{len(RESULTS) - len(failed)}/{len(RESULTS)} checks passed in {total:.0f} s"
    )
    return 1 if failed or len(RESULTS) < 10 else 0


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="portal-rehearsal-"))
    tmp.chmod(0o755)
    keep = os.environ.get("REHEARSAL_KEEP") == "1"

    def cleanup() -> None:
        stop_all()
        SERVICES.clear()
        with contextlib.suppress(Exception):
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    atexit.register(cleanup)

    def on_deadline(signum, frame):
        raise TimeoutError(f"the rehearsal ran past {DEADLINE_SECONDS} s")

    signal.signal(signal.SIGALRM, on_deadline)
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(1))
    signal.alarm(DEADLINE_SECONDS)
    try:
        rehearsal = Rehearsal(tmp)
        rehearsal.start()
        rehearsal.run_checks()
    except Exception as error:  # reported, then the exit code
        log(f"rehearsal aborted: {type(error).__name__}: {error}")
        for path in sorted((tmp / "logs").glob("*")):
            tail = path.read_text(errors="replace").splitlines()[-15:]
            print(f"--- {path.name}\n" + "\n".join(tail))
        RESULTS.append(Result(0, "set-up", False, str(error)))
    finally:
        signal.alarm(0)
        cleanup()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
