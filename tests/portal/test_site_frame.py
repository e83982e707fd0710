"""The frame around every page: main menu, breadcrumbs, footer fallback,
language switcher (footer links and skip link on every page type:
test_site_frame_every_page.py)."""

import pytest

from portal.models import LegalSettings
from tests.factories.home import LegalPageFactory
from tests.fixtures.frame import tree_build
from tests.utils import footer_links, soup


def menu(response) -> list[tuple[str, str, str | None]]:
    """(title, href, aria-current) of each main menu entry."""
    return [
        (a.get_text(strip=True), a["href"], a.get("aria-current"))
        for a in soup(response).select("nav.main-nav li a")
    ]


def breadcrumbs(response) -> list[tuple[str, str | None]]:
    """(text, href) of each breadcrumb; the current page has no href."""
    nav = soup(response).select_one("nav.breadcrumbs")
    if nav is None:
        return []
    return [
        (item.get_text(strip=True), item.a["href"] if item.a else None)
        for item in nav.find_all("li")
    ]


def language_links(response) -> dict[str, str]:
    """hreflang -> href of the language switcher's links."""
    return {
        a["hreflang"]: a["href"]
        for a in soup(response).select(".language-switcher a[hreflang]")
    }


@pytest.fixture
def tree(home_de):
    return tree_build(home_de)


def test_main_menu_lists_top_level_pages_shown_in_menus(client, tree):
    response = client.get("/")

    assert response.status_code == 200
    assert menu(response) == [
        ("Angebote", "/angebote/", None),
        ("Anlaufstelle", "/anlaufstelle/", None),
    ], "child pages and pages not in menus stay out; tree order kept"


def test_main_menu_in_english_lists_english_pages_and_german_ones(client, tree):
    response = client.get("/en/")

    assert response.status_code == 200
    assert menu(response) == [
        ("Offers", "/en/offers/", None),
        ("Anlaufstelle", "/anlaufstelle/", None),
    ], "every German section is in every language's menu (docs/languages.md)"
    untranslated = soup(response).select_one('nav.main-nav a[href="/anlaufstelle/"]')
    assert untranslated["hreflang"] == "de"
    assert untranslated.select_one('[lang="de"]') is not None


def test_main_menu_marks_the_current_section(client, tree):
    on_section = menu(client.get("/angebote/"))
    below_section = menu(client.get("/angebote/beratung/"))

    assert on_section[0] == ("Angebote", "/angebote/", "page")
    assert below_section[0] == ("Angebote", "/angebote/", "true")
    assert on_section[1][2] is None


def test_breadcrumbs_lead_from_home_to_the_page(client, tree):
    response = client.get("/angebote/beratung/")

    assert response.status_code == 200
    assert breadcrumbs(response) == [
        ("Startseite", "/"),
        ("Angebote", "/angebote/"),
        ("Beratung", None),
    ]


def test_breadcrumbs_in_english(client, tree):
    response = client.get("/en/offers/advice/")

    assert response.status_code == 200
    assert breadcrumbs(response) == [
        ("Home", "/en/"),
        ("Offers", "/en/offers/"),
        ("Advice", None),
    ]


def test_home_page_has_no_breadcrumbs(client, tree):
    assert breadcrumbs(client.get("/")) == []


def test_footer_falls_back_to_german_legal_page_without_translation(
    client, home_de, home_en, site
):
    legal = LegalSettings.for_site(site)
    legal.imprint_page = LegalPageFactory(parent=home_de, slug="impressum")
    legal.save()

    response = client.get("/en/")

    assert response.status_code == 200
    assert "/impressum/" in footer_links(response).values()


def test_language_switcher_links_to_the_translation(client, tree):
    german = client.get("/angebote/beratung/")
    english = client.get("/en/offers/advice/")

    assert language_links(german) == {"en": "/en/offers/advice/"}
    assert language_links(english) == {"de": "/angebote/beratung/"}


def test_language_switcher_hidden_on_german_only_page(client, tree):
    response = client.get("/intern/")

    assert response.status_code == 200
    assert language_links(response) == {}
    assert 'hreflang="en"' not in response.content.decode()


def test_language_switcher_skips_unpublished_translation(client, tree):
    offers_en, _advice_en = tree["en"]
    offers_en.unpublish()

    response = client.get("/angebote/")

    assert response.status_code == 200
    assert "en" not in language_links(response)


def test_language_switcher_on_search_keeps_the_query(client, home_de):
    german = client.get("/suche/", {"q": "Café"})
    english = client.get("/en/search/", {"q": "Café"})

    assert german.status_code == english.status_code == 200
    assert language_links(german)["en"] == "/en/search/?q=Caf%C3%A9"
    assert language_links(english)["de"] == "/suche/?q=Caf%C3%A9"
