"""The frame on every page type, in German and English: the footer's links
to the legal pages in the page's language, the skip link to the main
landmark. The tests read the same pages, made once for the module
(tests/fixtures/once.py)."""

import pytest
from wagtail.models import Site

from tests.factories.home import ContactPointPageFactory, translate_page
from tests.fixtures.frame import legal_pages_build, tree_build
from tests.fixtures.once import module_rows
from tests.utils import footer_links, html_lang, soup


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """The legal pages, the menu tree and a contact point, in both languages."""
    with module_rows(django_db_blocker) as unblock:
        with unblock():
            site = Site.objects.get(is_default_site=True)
            home_de = site.root_page.specific
            legal_pages_build(site, home_de)
            tree_build(home_de)
            contact = ContactPointPageFactory(parent=home_de, slug="kontaktstelle")
            translate_page(contact, slug="contact-desk")
        yield


@pytest.fixture
def one_of_each(pages, db):
    """URLs of every page type in both languages."""
    return {
        "home": ("/", "/en/"),
        "standard": ("/angebote/", "/en/offers/"),
        "contact point": ("/kontaktstelle/", "/en/contact-desk/"),
        "legal": ("/impressum/", "/en/imprint/"),
    }


PAGE_TYPES = ["home", "standard", "contact point", "legal"]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize(
    ("language", "imprint", "privacy", "accessibility"),
    [
        ("de", "/impressum/", "/datenschutz/", "/barrierefreiheit/"),
        ("en", "/en/imprint/", "/en/privacy/", "/en/accessibility/"),
    ],
)
def test_footer_links_to_legal_pages_in_active_language(
    client, one_of_each, page_type, language, imprint, privacy, accessibility
):
    url = one_of_each[page_type][0 if language == "de" else 1]

    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    hrefs = set(footer_links(response).values())
    assert {imprint, privacy, accessibility} <= hrefs


def test_footer_link_texts_are_translated(client, one_of_each):
    german = footer_links(client.get("/"))
    english = footer_links(client.get("/en/"))

    assert german["Impressum"] == "/impressum/"
    assert german["Datenschutz"] == "/datenschutz/"
    assert german["Barrierefreiheit"] == "/barrierefreiheit/"
    assert english["Imprint"] == "/en/imprint/"
    assert english["Privacy"] == "/en/privacy/"
    assert english["Accessibility"] == "/en/accessibility/"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", ["de", "en"])
def test_skip_link_targets_main_landmark(client, one_of_each, page_type, language):
    url = one_of_each[page_type][0 if language == "de" else 1]

    html = soup(client.get(url))

    first_link = html.body.find("a")
    assert first_link["href"] == "#main", "the skip link is the first link"
    target = html.find(id="main")
    assert target is not None
    assert target.name == "main"
