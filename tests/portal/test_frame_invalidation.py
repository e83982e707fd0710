"""What every page reads from the shared cache rather than the database
(portal/frame.py: menu, footer, legal links, organisation; portal/lookups.py:
the site, its home pages, the locales, view restrictions, section pages;
portal/vocabulary.py: term lists) changes on the very next request after a
publish, a menu change or a settings change: for a logged-in resident, whose
pages are never served from the page cache, and for an anonymous visitor.

Each test fetches a page twice (the second time from those caches), changes
the data, and fetches again."""

import pytest
from wagtail.models import PageViewRestriction

from directory.models import Sector
from ideas.models import IdeaBoardPage
from portal.models import LegalSettings, MapSettings, OrganisationSettings
from tests.factories.directory import DirectoryIndexPageFactory
from tests.factories.home import StandardPageFactory, translate_page
from tests.factories.ideas import ResidentFactory

LANGUAGES = ["de", "ar"]


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.PORTAL_PAGE_CACHE = settings.PORTAL_FRAME_CACHE = True
    settings.PORTAL_PAGE_CACHE_CLOCK_SKEW = 0


@pytest.fixture
def homes(home_de):
    return {"de": home_de, "ar": translate_page(home_de, "ar", slug="home-ar")}


@pytest.fixture(params=["resident", "anonymous"])
def visitor(request, client, db):
    if request.param == "resident":
        client.force_login(ResidentFactory())
    return client


def _page(homes, language, slug="seite", **fields):
    page = StandardPageFactory(parent=homes["de"], slug=slug, **fields)
    if language == "de":
        return page
    return translate_page(page, language, slug=f"{slug}-{language}", **fields)


def _twice(client, url) -> str:
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_menu_title_shows_on_the_next_request(visitor, homes, language):
    section = _page(homes, language, slug="rubrik", title="Alte Rubrik")
    section.show_in_menus = True
    section.save_revision().publish()
    other = homes[language]
    assert "Alte Rubrik" in _twice(visitor, other.url)

    section.title = "Neue Rubrik"
    section.save_revision().publish()

    content = visitor.get(other.url).content.decode()
    assert "Neue Rubrik" in content
    assert "Alte Rubrik" not in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_section_taken_out_of_the_menu_leaves_it_at_once(visitor, homes, language):
    section = _page(homes, language, slug="rubrik", title="Kurze Rubrik")
    section.show_in_menus = True
    section.save_revision().publish()
    other = _page(homes, language, slug="andere", title="Andere Seite")
    assert 'href="' + section.url + '"' in _twice(visitor, other.url)

    section.show_in_menus = False
    section.save_revision().publish()

    assert 'href="' + section.url + '"' not in visitor.get(other.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_settings_change_shows_on_the_next_request(visitor, homes, site, language):
    page = _page(homes, language, title="Seite")
    _twice(visitor, page.url)

    organisation = OrganisationSettings.for_site(site)
    organisation.name = "Neuer Trägerverein"
    organisation.save()

    assert "Neuer Trägerverein" in visitor.get(page.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_map_tile_server_shows_on_the_next_request(
    visitor, homes, site, language
):
    directory = DirectoryIndexPageFactory(parent=homes["de"])
    if language != "de":
        directory = translate_page(directory, language, slug=f"firmen-{language}")
    url = directory.url + "?view=map"
    assert "tiles.example.org" not in _twice(visitor, url)

    tiles = MapSettings.for_site(site)
    tiles.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png"
    tiles.save()

    assert 'data-tile-url="https://tiles.example.org/' in (
        visitor.get(url).content.decode()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_legal_page_is_linked_on_the_next_request(visitor, homes, site, language):
    imprint = _page(homes, language, slug="impressum", title="Impressum")
    page = _page(homes, language, slug="seite", title="Seite")
    assert 'href="' + imprint.url + '"' not in _twice(visitor, page.url)

    legal = LegalSettings.for_site(site)
    legal.imprint_page = imprint.get_translation(homes["de"].locale)
    legal.save()

    assert 'href="' + imprint.url + '"' in visitor.get(page.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_view_restriction_applies_on_the_next_request(client, homes, language):
    page = _page(homes, language, title="Bald geschützt")
    _twice(client, page.url)

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    response = client.get(page.url)
    assert response.status_code == 200
    assert "Bald geschützt</h1>" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_renamed_term_shows_on_the_next_request(visitor, homes, language):
    directory = DirectoryIndexPageFactory(parent=homes["de"])
    if language != "de":
        directory = translate_page(directory, language, slug="firmen")
    sector = Sector.objects.create(
        name="Handwerk", slug="handwerk", locale=homes["de"].locale
    )
    assert "Handwerk" in _twice(visitor, directory.url)

    sector.name = "Bauhandwerk"
    sector.save()

    assert "Bauhandwerk" in visitor.get(directory.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_published_home_page_shows_on_the_next_request(visitor, homes, language):
    home = homes[language]
    _twice(visitor, home.url)

    home.title = "Neues Quartiersportal"
    home.intro = "Ein neuer Einleitungstext."
    home.save_revision().publish()

    content = visitor.get(home.url).content.decode()
    assert "Ein neuer Einleitungstext." in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unpublished_section_leaves_the_home_page_at_once(visitor, homes, language):
    board = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    homes["de"].add_child(instance=board)
    board.save_revision().publish()
    link = 'href="' + board.url + '"'
    assert link in _twice(visitor, homes[language].url)

    board.unpublish()

    assert link not in visitor.get(homes[language].url).content.decode()
