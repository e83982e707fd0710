"""The listing (any filters), a company page and the vacancy finder run a
fixed number of SQL queries, whatever the number of companies or vacancies:
the same with 3 as with 3 + a page of them (large numbers are the
benchmark's, scripts/benchmark.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import SpokenLanguage
from directory.page_context import COMPANIES_PER_PAGE
from directory.selectors.vacancies import VACANCIES_PER_PAGE
from tests.factories.directory import CompanyPageFactory, VacancyPageFactory

LISTING_PARAMS = [
    {},
    {"sector": "handwerk", "lang": "ar", "offer": "apprenticeships"},
    {"q": "Quartier", "quarter": "stern", "barrier_free": "1", "sort": "newest"},
    {"view": "map", "page": "2"},
]


def _companies(index_page, sector, quarter, count, start):
    arabic = SpokenLanguage.objects.get(code="ar")
    for number in range(start, count):
        company = CompanyPageFactory(
            parent=index_page,
            sector=sector,
            quarter=quarter,
            short_description="Ein Betrieb im Quartier.",
            tags=["Service", f"tag{number % 5}"],
            languages=[arabic],
            offers_apprenticeships=number % 2 == 0,
            barrier_free=number % 3 == 0,
        )
        VacancyPageFactory(parent=company)


def _queries(client, url, params=None) -> int:
    client.get(url, params or {})  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", LISTING_PARAMS)
def test_listing_queries_constant(client, index_page, sector, quarter, params):
    few, more = 3, 3 + COMPANIES_PER_PAGE
    _companies(index_page, sector, quarter, few, 0)
    small = _queries(client, index_page.url, params)
    _companies(index_page, sector, quarter, more, few)
    large = _queries(client, index_page.url, params)
    print(f"listing {params}: {small} queries with {few}, {large} with {more}")
    assert small == large


def test_company_page_queries_constant(client, index_page, sector, quarter):
    company = CompanyPageFactory(
        parent=index_page, sector=sector, quarter=quarter, tags=["a", "b"]
    )
    VacancyPageFactory(parent=company)
    few, more = 3, 3 + COMPANIES_PER_PAGE
    _companies(index_page, sector, quarter, few, 0)
    small = _queries(client, company.url)
    for _number in range(VACANCIES_PER_PAGE):
        VacancyPageFactory(parent=company)
    _companies(index_page, sector, quarter, more, few)
    large = _queries(client, company.url)
    print(f"company page: {small} queries with {few} companies, {large} with {more}")
    assert small == large


FINDER_PARAMS = [
    {},
    {"german": "B1", "hours": "30", "childcare": "1", "type": ["job", "minijob"]},
    {"quarter": "stern", "sector": "handwerk", "sort": "ending", "page": "2"},
    {"q": "Verstärkung", "easy": "1", "no_qualification": "1", "foreign": "1"},
]


def _vacancies(companies, count, start):
    for number in range(start, count):
        VacancyPageFactory(
            parent=companies[number % len(companies)],
            german_level=["A1", "B1", "none"][number % 3],
            hours_min=20,
            hours_max=30,
            childcare_compatible=number % 2 == 0,
            summary_easy="Leicht." if number % 4 == 0 else "",
        )


def test_finder_queries_constant(client, finder, index_page, sector, quarter):
    companies = [
        CompanyPageFactory(parent=index_page, sector=sector, quarter=quarter)
        for _ in range(5)
    ]
    client.post("/merkliste/aendern/", {"action": "add", "vacancy": 0})
    # 3 vacancies, then 3 + a page of them (large numbers: the benchmark).
    few, more = 3, 3 + VACANCIES_PER_PAGE
    _vacancies(companies, few, 0)
    small = [_queries(client, finder.url, params) for params in FINDER_PARAMS]
    _vacancies(companies, more, few)
    large = [_queries(client, finder.url, params) for params in FINDER_PARAMS]
    print(f"finder queries at {few} vacancies {small}, at {more} {large}")
    assert small == large
