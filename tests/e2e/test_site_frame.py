"""A visitor's first steps: home page, contact point, language switch, search
— and every public page type checked with axe-core (WCAG 2.0/2.1 A and AA)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

PUBLIC_PAGES = [
    "/",
    "/projekt/",
    "/haeufige-fragen/",
    "/anlaufstelle-stern/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/suche/?q=PC-Caf%C3%A9",
    "/gibt-es-nicht/",
    "/en/",
    "/en/about-the-project/",
    "/en/faq/",
    "/en/contact-point-stern/",
    "/en/imprint/",
    "/en/search/?q=coaching",
    "/en/does-not-exist/",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    },
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(page, path):
    page.goto(path)
    results = Axe().run(page.page, options=AXE_OPTIONS)

    assert results.violations_count == 0, results.generate_report()


def test_visitor_goes_from_home_to_a_contact_point_and_to_english(page):
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Willkommen")
    assert page.locator("html").get_attribute("lang") == "de"

    assert page.get_by_role("navigation", name="Hauptmenü").is_visible()
    page.get_by_role("region", name="Anlaufstellen in den Quartieren").get_by_role(
        "link", name="Quartiersanlaufstelle Stern"
    ).click()
    assert page.locator("h1").inner_text() == "Quartiersanlaufstelle Stern"
    assert page.get_by_text("PC-Café").first.is_visible()

    page.get_by_role("navigation", name="Sprache").get_by_role(
        "link", name="English"
    ).click()
    assert page.url.endswith("/en/contact-point-stern/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Contact point Stern"


def test_keyboard_user_skips_to_content_and_reaches_the_menu(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")

    page.goto("/")
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('nav')?.className")
    assert focused == "main-nav"


def test_search_from_the_header_finds_the_contact_points(page):
    page.goto("/")
    page.get_by_label("Im Portal suchen").fill("PC-Café")
    page.get_by_label("Im Portal suchen").press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?q=PC-Caf"))
    assert page.locator(".search-result").count() >= 3


def test_phone_menu_folds_and_opens_with_the_button(phone_page):
    phone_page.goto("/")
    toggle = phone_page.get_by_role("button", name="Menü")
    menu = phone_page.locator("#main-nav-list")
    assert toggle.is_visible()
    assert not menu.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    phone_page.keyboard.press("Escape")
    assert not menu.is_visible()


def test_anonymous_visitor_gets_no_cookies(page):
    for path in ("/", "/anlaufstelle-stern/", "/suche/?q=Stern", "/en/"):
        page.goto(path)
    assert page.context.cookies() == []


#: name of the screenshot → path, from the demo URLs (tests/e2e/demo_setup.py)
SCREENSHOTS = {
    "home": lambda demo: "/",
    "home-en": lambda demo: "/en/",
    "home-ar": lambda demo: demo["ar"]["home"],
    "contact-point": lambda demo: "/anlaufstelle-stern/",
    "standard-page": lambda demo: "/haeufige-fragen/",
    "search": lambda demo: "/suche/?q=Quartier",
    "legal-page": lambda demo: "/impressum/",
    "directory": lambda demo: demo["de"]["directory"],
    "company": lambda demo: demo["de"]["company"],
    "vacancy": lambda demo: demo["de"]["vacancy"],
    "finder": lambda demo: demo["de"]["finder"] + "?german=A2",
    "finder-ar": lambda demo: demo["ar"]["finder"],
    "shared-shortlist": lambda demo: demo["de"]["shared_list"],
    "handout": lambda demo: demo["de"]["shared_handout"],
    "handout-ar": lambda demo: demo["ar"]["shared_handout"],
    "events": lambda demo: demo["de"]["events"],
    "event-calendar": lambda demo: demo["de"]["events"] + "calendar/",
    "event": lambda demo: demo["de"]["event"],
    "campaign": lambda demo: demo["de"]["campaign"],
    "idea-board": lambda demo: demo["de"]["board"],
    "idea": lambda demo: demo["de"]["idea"],
}


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_the_main_pages(browser, server, demo, screenshot_dir, width):
    """Full-page screenshots for people to look at (CI keeps the folder);
    the test itself checks that each page renders without sideways
    scrolling, the most common way a layout breaks on a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    shot = context.new_page()
    for name, path in SCREENSHOTS.items():
        response = shot.goto(server + path(demo))
        assert response.status == 200, name
        overflow = shot.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        target = screenshot_dir / f"{name}-{width}.png"
        shot.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()
