"""Search at /suche/ and /en/search/ with Wagtail's default (database)
backend: results in the active language, pagination, and queries people
really type (or paste) that must not break the page."""

import pytest

from tests.factories.home import StandardPageFactory, translate_page
from tests.utils import html_lang, soup


def result_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select("main ol li h2 a")]


def search_input(response) -> str:
    return soup(response).select_one("main form input[name=q]").get("value", "")


@pytest.fixture
def workshop(home_de):
    page = StandardPageFactory(
        parent=home_de,
        title="Fahrradwerkstatt Stern",
        slug="fahrradwerkstatt",
        intro="Jeden Donnerstag reparieren wir gemeinsam Räder.",
    )
    english = translate_page(
        page,
        title="Bicycle workshop Stern",
        slug="bicycle-workshop",
        intro="Every Thursday we repair bikes together.",
    )
    StandardPageFactory(parent=home_de, title="Sprachcafé", slug="sprachcafe")
    return page, english


def test_search_finds_a_page_by_a_word_in_its_text(client, workshop):
    response = client.get("/suche/", {"q": "Donnerstag"})

    assert response.status_code == 200
    assert html_lang(response) == "de"
    assert result_titles(response) == ["Fahrradwerkstatt Stern"]
    link = soup(response).select_one("main ol li h2 a")
    assert link["href"] == "/fahrradwerkstatt/"


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/suche/", "de", ["Fahrradwerkstatt Stern"]),
        ("/en/search/", "en", ["Bicycle workshop Stern"]),
    ],
)
def test_search_shows_only_the_active_languages_pages(
    client, workshop, url, language, expected
):
    response = client.get(url, {"q": "Stern"})

    assert response.status_code == 200
    assert html_lang(response) == language
    assert result_titles(response) == expected


def test_search_of_a_word_missing_in_the_language_finds_nothing(client, workshop):
    response = client.get("/en/search/", {"q": "Donnerstag"})

    assert response.status_code == 200
    assert result_titles(response) == []
    assert soup(response).select_one("main [role=status]") is not None


def test_unpublished_pages_are_not_found(client, workshop):
    german, _english = workshop
    german.unpublish()

    response = client.get("/suche/", {"q": "Donnerstag"})

    assert response.status_code == 200
    assert result_titles(response) == []


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_empty_query_shows_the_form_without_results(client, workshop, params):
    response = client.get("/suche/", params)

    assert response.status_code == 200
    assert search_input(response) == ""
    assert result_titles(response) == []
    assert soup(response).select_one("main [role=status]") is None


def test_very_long_query_is_cut_not_refused(client, workshop):
    query = "Donnerstag " + "x" * 989
    assert len(query) == 1000

    response = client.get("/suche/", {"q": query})

    assert response.status_code == 200
    assert search_input(response) == query[:200]


@pytest.mark.parametrize(
    "query",
    [
        "🚲",
        "Fahrrad 🚲🔧",
        "👩🏽‍🔧",
        "مرحبا بكم في الحي",
        "ورشة الدراجات Stern",
        "'; DROP TABLE wagtailcore_page; --",
        'AND OR NOT "',
        '"Fahrradwerkstatt Stern"',
        'Stern"',
        '"',
        "Räder*",
        "%_\\",
        "\u202eStern",
    ],
)
@pytest.mark.parametrize("url", ["/suche/", "/en/search/"])
def test_unusual_queries_answer_normally(client, workshop, url, query):
    response = client.get(url, {"q": query})

    assert response.status_code == 200
    assert search_input(response) == " ".join(query.split())


def test_query_with_quotes_still_finds_the_page(client, workshop):
    response = client.get("/suche/", {"q": '"Fahrradwerkstatt'})

    assert response.status_code == 200
    assert result_titles(response) == ["Fahrradwerkstatt Stern"]


def test_arabic_text_is_found(client, home_de):
    StandardPageFactory(
        parent=home_de,
        title="Beratung auf Arabisch",
        slug="beratung-arabisch",
        intro="استشارة مجانية للباحثين عن عمل",
    )

    response = client.get("/suche/", {"q": "استشارة"})

    assert response.status_code == 200
    assert result_titles(response) == ["Beratung auf Arabisch"]


@pytest.fixture
def many_results(home_de):
    for number in range(1, 13):
        StandardPageFactory(
            parent=home_de,
            title=f"Nachbarschaftsfest {number:02d}",
            slug=f"fest-{number}",
            intro="Ein Nachbarschaftsfest im Quartier.",
        )


def test_more_than_ten_results_are_paginated(client, many_results):
    first = client.get("/suche/", {"q": "Nachbarschaftsfest"})
    second = client.get("/suche/", {"q": "Nachbarschaftsfest", "page": "2"})

    assert first.status_code == second.status_code == 200
    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    next_link = soup(first).select_one("nav.pagination a[rel=next]")
    assert next_link is not None
    assert "q=Nachbarschaftsfest" in next_link["href"]
    assert "page=2" in next_link["href"]
    assert soup(second).select_one("nav.pagination a[rel=prev]") is not None
    assert soup(second).select_one("nav.pagination a[rel=next]") is None


def test_ten_results_need_no_pagination(client, home_de):
    for number in range(10):
        StandardPageFactory(parent=home_de, slug=f"s-{number}", intro="Sprachcafé")

    response = client.get("/suche/", {"q": "Sprachcafé"})

    assert response.status_code == 200
    assert len(result_titles(response)) == 10
    assert soup(response).select_one("nav.pagination") is None


@pytest.mark.parametrize(
    ("page", "expected_count"),
    [("abc", 10), ("-1", 2), ("0", 2), ("99999", 2), ("1.5", 10), ("", 10)],
)
def test_bad_page_numbers_answer_normally(client, many_results, page, expected_count):
    response = client.get("/suche/", {"q": "Nachbarschaftsfest", "page": page})

    assert response.status_code == 200
    assert len(result_titles(response)) == expected_count


def test_search_only_answers_get(client, home_de):
    response = client.post("/suche/", {"q": "Stern"})

    assert response.status_code == 405
