"""Machine-readable entry points: /sitemap.xml and /robots.txt."""

from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.sitemaps import SectionSitemap
from tests.factories.home import StandardPageFactory, translate_page
from tests.utils import sitemap_files

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client) -> list[str]:
    return [
        loc.text
        for root in sitemap_files(client)
        for loc in root.findall("sm:url/sm:loc", NS)
    ]


@pytest.fixture
def pages(home_de):
    about = StandardPageFactory(parent=home_de, slug="ueber-uns")
    translate_page(about, slug="about-us")
    StandardPageFactory(parent=home_de, slug="entwurf", live=False)
    StandardPageFactory(parent=home_de, slug="nur-deutsch")
    return home_de


def test_sitemap_lists_german_and_english_pages(client, pages):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = sitemap_locations(client)
    assert set(locations) == {
        "http://localhost/",
        "http://localhost/ueber-uns/",
        "http://localhost/nur-deutsch/",
        "http://localhost/en/",
        "http://localhost/en/about-us/",
    }, "live pages of both languages, no drafts"
    assert len(locations) == len(set(locations))


def test_sitemap_leaves_out_private_pages(client, pages, home_de):
    page = StandardPageFactory(parent=home_de, slug="intern")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )

    locations = sitemap_locations(client)

    assert "http://localhost/intern/" not in locations
    assert "http://localhost/ueber-uns/" in locations


def test_robots_txt_disallows_admin_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines, "the site itself stays crawlable"


def test_sitemap_is_an_index_of_sections_by_app_and_language(client, pages):
    response = client.get("/sitemap.xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314
    sections = [loc.text for loc in root.iter(f"{{{NS['sm']}}}loc")]
    assert sections == [
        "http://localhost/sitemap-home-de.xml",
        "http://localhost/sitemap-home-en.xml",
    ]

    client.get("/sitemap-home-de.xml")  # warm Wagtail's site root paths
    with CaptureQueriesContext(connection) as small:
        client.get("/sitemap.xml")
        client.get("/sitemap-home-de.xml")
    for number in range(10):
        StandardPageFactory(parent=pages, slug=f"mehr-{number}")
    with CaptureQueriesContext(connection) as large:
        client.get("/sitemap.xml")
        client.get("/sitemap-home-de.xml")
    assert len(small) == len(large)

    # At most `limit` addresses per file (50,000): more files, same section.
    SectionSitemap.limit, limit = 3, SectionSitemap.limit
    try:
        root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
        files = [loc.text for loc in root.iter(f"{{{NS['sm']}}}loc")]
        assert "http://localhost/sitemap-home-de.xml?p=2" in files
        assert len(sitemap_locations(client)) == 15
    finally:
        SectionSitemap.limit = limit


def test_unknown_sitemap_sections_are_not_found(client, pages):
    assert client.get("/sitemap-home-xx.xml").status_code == 404
    assert client.get("/sitemap-nothing-de.xml").status_code == 404
