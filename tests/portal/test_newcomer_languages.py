"""Issue 11, "Newcomer languages": every language offers what German offers.

The vacancy finder, the directory, the events listing and the idea board
show the same filter options in every shipped language (no empty fieldset),
under the same stable values (the German terms' slugs): a value taken from a
language's own form and one taken from a German link both narrow the
results. The home page shows the same sections and the menu the same
entries; what nobody translated shows in German, marked lang="de".
"""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from directory.models import SpokenLanguage
from ideas.models import IdeaBoardPage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.directory import (
    CompanyPageFactory,
    DirectoryIndexPageFactory,
    QuarterFactory,
    SectorFactory,
    VacancyFinderPageFactory,
    VacancyPageFactory,
)
from tests.factories.events import (
    EventCategoryFactory,
    EventIndexPageFactory,
    EventPageFactory,
    TargetGroupFactory,
)
from tests.factories.home import ContactPointPageFactory, translate_page
from tests.factories.ideas import CategoryFactory, IdeaFactory
from tests.utils import soup

LANGUAGES = [code for code, _name in settings.LANGUAGES]

#: What each surface filters by, and how its results are found in the page.
SURFACES = {
    "finder": (("quarter", "sector"), ".vacancy-card"),
    "directory": (("quarter", "sector"), ".company-card"),
    "events": (("category", "quarter", "group"), "main .event-item"),
    "ideas": (("category", "quarter"), "main .idea-card"),
}


def _locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def _in(page: Page, code: str) -> Page:
    """`page` in language `code`, translated (and published) if need be."""
    if code == page.locale.language_code:
        return page
    existing = page.get_translation_or_none(_locale(code))
    if existing is not None:
        return existing.specific
    return translate_page(page, code)


def _translate_term(term, code: str, **fields):
    copy = term.copy_for_translation(_locale(code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def world(db):
    """German content for every surface: two of each term, one result per
    term, every section in the menu."""
    home = Page.objects.get(depth=2, locale=Locale.get_default()).specific
    stern = QuarterFactory(name="Stern", slug="stern")
    drewitz = QuarterFactory(name="Drewitz", slug="drewitz")
    handwerk = SectorFactory(name="Handwerk", slug="handwerk")
    pflege = SectorFactory(name="Pflege", slug="pflege")
    index = DirectoryIndexPageFactory(parent=home, show_in_menus=True)
    finder = VacancyFinderPageFactory(parent=home, show_in_menus=True)
    companies = [
        CompanyPageFactory(
            parent=index,
            title="Malerei Stern",
            quarter=stern,
            sector=handwerk,
            languages=list(SpokenLanguage.objects.filter(code__in=["ar", "tr"])),
        ),
        CompanyPageFactory(
            parent=index, title="Pflege Drewitz", quarter=drewitz, sector=pflege
        ),
    ]
    for company in companies:
        VacancyPageFactory(parent=company, title=f"Stelle bei {company.title}")

    events = EventIndexPageFactory(parent=home, show_in_menus=True)
    kultur = EventCategoryFactory(name="Kultur", slug="kultur")
    beratung = EventCategoryFactory(name="Beratung", slug="beratung")
    familien = TargetGroupFactory(name="Familien", slug="familien")
    senioren = TargetGroupFactory(name="Senioren", slug="senioren")
    soon = timezone.now().replace(microsecond=0) + dt.timedelta(days=3)
    event_pages = []
    for n, (category, quarter, group) in enumerate(
        [(kultur, stern, familien), (beratung, drewitz, senioren)]
    ):
        event = EventPageFactory(
            parent=events,
            title=f"Treffen {category.name}",
            start=soon + dt.timedelta(days=n),
            end=soon + dt.timedelta(days=n, hours=2),
            category=category,
            quarter=quarter,
        )
        event.target_groups.set([group])
        event.save_revision().publish()
        event_pages.append(event)

    board = IdeaBoardPage(title="Ideencenter", slug="ideen", show_in_menus=True)
    home.add_child(instance=board)
    board.save_revision().publish()
    garten = CategoryFactory(name="Urbanes Gärtnern", slug="gaertnern")
    verkehr = CategoryFactory(name="Verkehr", slug="verkehr")
    IdeaFactory(title="Hochbeete am Stern", category=garten, quarter=stern)
    IdeaFactory(title="Zebrastreifen in Drewitz", category=verkehr, quarter=drewitz)

    campaigns = CampaignIndexPageFactory(parent=home, show_in_menus=True)
    CampaignPageFactory(parent=campaigns, title="Hier arbeitet Drewitz")
    ContactPointPageFactory(parent=home, title="Anlaufstelle Stern", phone="0331 1")
    return {
        "home": home,
        "finder": finder,
        "directory": index,
        "companies": companies,
        "events": events,
        "event_pages": event_pages,
        "ideas": board,
        "terms": {
            "stern": stern,
            "handwerk": handwerk,
            "kultur": kultur,
            "familien": familien,
            "gaertnern": garten,
        },
    }


def _translated(world, code: str) -> dict[str, Page]:
    """The surfaces in `code`, with one term of each vocabulary translated
    under a slug of its own; the other term stays German."""
    if code == "de":
        return {name: world[name] for name in SURFACES}
    _in(world["home"], code)
    for slug, term in world["terms"].items():
        _translate_term(term, code, name=f"{term.name} [{code}]", slug=f"{slug}-{code}")
    pages = {name: _in(world[name], code) for name in SURFACES}
    for company in world["companies"]:
        _in(company, code)
    for event in world["event_pages"]:
        _in(event, code)
    return pages


def _options(response, names) -> dict[str, list[str]]:
    """Filter values a page's form offers, per parameter name."""
    page = soup(response)
    found = {}
    for name in names:
        boxes = page.select(f'input[type="checkbox"][name="{name}"]')
        options = page.select(f'select[name="{name}"] option')
        found[name] = [box["value"] for box in boxes] + [
            option["value"] for option in options if option["value"]
        ]
    return found


def _count(client, url: str, selector: str, params=None) -> int:
    response = client.get(url, params or {})
    assert response.status_code == 200
    text = soup(response)
    assert not text.select(".notice--error"), text.select_one(".notice--error")
    return len(text.select(selector))


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_filters_offer_the_german_options_and_take_german_links(
    client, world, code, surface
):
    names, results = SURFACES[surface]
    german_url = world[surface].url
    german = _options(client.get(german_url), names)
    url = _translated(world, code)[surface].url
    response = client.get(url)
    here = _options(response, names)

    # The same stable values (each language sorts by its own labels).
    assert {k: sorted(v) for k, v in here.items()} == {
        k: sorted(v) for k, v in german.items()
    }
    assert all(len(values) == 2 for values in here.values()), here
    for fieldset in soup(response).select("main fieldset"):
        assert fieldset.select("input, select"), fieldset  # no empty fieldset
    if code != "de":
        # The untranslated terms (Drewitz, Pflege …) say they are German.
        german_labels = [
            element.get_text(" ", strip=True)
            for element in soup(response).select("main form [lang='de']")
        ]
        assert any("Drewitz" in label for label in german_labels), german_labels

    everything = _count(client, url, results)
    assert everything == 2
    for name in names:
        own_value = here[name][0]  # from this language's own form
        assert _count(client, url, results, {name: own_value}) == 1
        german_value = german[name][-1]  # from a link built in German
        assert _count(client, url, results, {name: german_value}) == 1


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "de"])
def test_translated_slugs_of_older_links_still_filter(client, world, code):
    pages = _translated(world, code)
    url = pages["finder"].url
    assert _count(client, url, ".vacancy-card", {"quarter": f"stern-{code}"}) == 1
    response = client.get(url, {"quarter": f"stern-{code}"})
    checked = soup(response).select('input[name="quarter"][checked]')
    assert [box["value"] for box in checked] == ["stern"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_vacancy_api_accepts_the_same_slugs_in_every_language(client, world, code):
    _translated(world, code)
    everything = client.get("/api/vacancies/", {"lang": code}).json()
    assert everything["count"] == 2
    for params in ({"quarter": "drewitz"}, {"sector": "handwerk"}):
        answer = client.get("/api/vacancies/", {"lang": code, **params})
        assert answer.status_code == 200
        body = answer.json()
        assert body["count"] == 1, body
        ((name, value),) = params.items()
        # The stable slug comes back, whatever the language.
        assert body["results"][0]["company"][name] == value


def _sections(response) -> list[str]:
    return [
        section["aria-labelledby"]
        for section in soup(response).select("main section[aria-labelledby]")
    ]


def _menu(response) -> list:
    return soup(response).select("#main-nav-list a")


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_shows_the_german_sections_and_menu(client, world, code):
    german = client.get("/")
    german_sections, german_menu = _sections(german), _menu(german)
    assert len(german_menu) == 5  # directory, finder, events, ideas, campaigns
    assert {
        "quarters-heading",
        "contact-points-heading",
        "home-events-heading",
        "home-campaign-heading",
        "teaser-vacancies",
        "ideas-teaser-title",
    } <= set(german_sections)

    # Only the home page and the finder are translated.
    home = _in(world["home"], code)
    _in(world["finder"], code)
    response = client.get(home.url)
    assert response.status_code == 200
    assert _sections(response) == german_sections
    menu = _menu(response)
    assert len(menu) == len(german_menu)
    if code != "de":
        untranslated = [a for a in menu if a.select_one("[lang='de']")]
        assert len(untranslated) == len(german_menu) - 1  # all but the finder
        page = soup(response)
        for selector in (
            ".home-campaign .card",
            "#home-events-heading + ul .event-item__title",
            "section[aria-labelledby='contact-points-heading'] .card",
        ):
            element = page.select_one(selector)
            assert element is not None, selector
            assert element.get("lang") == "de", selector


def _queries(client, url) -> int:
    # Warm what is cached across requests and renewed by a publish (site,
    # locales, section pages, term lists: portal.lookups).
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("code", ["ar", "fa"])
@pytest.mark.parametrize("surface", ["finder", "ideas", "home"])
def test_query_count_is_constant_in_newcomer_languages(client, world, code, surface):
    pages = _translated(world, code)
    url = _in(world["home"], code).url if surface == "home" else pages[surface].url
    company = world["companies"][0]
    stern, garten = world["terms"]["stern"], world["terms"]["gaertnern"]
    VacancyPageFactory(parent=company, title="Dritte Stelle")  # 3 of each
    IdeaFactory(title="Dritte Idee", category=garten, quarter=stern)
    small = _queries(client, url)
    for n in range(20):  # a page of each more
        VacancyPageFactory(parent=company, title=f"Weitere Stelle {n}")
        IdeaFactory(title=f"Weitere Idee {n}", category=garten, quarter=stern)
    assert _queries(client, url) == small
