"""Response time and database queries of the portal's main pages.

Requests each page in-process with Django's test client against the
configured database (DATABASE_URL) and prints, per page, the queries of one
request and the median and 95th percentile of the response time. Run it on
a seeded database; `make benchmark SCALE=5` makes a throw-away one with
`seed_demo --scale 5` and runs this on it. Compare two scales to see that
the queries stay the same and the times grow little with the content.

    .venv/bin/python scripts/benchmark.py [--runs 20]

Times are for this machine and this moment (in-process, no network, no
static files); the point is the comparison, not the absolute number.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def pages() -> list[tuple[str, str]]:
    """(name, path) of one page of each main type, from the database."""
    from wagtail.models import Page

    from campaigns.models import CampaignPage
    from directory.models import (
        CompanyPage,
        DirectoryIndexPage,
        VacancyFinderPage,
        VacancyPage,
    )
    from directory.shortlist import shortlist_token
    from events.models import EventIndexPage, EventPage
    from ideas.choices import PUBLIC_STATUSES
    from ideas.models import Idea, IdeaBoardPage

    def first(model) -> Page | None:
        return (
            model.objects.live()
            .filter(locale__language_code="de")
            .order_by("path")
            .first()
        )

    found = [("home", "/"), ("home (English)", "/en/")]
    directory = first(DirectoryIndexPage)
    if directory:
        found += [
            ("directory", directory.url),
            ("directory filtered", directory.url + "?q=Service&sort=name"),
            ("directory map", directory.url + "?view=map"),
        ]
    for name, model in (("company", CompanyPage), ("vacancy", VacancyPage)):
        page = first(model)
        if page:
            found.append((name, page.url))
    finder = first(VacancyFinderPage)
    if finder:
        ids = list(
            VacancyPage.objects.live()
            .filter(locale=finder.locale)
            .values_list("pk", flat=True)[:10]
        )
        shared = finder.url + finder.reverse_subpage(
            "shared_handout", args=shortlist_token(ids)
        )
        found += [
            ("finder", finder.url),
            ("finder filtered", finder.url + "?german=A2&hours=30&childcare=1"),
            ("handout of 10", shared),
        ]
    events = first(EventIndexPage)
    if events:
        found += [
            ("events", events.url),
            ("events calendar", events.url + "calendar/"),
            ("events feed (.ics)", events.url + "feed/"),
        ]
    event = first(EventPage)
    if event:
        found.append(("event", event.url))
    campaign = first(CampaignPage)
    if campaign:
        found.append(("campaign", campaign.url))
    board = first(IdeaBoardPage)
    if board:
        found.append(("idea board", board.url))
        idea = Idea.objects.filter(status__in=PUBLIC_STATUSES, is_hidden=False).first()
        if idea:
            found.append(("idea", board.idea_url(idea)))
    found += [
        ("search", "/suche/?q=Stern"),
        ("vacancy API", "/api/vacancies/?german=B1"),
        ("sitemap", "/sitemap.xml"),
    ]
    return found


def measure(client, path: str, runs: int) -> tuple[int, int, float, float]:
    from django.db import connection

    client.get(path)  # warm caches and renditions
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not connection.queries: every request resets that log.
    with connection.execute_wrapper(count):
        status = client.get(path).status_code
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return status, len(queries), statistics.median(times), p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="requests per page")
    runs = parser.parse_args().runs

    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Site

    from directory.models import VacancyPage

    site = Site.objects.get(is_default_site=True)
    client = Client(HTTP_HOST=site.hostname)
    vacancies = VacancyPage.objects.live().count()
    print(f"{vacancies} open vacancies; {runs} requests per page\n")
    print(f"{'page':<22} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    failed = False
    for name, path in pages():
        status, queries, median, p95 = measure(client, path, runs)
        failed |= status >= 500
        print(f"{name:<22} {status:>6} {queries:>7} {median:>10.1f} {p95:>8.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
