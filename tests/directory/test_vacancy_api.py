"""The vacancy API: the finder's filters, bad input, translations, paging,
the OpenAPI description and a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.directory import VacancyPageFactory
from tests.factories.home import translate_page

API = "/api/vacancies/"


def titles(response) -> set[str]:
    assert response.status_code == 200
    return {item["title"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"german": "A2"}, {"a1"}),
        ({"type": "minijob"}, {"minijob"}),
        ({"hours": "20"}, {"minijob"}),
        ({"childcare": "1"}, {"childcare"}),
        ({"no_qualification": "1"}, {"unqualified"}),
        ({"foreign": "1"}, {"foreign"}),
        ({"immediately": "1"}, {"now"}),
        ({"barrier_free": "1"}, {"barrier_free"}),
        ({"quarter": "drewitz"}, {"care"}),
        ({"sector": "pflege"}, {"care"}),
        ({"q": "Reinigung"}, {"minijob"}),
        ({"german": "A1", "quarter": "stern"}, {"a1"}),
        ({"hours": "20", "type": "job"}, set()),
    ],
)
def test_api_filters_like_the_finder(client, spread, params, expected):
    assert titles(client.get(API, params)) == {spread[key].title for key in expected}


def test_api_item(client, spread):
    response = client.get(API, {"sector": "pflege"})
    data = response.json()
    assert data["count"] == 1
    assert data["ignored"] == []
    item = data["results"][0]
    assert item["title"] == item["title_de"] == "Pflegehilfe Drewitz"
    assert item["url"] == f"http://localhost{spread['care'].url}"
    assert item["summary_easy_de"].startswith("Sie helfen alten Menschen.")
    assert item["company"]["name"] == "Pflegedienst Drewitz"
    assert item["company"]["quarter"] == "drewitz"
    assert item["german_level"] == "B2"
    assert item["language"] == "de"


@pytest.mark.parametrize(
    "params",
    [
        {"hours": "-3"},
        {"hours": "lots"},
        {"german": "Klingonisch"},
        {"type": "pirate"},
        {"quarter": "atlantis"},
        {"sort": "chaos"},
    ],
)
def test_api_bad_filters_are_ignored_and_listed(client, spread, params):
    response = client.get(API, params)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(spread)
    assert [entry["param"] for entry in data["ignored"]] == list(params)


@pytest.mark.parametrize("params", [{"page": "0"}, {"per_page": "1000"}])
def test_api_bad_paging_is_a_clear_error(client, spread, params):
    response = client.get(API, params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_api_pages(client, spread):
    data = client.get(API, {"per_page": 4, "sort": "ending"}).json()
    assert data["pages"] == 3
    assert len(data["results"]) == 4
    assert data["next"].startswith("http://localhost/api/vacancies/?")
    last = client.get(API, {"per_page": 4, "page": 99}).json()
    assert last["page"] == 3
    assert last["next"] is None


def test_api_translation(client, home_en, vacancy_a):
    translate_page(vacancy_a.get_parent().get_parent(), slug="companies")
    translate_page(vacancy_a.get_parent(), slug="firm-a")
    translate_page(vacancy_a, title="Job A", slug="job-a", summary="We need help.")
    item = client.get(API, {"lang": "en"}).json()["results"][0]
    assert (item["title"], item["title_de"], item["language"]) == (
        "Job A",
        "Stelle A",
        "en",
    )
    assert item["url"] == "http://localhost/en/companies/firm-a/job-a/"
    unknown = client.get(API, {"lang": "xx"}).json()["results"][0]
    assert unknown["title"] == "Stelle A"


def test_openapi_describes_the_filters(client, db):
    schema = client.get(f"{API}openapi.json").json()
    operation = schema["paths"]["/api/vacancies/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"german", "hours", "childcare", "quarter", "sector", "q", "sort"} <= names
    assert client.get(f"{API}docs/").status_code == 404  # no CDN-loaded UI


def test_api_queries_constant(client, company_a, company_b):
    def count():
        client.get(API)
        with CaptureQueriesContext(connection) as context:
            assert (
                client.get(API, {"german": "B1", "quarter": "stern"}).status_code == 200
            )
        return len(context.captured_queries)

    for _ in range(5):
        VacancyPageFactory(parent=company_a)
    small = count()
    for _ in range(40):
        VacancyPageFactory(parent=company_b)
        VacancyPageFactory(parent=company_a)
    assert count() == small
