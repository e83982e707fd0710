"""German analysis of the Elasticsearch/OpenSearch index (settings
SEARCH_GERMAN_INDEX_SETTINGS): run only against a real engine, when
ELASTICSEARCH_URL or OPENSEARCH_URL is set; otherwise skipped, saying so."""

import os
import uuid

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(
        not (os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")),
        reason="neither ELASTICSEARCH_URL nor OPENSEARCH_URL is set: no search "
        "engine to check the German analysis against",
    ),
]


@pytest.fixture
def index(settings, db):
    prefix = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "INDEX": prefix}
    }
    backend = get_search_backend()
    backend.reset_index()
    index = backend.get_index_for_model(Page)
    yield backend, index.name
    for name in backend.es.indices.get(index=f"{prefix}*"):
        backend.es.indices.delete(index=name)


def _tokens(backend, index_name: str, text: str) -> list[str]:
    answer = backend.es.indices.analyze(index=index_name, body={"text": text})
    return [token["token"] for token in answer["tokens"]]


def test_plural_and_umlauts_reach_the_same_stem(index):
    backend, name = index

    assert _tokens(backend, name, "Bäckereien") == _tokens(backend, name, "Bäckerei")
    assert _tokens(backend, name, "die Straße") == _tokens(backend, name, "strasse")
    assert "und" not in _tokens(backend, name, "Kita und Schule")
