"""Friendly 404 and 500 pages, in German and English."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

from tests.factories.home import StandardPageFactory
from tests.utils import html_lang, soup


@pytest.mark.parametrize(
    ("url", "language", "heading", "home", "search"),
    [
        ("/gibt-es-nicht/", "de", "Seite nicht gefunden", "/", "/suche/"),
        ("/en/does-not-exist/", "en", "Page not found", "/en/", "/en/search/"),
    ],
)
def test_404_page_in_the_visitors_language(
    client, home_de, url, language, heading, home, search
):
    response = client.get(url)

    assert response.status_code == 404
    assert html_lang(response) == language
    main = soup(response).find("main")
    assert main.h1.get_text(strip=True) == heading
    links = {a["href"] for a in main.find_all("a")}
    assert {home, search} <= links


def test_404_for_a_page_only_in_german_under_en(client, home_de):
    StandardPageFactory(parent=home_de, slug="nur-deutsch")

    assert client.get("/nur-deutsch/").status_code == 200
    assert client.get("/en/nur-deutsch/").status_code == 404


def test_404_for_a_draft_page(client, home_de):
    StandardPageFactory(parent=home_de, slug="entwurf", live=False)

    response = client.get("/entwurf/")

    assert response.status_code == 404
    assert soup(response).find("main").h1.get_text(strip=True) == (
        "Seite nicht gefunden"
    )


@pytest.fixture
def failing_view(settings):
    settings.ROOT_URLCONF = "tests.portal.error_urls"
    settings.DEBUG = False
    return Client(HTTP_HOST="localhost", raise_request_exception=False)


def test_500_page_is_bilingual(failing_view, db):
    response = failing_view.get("/kaputt/")

    assert response.status_code == 500
    html = soup(response)
    assert html.html["lang"] == "de"
    text = html.get_text(" ")
    assert "Entschuldigung, hier ist etwas schiefgegangen." in text
    assert "Sorry, something went wrong." in text
    english = html.find(lang="en")
    assert english is not None
    assert "Sorry, something went wrong." in english.get_text()
    links = {a["href"] for a in html.find_all("a")}
    assert {"/", "/en/"} <= links
    assert "Something broke on purpose" not in response.content.decode(), (
        "no internals leak to visitors"
    )


def test_500_template_renders_without_request_or_database():
    """The error page must not depend on what may be broken (database,
    settings lookups, context processors)."""
    html = render_to_string("500.html")

    assert "Sorry, something went wrong." in html
    assert "Entschuldigung" in html
