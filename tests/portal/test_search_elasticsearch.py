"""Search through Elasticsearch, when ELASTICSEARCH_URL points at one.

These tests run only when ELASTICSEARCH_URL is set for the test run (the
settings then switch Wagtail search to its Elasticsearch backend); otherwise
they are reported as skipped, with the reason.
"""

import io
import os
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories.home import StandardPageFactory, translate_page
from tests.utils import soup

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch to search with "
        "(set it, e.g. ELASTICSEARCH_URL=http://127.0.0.1:9200, to run these)",
    ),
]


@pytest.fixture
def elasticsearch(settings, db):
    """The backend on an index prefix of its own, removed afterwards, so runs
    never meet each other or a real index."""
    prefix = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "INDEX": prefix}
    }
    backend = get_search_backend()
    yield backend
    for name in backend.es.indices.get(index=f"{prefix}*"):
        backend.es.indices.delete(index=name)


def index_everything(backend) -> None:
    call_command("update_index", stdout=io.StringIO())
    backend.get_index_for_model(Page).refresh()


def test_settings_use_the_elasticsearch_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]

    assert "elasticsearch" in backend
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["URLS"] == [
        os.environ["ELASTICSEARCH_URL"]
    ]


def test_search_through_elasticsearch_in_both_languages(client, home_de, elasticsearch):
    page = StandardPageFactory(
        parent=home_de,
        title="Fahrradwerkstatt Stern",
        slug="fahrradwerkstatt",
        intro="Jeden Donnerstag reparieren wir gemeinsam Räder.",
    )
    translate_page(
        page,
        title="Bicycle workshop Stern",
        slug="bicycle-workshop",
        intro="Every Thursday we repair bikes together.",
    )
    index_everything(elasticsearch)

    german = client.get("/suche/", {"q": "Donnerstag"})
    english = client.get("/en/search/", {"q": "Thursday"})

    assert german.status_code == english.status_code == 200
    assert [a.get_text(strip=True) for a in soup(german).select("main ol li h2 a")] == [
        "Fahrradwerkstatt Stern"
    ]
    assert [
        a.get_text(strip=True) for a in soup(english).select("main ol li h2 a")
    ] == ["Bicycle workshop Stern"]


@pytest.mark.parametrize("query", ["🚲", "مرحبا", 'Stern"', "x" * 1000])
def test_unusual_queries_through_elasticsearch(client, home_de, elasticsearch, query):
    index_everything(elasticsearch)

    response = client.get("/suche/", {"q": query})

    assert response.status_code == 200
