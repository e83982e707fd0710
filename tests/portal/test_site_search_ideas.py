"""Site search across the portal: published ideas are found (unpublished
never, although moderators find them in the index), every result says what it is and
where it belongs and shows the matched words; German stemming on PostgreSQL;
a misspelt query offers the word that exists."""

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from ideas.choices import IdeaStatus
from ideas.models import Idea, IdeaBoardPage
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    QuarterFactory,
    VacancyPageFactory,
)
from tests.factories.home import StandardPageFactory
from tests.factories.ideas import IdeaFactory
from tests.utils import soup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
IS_POSTGRES = connection.vendor == "postgresql"


def search_url(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("search")


def results(response) -> list[dict]:
    return [
        {
            "title": item.select_one("h2 a").get_text(strip=True),
            "href": item.select_one("h2 a")["href"],
            "kind": item.select_one(".search-result__type").get_text(strip=True),
            "context": item.select_one(".search-result__context").get_text(
                " ", strip=True
            )
            if item.select_one(".search-result__context")
            else "",
            "marks": [
                m.get_text() for m in item.select(".search-result__snippet mark")
            ],
        }
        for item in soup(response).select("main ol.search-results li")
    ]


@pytest.fixture
def board(home_de):
    page = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    home_de.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def stern(db):
    return QuarterFactory(name="Stern", slug="stern")


@pytest.fixture
def ideas(board, stern):
    published = IdeaFactory(
        title="Trinkbrunnen am Marktplatz",
        description="Im Sommer fehlt am Marktplatz ein Trinkbrunnen für alle.",
        quarter=stern,
    )
    waiting = IdeaFactory(
        title="Trinkbrunnen im Park",
        description="Noch nicht freigegeben.",
        status=IdeaStatus.SUBMITTED,
        quarter=stern,
    )
    rejected = IdeaFactory(
        title="Trinkbrunnen aus Gold",
        description="Abgelehnt.",
        status=IdeaStatus.REJECTED,
        quarter=stern,
    )
    hidden = IdeaFactory(
        title="Trinkbrunnen versteckt", description="Verborgen.", quarter=stern
    )
    Idea.objects.filter(pk=hidden.pk).update(is_hidden=True)
    hidden.refresh_from_db()
    hidden.save()
    return published, waiting, rejected, hidden


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_published_idea_is_found_with_type_context_and_marked_words(
    client, ideas, language_code
):
    published = ideas[0]
    response = client.get(search_url(language_code), {"q": "Trinkbrunnen"})
    assert response.status_code == 200
    found = results(response)
    assert [hit["title"] for hit in found] == ["Trinkbrunnen am Marktplatz"]
    hit = found[0]
    assert hit["href"].endswith(f"/{published.reference}/")
    with translation.override(language_code):
        kind = gettext("idea")
    assert hit["kind"].casefold() == kind.casefold()
    assert published.reference in hit["context"]
    assert "Stern" in hit["context"]
    assert hit["marks"] == ["Trinkbrunnen"]


def test_unpublished_ideas_are_never_found(client, ideas):
    """Every idea is in the index (moderators search the queue and choosers
    through it); the site search asks it for public ideas only."""
    published, waiting, rejected, hidden = ideas
    indexed = {idea.pk for idea in get_search_backend().search("Trinkbrunnen", Idea)}
    assert indexed == {published.pk, waiting.pk, rejected.pk, hidden.pk}

    found = results(client.get(search_url("de"), {"q": "Trinkbrunnen"}))
    assert [hit["title"] for hit in found] == [published.title]
    # An idea that stops being public is no longer found.
    published.is_hidden = True
    published.save()
    assert results(client.get(search_url("de"), {"q": "Trinkbrunnen"})) == []


def test_results_tell_vacancies_of_different_companies_apart(client, home_de):
    index = DirectoryIndexPageFactory(parent=home_de)
    quarter = QuarterFactory(name="Schlaatz", slug="schlaatz")
    for name in ("Kurierdienst Nord", "Kurierdienst Süd"):
        company = CompanyPageFactory(parent=index, title=name, quarter=quarter)
        VacancyPageFactory(
            parent=company,
            title="Fahrer/in Kurierdienst",
            summary="Sie fahren Pakete im Quartier aus.",
        )
    found = results(client.get("/suche/", {"q": "Pakete"}))
    assert [hit["title"] for hit in found] == ["Fahrer/in Kurierdienst"] * 2
    contexts = sorted(hit["context"] for hit in found)
    assert "Kurierdienst Nord" in contexts[0]
    assert "Kurierdienst Süd" in contexts[1]
    assert all("Schlaatz" in context for context in contexts)
    assert all(hit["marks"] == ["Pakete"] for hit in found)


def test_snippet_escapes_what_the_author_wrote(client, board, stern):
    IdeaFactory(
        title="Bank <script>alert(1)</script>",
        description="Eine <b>Bank</b> & ein Tisch am Wasser.",
        quarter=stern,
    )
    response = client.get("/suche/", {"q": "Bank"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;" not in html or "<b>Bank</b>" not in html
    assert results(response)[0]["marks"] == ["Bank"]


def test_misspelt_query_offers_the_existing_word(client, ideas):
    response = client.get("/suche/", {"q": "Trinkbrunen"})
    suggestion = soup(response).select_one("main .search-suggestion a")
    assert suggestion is not None
    assert suggestion.get_text(strip=True) == "Trinkbrunnen"
    assert client.get(suggestion["href"]).status_code == 200
    assert results(client.get(suggestion["href"]))[0]["title"] == (
        "Trinkbrunnen am Marktplatz"
    )


def test_no_suggestion_when_the_query_finds_enough(client, ideas):
    response = client.get("/suche/", {"q": "Trinkbrunnen"})
    assert soup(response).select_one("main .search-suggestion") is None


@pytest.mark.skipif(not IS_POSTGRES, reason="stemming is PostgreSQL's")
def test_postgres_search_stems_german_words(client, ideas):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "german"
    # "Trinkbrunnens" (genitive) finds "Trinkbrunnen" only with stemming.
    found = results(client.get("/suche/", {"q": "Trinkbrunnens"}))
    assert [hit["title"] for hit in found] == ["Trinkbrunnen am Marktplatz"]


def test_search_pages_and_ideas_in_one_list(client, ideas, home_de):
    StandardPageFactory(
        parent=home_de,
        title="Trinkbrunnen im Quartier",
        slug="trinkbrunnen",
        intro="Wo es Trinkbrunnen gibt.",
    )
    found = results(client.get("/suche/", {"q": "Trinkbrunnen"}))
    titles = {hit["title"] for hit in found}
    assert titles == {"Trinkbrunnen am Marktplatz", "Trinkbrunnen im Quartier"}
    assert len({hit["kind"] for hit in found}) == 2
    assert Page.objects.filter(locale=Locale.get_default()).exists()
