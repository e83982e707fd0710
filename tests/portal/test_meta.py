"""Search engines and link previews: every page type, in every language, has
a meta description, a canonical absolute URL on BASE_URL, hreflang for each
live translation plus x-default, and OpenGraph/Twitter title, description
and (where the page has one) image; the sitemap lists the same alternates."""

import pytest
from django.conf import settings
from wagtail.models import Locale, PageViewRestriction

from ideas.models import IdeaBoardPage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.factories.economy import (
    BoardPostPageFactory,
    NetworkBoardPageFactory,
    PremisesIndexPageFactory,
    PremisesPageFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import (
    ContactPointPageFactory,
    LegalPageFactory,
    StandardPageFactory,
)
from tests.utils import sitemap_files, soup

BASE = "http://quartier.test:8421"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture
def base_url(settings):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


@pytest.fixture
def locales(db):
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _translate(page, code):
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def every_page_type(locales, home_de, image):
    """One live page of each type, German original first."""
    home_de.intro = "<p>Das Portal der Quartiere Stern, Drewitz und Schlaatz.</p>"
    home_de.hero_image = image
    home_de.save_revision().publish()
    directory = DirectoryIndexPageFactory(parent=home_de, intro="Betriebe.")
    company = CompanyPageFactory(parent=directory)
    events = EventIndexPageFactory(parent=home_de, intro="Termine im Quartier.")
    campaigns = CampaignIndexPageFactory(parent=home_de, intro="Kampagnen.")
    board = IdeaBoardPage(title="Ideencenter", slug="ideen", intro="Ideen.")
    home_de.add_child(instance=board)
    board.save_revision().publish()
    pages = {
        "home": home_de,
        "standard": StandardPageFactory(parent=home_de, slug="ueber-uns"),
        "contact_point": ContactPointPageFactory(
            parent=home_de, slug="anlaufstelle", intro="PC-Café und Beratung."
        ),
        "legal": LegalPageFactory(parent=home_de, slug="impressum"),
        "directory": directory,
        "company": company,
        "vacancy": VacancyPageFactory(parent=company),
        "finder": VacancyFinderPageFactory(parent=home_de),
        "event_index": events,
        "event": EventPageFactory(
            parent=events, image=image, image_alt_text="Gartenfest"
        ),
        "campaign_index": campaigns,
        "campaign": CampaignPageFactory(parent=campaigns, hero_image=image),
        "idea_board": board,
        "premises_index": PremisesIndexPageFactory(parent=home_de),
        "premises": PremisesPageFactory(parent=company),
        "network_board": NetworkBoardPageFactory(parent=home_de),
        "board_post": BoardPostPageFactory(parent=company),
    }
    return {name: page.specific for name, page in pages.items()}


def _head(response) -> dict:
    head = soup(response).head
    return {
        "description": head.find("meta", attrs={"name": "description"}),
        "canonical": [link["href"] for link in head.find_all("link", rel="canonical")],
        "alternates": {
            link["hreflang"]: link["href"]
            for link in head.find_all("link", rel="alternate")
            if link.get("hreflang")
        },
        "og": {
            tag["property"]: tag["content"]
            for tag in head.find_all("meta", property=True)
        },
        "twitter": {
            tag["name"]: tag["content"]
            for tag in head.find_all("meta", attrs={"name": True})
            if tag["name"].startswith("twitter:")
        },
    }


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_page_type_has_description_canonical_hreflang_and_preview(
    client, base_url, every_page_type, language, image
):
    # Dict order puts every parent before its children.
    translated = {
        name: _translate(page, language) for name, page in every_page_type.items()
    }
    # The English home page comes with the migrations, without an image.
    translated["home"].refresh_from_db()  # children were added since
    translated["home"].hero_image = image
    translated["home"].save_revision().publish()

    for name, original in every_page_type.items():
        versions = {"de": original, language: translated[name]}
        for code, page in versions.items():
            response = client.get(page.url)
            assert response.status_code == 200, (name, code, page.url, page.live)
            head = _head(response)
            where = f"{name} in {code}"
            assert head["description"] is not None, where
            assert head["description"]["content"].strip(), where
            assert len(head["description"]["content"]) <= 160, where
            assert head["canonical"] == [BASE + page.url], where
            expected = {
                "de": BASE + original.url,
                language: BASE + translated[name].url,
                "x-default": BASE + original.url,
            }
            if name == "home":  # the English home page comes with migrations
                expected["en"] = BASE + "/en/"
            assert head["alternates"] == expected, where
            assert head["og"]["og:url"] == BASE + page.url, where
            assert head["og"]["og:title"] == page.title, where
            assert head["og"]["og:description"] == head["description"]["content"]
            assert head["twitter"]["twitter:title"] == page.title, where
            assert head["twitter"]["twitter:card"] in {"summary", "summary_large_image"}
            if name in {"home", "event", "campaign"}:
                assert head["og"]["og:image"].startswith(BASE + "/"), where
                assert head["twitter"]["twitter:card"] == "summary_large_image"


def test_description_comes_from_the_pages_own_fields(client, base_url, every_page_type):
    expected = {
        "home": "Das Portal der Quartiere Stern, Drewitz und Schlaatz.",
        "standard": "Eine Einführung.",
        "company": "Ein Betrieb im Quartier.",
        "vacancy": "Wir suchen Verstärkung.",
        "event": "Eine Veranstaltung im Quartier.",
        "campaign": "Hier arbeitet die Nachbarschaft.",
        "legal": "Das Portal der Quartiere Stern, Drewitz und Schlaatz.",
    }
    page = every_page_type["standard"]
    page.search_description = "Wer wir sind und was wir tun."
    page.save_revision().publish()
    expected["standard"] = "Wer wir sind und was wir tun."

    for name, description in expected.items():
        head = _head(client.get(every_page_type[name].url))
        assert head["description"]["content"] == description, name


def test_hreflang_leaves_out_drafts_and_private_translations(
    client, base_url, every_page_type
):
    page = every_page_type["standard"]
    for code in ("ar", "uk"):
        _translate(every_page_type["home"], code)
    english = _translate(page, "en")
    arabic = page.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.save_revision()  # a draft, never published
    ukrainian = _translate(page, "uk")
    PageViewRestriction.objects.create(
        page=ukrainian, restriction_type=PageViewRestriction.LOGIN
    )

    alternates = _head(client.get(page.url))["alternates"]

    assert alternates == {
        "de": BASE + page.url,
        "en": BASE + english.url,
        "x-default": BASE + page.url,
    }


def test_sub_routes_and_filtered_listings_name_their_own_canonical(
    client, base_url, every_page_type
):
    events = every_page_type["event_index"]

    filtered = _head(client.get(events.url, {"category": "x", "page": "2"}))
    calendar = _head(client.get(f"{events.url}calendar/"))

    assert filtered["canonical"] == [BASE + events.url], "no query string"
    assert calendar["canonical"][0].startswith(BASE + events.url)
    assert calendar["canonical"] != filtered["canonical"]


SITEMAP = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_lists_every_language_version_as_alternates(
    client, base_url, every_page_type
):
    page = every_page_type["event"]
    for code in OTHER_LANGUAGES:
        _translate(every_page_type["home"], code)
        _translate(every_page_type["event_index"], code)
        _translate(page, code)
    EventPageFactory(parent=every_page_type["event_index"], start=berlin(2030, 1, 1))

    entries = {
        url.find("sm:loc", SITEMAP).text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP)
        }
        for root in sitemap_files(client)
        for url in root.findall("sm:url", SITEMAP)
    }
    assert all(location.startswith(BASE + "/") for location in entries)
    german = BASE + page.url
    assert set(entries[german]) == {*LANGUAGES, "x-default"}
    assert entries[german]["x-default"] == german
    for code in OTHER_LANGUAGES:
        version = entries[german][code]
        assert entries[version] == entries[german], "each version lists all"
    only_german = [loc for loc, alternates in entries.items() if not alternates]
    assert only_german, "a page without translations lists no alternates"
