"""The query budget of issue 14: each main page runs the same number of SQL
queries with 3 items as with 3 + a page of items, and (uncached, as a
logged-in resident sees it) at most `BUDGET` of them. The site frame and
the lookups every page makes (site, locales, view restrictions, sections,
term lists: portal/lookups.py) come from their caches, as in production;
tests/portal/test_frame_invalidation.py shows each of them renewed on the
next request after a change."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from directory.shortlist import shortlist_token
from ideas.models import IdeaBoardPage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    SectorFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import translate_page
from tests.factories.ideas import (
    CategoryFactory,
    CommentFactory,
    IdeaFactory,
    QuarterFactory,
    ResidentFactory,
    SupportFactory,
)

BUDGET = 12
PAGE = 15  # more than a page of each listing's items
#: Round trips to the shared cache (Redis in production) per page: tag
#: versions, the lookups, the frame, term lists and the session, each read
#: once per request (portal.page_cache.request_memoized); the home page
#: needed some 110 before.
CACHE_BUDGET = 30


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    settings.PORTAL_FRAME_CACHE = True


class Site:
    """One of each main page; `grow(n)` adds n items to every listing."""

    def __init__(self, home_de):
        self.home = home_de
        translate_page(home_de, "ar", slug="home-ar")
        self.sector = SectorFactory(name="Handwerk", slug="handwerk")
        self.quarter = QuarterFactory()
        self.directory = DirectoryIndexPageFactory(parent=home_de)
        self.finder = VacancyFinderPageFactory(parent=home_de)
        self.events = EventIndexPageFactory(parent=home_de)
        self.campaigns = CampaignIndexPageFactory(parent=home_de)
        board = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
        home_de.add_child(instance=board)
        board.save_revision().publish()
        self.board = board
        self.category = CategoryFactory()
        self.companies, self.vacancies, self.event_pages, self.ideas = [], [], [], []
        self.campaign = CampaignPageFactory(parent=self.campaigns)
        self.grow(3)
        self.company = self.companies[0]
        self.vacancy = self.vacancies[0]
        self.event = self.event_pages[0]
        self.idea = self.ideas[0]

    def grow(self, count: int) -> None:
        start = len(self.companies)
        for number in range(start, start + count):
            company = CompanyPageFactory(
                parent=self.directory,
                sector=self.sector,
                quarter=self.quarter,
                tags=["Service", f"tag{number % 5}"],
            )
            self.companies.append(company)
            self.vacancies.append(
                VacancyPageFactory(parent=company, title=f"Quartier Stelle {number}")
            )
            if self.companies[0] is not company:
                VacancyPageFactory(parent=self.companies[0])
            self.event_pages.append(
                EventPageFactory(
                    parent=self.events,
                    title=f"Quartier Fest {number}",
                    start=berlin(2030, 1, 1 + number % 28, 18, 0),
                )
            )
            idea = IdeaFactory(
                quarter=self.quarter, category=self.category, title=f"Quartier {number}"
            )
            self.ideas.append(idea)
            for _support in range(2):
                SupportFactory(idea=self.ideas[0], user=ResidentFactory())
                SupportFactory(idea=idea, user=ResidentFactory())
            CommentFactory(idea=self.ideas[0])

    def urls(self) -> dict[str, str]:
        ar = Locale.objects.get(language_code="ar")
        payload, signature = shortlist_token([v.pk for v in self.vacancies[:10]])
        return {
            "home de": "/",
            "home en": "/en/",
            "home ar": self.home.get_translation(ar).url,
            "directory": self.directory.url,
            "directory facets": self.directory.url
            + "?sector=handwerk&quarter=stern&sort=newest",
            "company": self.company.url,
            "vacancy": self.vacancy.url,
            "finder filters": self.finder.url + "?quarter=stern&hours_max=40",
            "handout": self.finder.url + f"liste/{payload}/{signature}/handzettel/",
            "events": self.events.url,
            "events month": self.events.url + "calendar/?month=2030-01",
            "event": self.event.url,
            "events feed": self.events.url + "feed/",
            "event ics": self.event.url + "ical/",
            "campaign": self.campaign.url,
            "idea board": self.board.url + "?sort=supports",
            "idea": self.board.url + f"{self.idea.reference}/",
            # A word nothing contains: the suggestion runs at both sizes.
            "search": "/suche/?q=Zwetschgendatschi",
            "vacancy api": "/api/vacancies/?lang=de",
        }


def _count(client, url) -> int:
    client.get(url)  # warm what is cached across requests (frame, root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_query_budget_and_constant_counts(client, home_de, capsys):
    site = Site(home_de)
    resident = ResidentFactory()
    client.force_login(resident)
    small = {name: _count(client, url) for name, url in site.urls().items()}
    site.grow(PAGE)
    large = {name: _count(client, url) for name, url in site.urls().items()}

    with capsys.disabled():
        print("\nqueries per page (3 items / 3 + a page):")
        for name in small:
            print(f"  {name:18} {small[name]:3} {large[name]:3}")
    assert large == small, "queries grow with the content"
    over = {name: count for name, count in small.items() if count > BUDGET}
    assert not over, f"over the budget of {BUDGET}: {over}"


class _RoundTrips:
    """Counts the calls a request makes to the cache backend (a get_many is
    one round trip, though the local-memory backend loops over get)."""

    METHODS = ("get", "get_many", "set", "set_many", "add", "delete", "incr")

    def __init__(self, cache, monkeypatch):
        self.count = 0
        self._depth = 0
        for name in self.METHODS:
            monkeypatch.setattr(cache, name, self._wrap(getattr(cache, name)))

    def _wrap(self, method):
        def counted(*args, **kwargs):
            self.count += self._depth == 0
            self._depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self._depth -= 1

        return counted


def _trips(client, trips, url) -> int:
    client.get(url)
    trips.count = 0
    assert client.get(url).status_code == 200, url
    return trips.count


def test_cache_round_trips_bounded_and_constant(client, home_de, monkeypatch):
    site = Site(home_de)
    client.force_login(ResidentFactory())
    trips = _RoundTrips(caches["default"], monkeypatch)
    small = {name: _trips(client, trips, url) for name, url in site.urls().items()}
    site.grow(PAGE)
    large = {name: _trips(client, trips, url) for name, url in site.urls().items()}

    assert large == small, "cache reads grow with the content"
    over = {name: count for name, count in small.items() if count > CACHE_BUDGET}
    assert not over, f"over {CACHE_BUDGET} cache round trips: {over}"
