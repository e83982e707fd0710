"""Machine-readable entry points: /sitemap.xml and /robots.txt."""

from xml.etree import ElementTree

import pytest

from tests.factories.home import StandardPageFactory, translate_page

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(response) -> list[str]:
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


@pytest.fixture
def pages(home_de):
    about = StandardPageFactory(parent=home_de, slug="ueber-uns")
    translate_page(about, slug="about-us")
    StandardPageFactory(parent=home_de, slug="entwurf", live=False)
    StandardPageFactory(parent=home_de, slug="nur-deutsch")


def test_sitemap_lists_german_and_english_pages(client, pages):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = sitemap_locations(response)
    assert set(locations) == {
        "http://localhost/",
        "http://localhost/ueber-uns/",
        "http://localhost/nur-deutsch/",
        "http://localhost/en/",
        "http://localhost/en/about-us/",
    }, "live pages of both languages, no drafts"
    assert len(locations) == len(set(locations))


def test_sitemap_leaves_out_private_pages(client, pages, home_de):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home_de, slug="intern")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )

    locations = sitemap_locations(client.get("/sitemap.xml"))

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
