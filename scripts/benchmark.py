"""The served benchmark (`make bench`, issue 14): the portal under gunicorn
with production settings on PostgreSQL with the large demo data, measured
with wrk beside two floors, against the issue's budgets.

What it does, all on 127.0.0.1 in the ports BENCH_PORTS (default 8220-8239):

1. Installs wrk (apt-get) if missing. Builds the PostgreSQL database
   BENCH_DB (default portal_bench) with `seed_demo --size BENCH_SIZE`
   (default large) unless it is there with that size already (reused), and
   migrates it with config.settings.bench (the floors' app).
2. Starts its own redis-server (no persistence) for the cache and gunicorn
   (gunicorn.conf.py, BENCH_WORKERS workers, default 2) with
   config.settings.bench: production settings, DEBUG off, whitenoise, a
   generated SECRET_KEY, plus a trivial view (/bench/trivial/), a bare
   Wagtail page with an empty template and an `X-Bench-Queries` header.
3. Logs a resident in through the login form (a real login), warms every
   page, then runs wrk on each page as anonymous and as that resident, at
   concurrency 1 and 8 (BENCH_SECONDS each, default 5): median, p95,
   requests/s; the SQL queries per request from the header.
4. Supports: wrk at concurrency 8 with a Lua script that rotates the
   sessions and CSRF tokens of pre-logged-in supporters over supportable
   ideas, each (resident, idea) pair once; afterwards the new supports in
   the database are compared with the answered requests.
5. Prints the table (ratios to both floors, budgets pass/miss), writes
   .benchmark/results.json and .benchmark/results.md (the README's section;
   `--readme` writes it into README.md), with the machine, load and date.

    .venv/bin/python scripts/benchmark.py [--size large] [--seconds 5] [--readme]

The machine is shared: the load average is printed with the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
OUT = ROOT / ".benchmark"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
LUA = ROOT / "scripts" / "bench"
STARTED = time.monotonic()

# The issue's budgets.
ANON_MEDIAN_X_TRIVIAL = 3
ANON_RPS_C8 = 1500
RESIDENT_MEDIAN_X_BARE = 2
RESIDENT_P95_MS = 100
SUPPORTS_PER_S = 300
WORKER_MB = 250
SEED_MINUTES = 10

#: A cell is only a measurement with enough answers: each wrk run lasts at
#: least so long that about this many requests per connection finish at the
#: speed of the page's own probe request, up to MAX_CELL_SECONDS.
MIN_ANSWERS_PER_CONNECTION = 5
MAX_CELL_SECONDS = 60
SUPPORT_SECONDS = 20


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.0f}s] {message}", flush=True)


def free_port(ports: range, taken: set[int]) -> int:
    for port in ports:
        if port in taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise SystemExit(f"No free port in {ports.start}-{ports.stop - 1}.")


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def manage(env: dict, *args: str, capture: bool = False) -> str:
    done = run(
        [PYTHON, "manage.py", *args],
        env,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    return done.stdout if capture else ""


# Set-up ----------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is missing: installing it with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk") or "/usr/bin/wrk"


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", f"{PG}/{database}", "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


SIZE_CHECK = """
import json
from directory.models import CompanyPage
from ideas.models import Support
from portal.demo_bulk import SIZES
wanted = SIZES[__SIZE__]
print(json.dumps({
    "want_firms": wanted.firms,
    "want_supports": wanted.supports,
    "firms": CompanyPage.objects.filter(locale__language_code="de",
        slug__regex=r"-nr-[0-9]+$").count(),
    "supports": Support.objects.count(),
}))
"""


def ensure_database(name: str, size: str, env: dict) -> float | None:
    """Reuse the database when it holds the size; otherwise build it. Returns
    the seed's seconds when it seeded."""
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    seed_env["PORTAL_DEMO_ALLOWED"] = "true"
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists and psql("SELECT to_regclass('wagtailcore_page')", name):
        # A failing check stops the run: only a database known to be of
        # another size (or without tables) is dropped.
        found = json.loads(
            manage(
                seed_env,
                "shell",
                "-v",
                "0",
                "-c",
                SIZE_CHECK.replace("__SIZE__", repr(size)),
                capture=True,
            )
            .strip()
            .splitlines()[-1]
        )
        if (
            found["firms"] == found["want_firms"]
            and found["supports"] >= found["want_supports"]
        ):
            log(f"reusing database {name} ({found})")
            return None
        log(f"database {name} has {found}, not size {size}: rebuilding it")
    psql(f'DROP DATABASE IF EXISTS "{name}"')
    psql(f'CREATE DATABASE "{name}"')
    log(f"migrating {name}")
    manage(seed_env, "migrate", "--no-input", "-v", "0")
    log(f"seeding {name}: seed_demo --size {size}")
    begun = time.monotonic()
    manage(seed_env, "seed_demo", "--size", size)
    seconds = time.monotonic() - begun
    (OUT / f"seed-{size}.json").write_text(
        json.dumps({"size": size, "seconds": seconds, "at": now_iso()})
    )
    return seconds


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


# Processes -------------------------------------------------------------------


@dataclass
class Process:
    name: str
    popen: subprocess.Popen

    def stop(self) -> None:
        if self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(5)


def start(name: str, args: list[str], env: dict) -> Process:
    out = (OUT / f"{name}.log").open("ab")
    popen = subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    out.close()
    log(f"started {name} (pid {popen.pid})")
    return Process(name, popen)


def worker_rss_mb(master: int) -> list[float]:
    """RSS of the gunicorn master's child processes, in MB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            text = status.read_text()
            if re.search(rf"^PPid:\s+{master}$", text, re.M):
                kb = int(re.search(r"^VmRSS:\s+(\d+)", text, re.M).group(1))
                sizes.append(round(kb / 1024, 1))
    return sorted(sizes)


# HTTP ------------------------------------------------------------------------


@dataclass
class Client:
    port: int
    cookies: dict[str, str]

    def request(self, method: str, path: str, body: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, data, headers)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[key] = morsel.value
                else:
                    self.cookies.pop(key, None)
        connection.close()
        return response, content


def real_login(client: Client, data: dict) -> None:
    """Log the resident in through the login form, as a browser does."""
    _response, page = client.request("GET", data["login_url"])
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, _body = client.request(
        "POST",
        data["login_url"],
        {
            "csrfmiddlewaretoken": token.decode(),
            "login": data["resident"],
            "password": data["password"],
        },
    )
    if response.status != 302 or data["session_cookie"] not in client.cookies:
        raise SystemExit(f"The resident's login failed ({response.status}).")


def cookie_header(client: Client) -> str:
    return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


# wrk -------------------------------------------------------------------------


def wrk(
    binary: str,
    url: str,
    *,
    connections: int,
    seconds: int,
    cookie: str = "",
    script: Path | None = None,
    env: dict | None = None,
) -> dict:
    args = [
        binary,
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script or LUA / "report.lua"),
    ]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(
        [*args, url],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    line = next(
        (ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk printed no result: {done.stdout} {done.stderr}")
    result = json.loads(line[6:])
    seconds_run = result["duration_us"] / 1e6
    return {
        "requests": result["requests"],
        "errors": result["errors"] + result["non2xx"],
        "rps": round(result["requests"] / seconds_run, 1) if seconds_run else 0,
        "median_ms": round(result["p50"] / 1000, 2),
        "p95_ms": round(result["p95"] / 1000, 2),
        **{k: result[k] for k in ("sent", "answered") if k in result},
    }


def cell_seconds(seconds: int, probe: float, connections: int) -> int:
    """How long a cell runs: BENCH_SECONDS, or longer for a slow page so that
    its figures come from several answers per connection (two workers serve
    eight connections at a quarter of the speed each)."""
    per_request = probe * max(1, connections / 2)
    wanted = MIN_ANSWERS_PER_CONNECTION * per_request + 1
    return int(min(MAX_CELL_SECONDS, max(seconds, wanted)))


def wrk_cell(binary: str, url: str, *, seconds: int, **kwargs) -> dict:
    """One cell; run once more, twice as long, when no request finished in
    it (a slow page on a loaded machine): a cell never shows 0 ms."""
    result = wrk(binary, url, seconds=seconds, **kwargs)
    if not result["requests"] and seconds < MAX_CELL_SECONDS:
        seconds = min(MAX_CELL_SECONDS, seconds * 2)
        result = wrk(binary, url, seconds=seconds, **kwargs)
    result["seconds"] = seconds
    return result


# The run ---------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "large"))
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "portal_bench"))
    parser.add_argument(
        "--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "5"))
    )
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "2"))
    )
    parser.add_argument("--readme", action="store_true", help="update README.md")
    parser.add_argument(
        "--reuse", action="store_true", help="use the database as it is, any size"
    )
    options = parser.parse_args()
    ports = range(
        *(int(p) for p in os.environ.get("BENCH_PORTS", "8220-8240").split("-"))
    )
    OUT.mkdir(exist_ok=True)
    binary = ensure_wrk()
    taken: set[int] = set()
    port, redis_port = free_port(ports, taken), free_port(ports, taken)
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{options.db}",
        "MEDIA_ROOT": str(OUT / "media"),
        "STATIC_ROOT": str(OUT / "static"),
        "BASE_URL": base,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    seed_seconds = (
        None if options.reuse else ensure_database(options.db, options.size, env)
    )
    if seed_seconds is None and (OUT / f"seed-{options.size}.json").exists():
        seed_seconds = json.loads((OUT / f"seed-{options.size}.json").read_text())[
            "seconds"
        ]
    serve_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(options.workers),
        # No worker restarts in the middle of a measurement.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    manage(serve_env, "migrate", "--no-input", "-v", "0")
    manage(serve_env, "collectstatic", "--no-input", "-v", "0")
    manage(serve_env, "site_from_base_url")
    processes: list[Process] = []
    try:
        processes.append(
            start(
                "redis",
                [
                    shutil.which("redis-server") or "/usr/bin/redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                serve_env,
            )
        )
        data = json.loads(
            manage(serve_env, "bench_prepare", capture=True).strip().splitlines()[-1]
        )
        gunicorn = start("gunicorn", [GUNICORN, "config.wsgi"], serve_env)
        processes.append(gunicorn)
        anonymous = Client(port, {})
        for _ in range(300):
            with contextlib.suppress(OSError):
                if anonymous.request("GET", "/bench/trivial/")[0].status == 200:
                    break
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer; see .benchmark/gunicorn.log")
        resident = Client(port, {})
        real_login(resident, data)
        results = measure(binary, base, data, anonymous, resident, options.seconds)
        results["supports"] = measure_supports(binary, base, data, serve_env, options)
        results["worker_rss_mb"] = worker_rss_mb(gunicorn.popen.pid)
    finally:
        for process in reversed(processes):
            process.stop()
    results["meta"] = {
        "date": now_iso(),
        "machine": machine(),
        "load_before_after": results.pop("load"),
        "size": options.size,
        "seed_seconds": seed_seconds,
        "seconds_per_run": options.seconds,
        "gunicorn_workers": options.workers,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    table = render(results)
    print(table)
    (OUT / "results.md").write_text(table)
    if options.readme:
        readme_update(table)
    log("wrote .benchmark/results.json and .benchmark/results.md")
    return 0


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else ""
    return f"{platform.node()}: {os.cpu_count()} cores {cpu}".strip()


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(binary, base, data, anonymous, resident, seconds) -> dict:
    floors = [("trivial view", "/bench/trivial/"), ("bare Wagtail page", data["bare"])]
    pages = [tuple(p) for p in data["pages"]]
    cookie = cookie_header(resident)
    rows = []
    loads = [load()]
    log(f"warming {len(pages) + 2} URLs")
    broken: dict[str, str] = {}
    for _name, path in floors + pages:
        for client in (anonymous, resident):
            try:
                response, _body = client.request("GET", path)
            except OSError as error:  # gunicorn ended the request (timeout)
                broken[path] = f"no answer ({type(error).__name__})"
                break
            if response.status >= 500:
                broken[path] = f"{response.status}"
    for kind, entries in (("floor", floors), ("page", pages)):
        for name, path in entries:
            for who, client in (("anonymous", anonymous), ("resident", resident)):
                row = {"kind": kind, "page": name, "path": path, "who": who}
                if path in broken:
                    row.update(status=broken[path], queries=-1, failed=True)
                    rows.append(row)
                    log(f"{name:<24} {who:<9} skipped: {broken[path]}")
                    continue
                begun = time.monotonic()
                response, _body = client.request("GET", path)
                probe = time.monotonic() - begun
                row.update(
                    status=response.status,
                    queries=int(response.headers.get("X-Bench-Queries", -1)),
                    probe_ms=round(probe * 1000, 1),
                )
                for connections in (1, 8):
                    row[f"c{connections}"] = wrk_cell(
                        binary,
                        base + path,
                        connections=connections,
                        seconds=cell_seconds(seconds, probe, connections),
                        cookie=cookie if who == "resident" else "",
                    )
                rows.append(row)
                log(
                    f"{name:<24} {who:<9} {row['c1']['median_ms']:>8} ms "
                    f"{row['c8']['rps']:>7}/s  {row['queries']} queries"
                )
    loads.append(load())
    return {"rows": rows, "load": loads}


def measure_supports(binary, base, data, env, options) -> dict:
    pairs = [
        (s, i) for i in data["support_ideas"] for s in data["supporters"]
    ]  # every (resident, idea) pair once, ideas in the outer loop
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        for supporter, idea in pairs:
            listing.write(
                f"{idea['path']} {data['session_cookie']}={supporter['session']}; "
                f"{data['csrf_cookie']}={supporter['csrf']} {supporter['csrf']}\n"
            )
    before = count_supports(env)
    # Long enough for answers on a loaded machine (the pairs last longer).
    seconds = max(options.seconds * 2, SUPPORT_SECONDS)
    result = wrk(
        binary,
        base + "/",
        connections=8,
        seconds=seconds,
        script=LUA / "support.lua",
        env={"BENCH_SUPPORTS": listing.name, "BENCH_ORIGIN": base},
    )
    os.unlink(listing.name)
    created = count_supports(env) - before
    # A request still in flight when wrk stops may be stored unanswered.
    result.update(
        pairs=len(pairs),
        created=created,
        exact=result["answered"] <= created <= result["answered"] + 8
        and created <= result["sent"],
        supports_per_s=round(result["answered"] / seconds, 1),
    )
    log(f"supports: {result}")
    return result


def count_supports(env) -> int:
    code = (
        "from ideas.models import Support;"
        "print(Support.objects.filter(user__username__startswith="
        "'bench-supporter').count())"
    )
    out = manage(env, "shell", "-v", "0", "-c", code, capture=True)
    return int(out.strip().splitlines()[-1])


# Report ----------------------------------------------------------------------


def render(results: dict) -> str:
    rows = results["rows"]
    meta = results["meta"]

    def floor(name, who):
        return next(r for r in rows if r["page"] == name and r["who"] == who)

    lines = [
        f"Measured {meta['date']} on {meta['machine']}, load average "
        f"{meta['load_before_after'][0]} before / {meta['load_before_after'][1]} "
        f"after (a machine shared by several engineers: noisy), size "
        f"`{meta['size']}`, gunicorn {meta['gunicorn_workers']} workers, wrk "
        f"{meta['seconds_per_run']} s per cell. Times in ms; ×triv and ×bare: "
        "the median at concurrency 1 over the floor's (same visitor).",
        "",
        "| page | visitor | queries | c1 median | c1 p95 | c1 req/s | c8 median "
        "| c8 p95 | c8 req/s | ×triv | ×bare | budget |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    misses = 0
    for row in rows:
        if row.get("failed"):
            misses += 1
            lines.append(
                f"| {row['page']} | {row['who']} | – | – | – | – | – | – | – | – "
                f"| – | miss: {row['status']} within gunicorn's 30 s |"
            )
            continue
        trivial = floor("trivial view", row["who"])["c1"]["median_ms"] or 0.01
        bare = floor("bare Wagtail page", row["who"])["c1"]["median_ms"] or 0.01
        c1, c8 = row["c1"], row["c8"]
        verdict = ""
        if row["kind"] == "page":
            if row["who"] == "anonymous":
                ok = (
                    c1["median_ms"] <= ANON_MEDIAN_X_TRIVIAL * trivial
                    and c8["rps"] >= ANON_RPS_C8
                )
                verdict = (
                    "pass"
                    if ok
                    else (f"miss (≤{ANON_MEDIAN_X_TRIVIAL}×triv, ≥{ANON_RPS_C8}/s)")
                )
            else:
                ok = (
                    c1["median_ms"] <= RESIDENT_MEDIAN_X_BARE * bare
                    and c1["p95_ms"] <= RESIDENT_P95_MS
                )
                verdict = (
                    "pass"
                    if ok
                    else (
                        f"miss (≤{RESIDENT_MEDIAN_X_BARE}×bare, p95≤{RESIDENT_P95_MS})"
                    )
                )
            if not c1["requests"] or not c8["requests"]:
                ok, verdict = False, "miss: no answer finished within the cell"
            misses += not ok
            if row["queries"] > 12:
                verdict += f"; {row['queries']} > 12 queries"
        errors = c1["errors"] + c8["errors"]
        status = "" if row["status"] == 200 else f" ({row['status']})"
        # A cell without a finished answer has no figures (not 0 ms).
        c1_cells = cells(c1)
        ratios = (
            f"{c1['median_ms'] / trivial:.1f} | {c1['median_ms'] / bare:.1f}"
            if c1["requests"]
            else "– | –"
        )
        lines.append(
            f"| {row['page']}{status} | {row['who']} | {row['queries']} "
            f"| {c1_cells} | {cells(c8)} | {ratios} "
            f"| {verdict}{f'; {errors} errors' if errors else ''} |"
        )
    supports = results["supports"]
    rss = results["worker_rss_mb"]
    seed = meta["seed_seconds"]
    lines += [
        "",
        f"- Supports at concurrency 8, distinct residents: "
        f"{'at least ' if supports['answered'] >= supports['pairs'] else ''}"
        f"{supports['supports_per_s']}/s ({supports['answered']} answered, "
        f"{supports['created']} stored, {supports['sent']} sent): "
        f"{'none lost or doubled' if supports['exact'] else 'COUNTS DIFFER'}; "
        f"budget ≥ {SUPPORTS_PER_S}/s: "
        f"{'pass' if supports['supports_per_s'] >= SUPPORTS_PER_S else 'miss'}.",
        f"- Worker memory (RSS) after the run: {', '.join(map(str, rss))} MB; "
        f"budget ≤ {WORKER_MB} MB: "
        f"{'pass' if rss and max(rss) <= WORKER_MB else 'miss'}.",
        f"- Seed of size `{meta['size']}`: "
        + (
            f"{seed / 60:.1f} min; budget ≤ {SEED_MINUTES} min: "
            f"{'pass' if seed <= SEED_MINUTES * 60 else 'miss'}."
            if seed
            else "not measured in this run."
        ),
        f"- Pages missing their budget: {misses} of "
        f"{sum(r['kind'] == 'page' for r in rows)} rows.",
        "",
    ]
    return "\n".join(lines)


def cells(cell: dict) -> str:
    if not cell["requests"]:
        return "– | – | –"
    return f"{cell['median_ms']} | {cell['p95_ms']} | {cell['rps']}"


def readme_update(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{start}\n{table}\n{end}"
    if start in text:
        text = re.sub(
            re.escape(start) + r".*?" + re.escape(end),
            lambda _m: block,
            text,
            flags=re.S,
        )
    else:
        text += f"\n## Benchmark (last run of `make bench`)\n\n{block}\n"
    readme.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
