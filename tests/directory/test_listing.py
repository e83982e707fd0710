import json
import re

import pytest

from directory.models import SpokenLanguage
from tests.factories.directory import CompanyPageFactory, QuarterFactory, SectorFactory


@pytest.fixture
def network(index_page, sector, quarter):
    other_sector = SectorFactory(name="Pflege", slug="pflege", wz_section="Q")
    schlaatz = QuarterFactory(
        name="Schlaatz",
        slug="schlaatz",
        latitude="52.379",
        longitude="13.087",
        boundary=[],
    )
    arabic = SpokenLanguage.objects.get(code="ar")
    english = SpokenLanguage.objects.get(code="en")
    return {
        "maler": CompanyPageFactory(
            parent=index_page,
            title="Malerbetrieb Stern",
            slug="maler",
            sector=sector,
            quarter=quarter,
            short_description="Fassaden und Innenräume, sauber gestrichen.",
            tags=["Trockenbau", "Fassade"],
            offers_apprenticeships=True,
            languages=[arabic],
        ),
        "elektro": CompanyPageFactory(
            parent=index_page,
            title="Elektro Schlaatz",
            slug="elektro",
            sector=sector,
            quarter=schlaatz,
            short_description="Photovoltaik und Installation.",
            offers_apprenticeships=True,
            offers_internships=True,
            barrier_free=True,
            languages=[arabic, english],
        ),
        "pflege": CompanyPageFactory(
            parent=index_page,
            title="Pflegedienst Drewitz",
            slug="pflege",
            sector=other_sector,
            quarter=schlaatz,
            short_description="Ambulante Pflege zu Hause.",
            offers_newcomers=True,
            languages=[english],
        ),
    }


def _titles(response) -> list[str]:
    return re.findall(
        r'class="company-card__title"><a href="[^"]+">([^<]+)<',
        response.content.decode(),
    )


def _count(response, name, value) -> int:
    html = response.content.decode()
    match = re.search(
        rf'id="facet-{name}-{value}"[^>]*>\s*<label[^>]*>[^<]*'
        r'<span class="facet__count">\((\d+)\)',
        html,
    )
    assert match, f"no facet {name}={value}"
    return int(match.group(1))


def test_all_companies_sorted_by_name(client, index_page, network):
    response = client.get(index_page.url)
    assert response.status_code == 200
    assert _titles(response) == [
        "Elektro Schlaatz",
        "Malerbetrieb Stern",
        "Pflegedienst Drewitz",
    ]


def test_facet_counts(client, index_page, network):
    response = client.get(index_page.url)
    assert _count(response, "sector", "handwerk") == 2
    assert _count(response, "sector", "pflege") == 1
    assert _count(response, "quarter", "stern") == 1
    assert _count(response, "quarter", "schlaatz") == 2
    assert _count(response, "offer", "apprenticeships") == 2
    assert _count(response, "offer", "newcomers") == 1
    assert _count(response, "lang", "ar") == 2
    assert _count(response, "lang", "en") == 2
    assert (
        'Barrier-free premises <span class="facet__count">(1)</span>'
        in (response.content.decode())
        or "(1)" in response.content.decode()
    )


def test_filters_combine_and_counts_follow(client, index_page, network):
    response = client.get(index_page.url, {"sector": "handwerk", "lang": "en"})
    assert _titles(response) == ["Elektro Schlaatz"]
    # Counts of a facet ignore its own selection, respect the others.
    assert _count(response, "sector", "handwerk") == 1
    assert _count(response, "sector", "pflege") == 1
    assert _count(response, "lang", "ar") == 2
    assert _count(response, "lang", "en") == 1
    # Values within one facet combine with "or".
    response = client.get(index_page.url, {"quarter": ["stern", "schlaatz"]})
    assert len(_titles(response)) == 3
    response = client.get(index_page.url, {"barrier_free": "1"})
    assert _titles(response) == ["Elektro Schlaatz"]


def test_search_by_description_word(client, index_page, network):
    response = client.get(index_page.url, {"q": "Photovoltaik"})
    assert _titles(response) == ["Elektro Schlaatz"]


def test_search_by_tag(client, index_page, network):
    response = client.get(index_page.url, {"q": "Trockenbau"})
    assert _titles(response) == ["Malerbetrieb Stern"]


def test_search_with_facets(client, index_page, network):
    response = client.get(index_page.url, {"q": "Pflege", "sector": "handwerk"})
    assert _titles(response) == []
    assert _count(response, "sector", "pflege") == 1


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "does-not-exist"},
        {"quarter": "<script>"},
        {"offer": "x" * 500},
        {"lang": "xx"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"sort": "drop table"},
        {"view": "globe"},
        {"q": "😀 " * 400},
        {"q": "مرحبا"},
    ],
)
def test_bad_input_is_ignored(client, index_page, network, params):
    response = client.get(index_page.url, params)
    assert response.status_code == 200
    if set(params) & {"sector", "quarter", "offer", "lang"}:
        assert len(_titles(response)) == 3
        assert "unbekannt und wurden nicht beachtet" in response.content.decode()


def test_pagination_keeps_filters(client, index_page, sector, quarter):
    for _number in range(25):
        CompanyPageFactory(parent=index_page, sector=sector, quarter=quarter)
    response = client.get(index_page.url, {"sector": "handwerk"})
    assert len(_titles(response)) == 20
    html = response.content.decode()
    assert "sector=handwerk&amp;page=2" in html
    response = client.get(index_page.url, {"sector": "handwerk", "page": 2})
    assert len(_titles(response)) == 5


def test_map_view_lists_markers_and_loads_no_tiles(client, index_page, network):
    response = client.get(index_page.url, {"view": "map", "lang": "ar"})
    html = response.content.decode()
    assert "/static/vendor/leaflet/leaflet.js" in html
    # Tiles load only after consent: no element fetches from the tile server.
    # (Canonical and hreflang links name the page itself and load nothing.)
    loading = re.sub(r'<link rel="(canonical|alternate)"[^>]*>', "", html)
    assert not re.search(r'(src|href)="https?://(?!localhost/)', loading)
    assert not re.search(r'src="https?://', loading)
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    markers = re.search(
        r'<script id="directory-markers" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert markers
    titles = sorted(m["title"] for m in json.loads(markers.group(1)))
    assert titles == ["Elektro Schlaatz", "Malerbetrieb Stern"]
    # The list works without the map.
    assert len(_titles(response)) == 2
