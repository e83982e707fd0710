"""A visitor's journeys without an account: home → directory → company →
vacancy, and events → event → the event's .ics, in each language the portal
has. Locators use roles, landmarks and link targets, not layout classes, and
no translated text of the apps (their catalogues are still being written).

A new language (Arabic, issue 4) is one entry in LANGUAGES; a new journey is
one function taking `page`, `demo` and `language`."""

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

#: language code → (name of the main menu landmark, text direction)
LANGUAGES = {
    "de": ("Hauptmenü", "ltr"),
    "en": ("Main menu", "ltr"),
    # "ar": ("…", "rtl"),  # with issue 4
}


@pytest.fixture(params=list(LANGUAGES))
def language(request):
    return request.param


def main_menu(page, language):
    return page.get_by_role("navigation", name=LANGUAGES[language][0])


def open_home(page, language):
    page.goto("/" if language == "de" else f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == LANGUAGES[language][1]


def test_visitor_goes_from_home_to_a_company_and_its_vacancy(page, demo, language):
    urls = demo[language]
    open_home(page, language)

    main_menu(page, language).locator(f'a[href="{urls["directory"]}"]').click()
    assert page.url.endswith(urls["directory"])
    main = page.get_by_role("main")
    first_company = main.get_by_role("article").first.get_by_role("link").first
    company_name = first_company.inner_text()
    first_company.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(company_name)
    vacancies = page.locator("section[aria-labelledby=company-vacancies]")
    vacancy_link = vacancies.get_by_role("link").first
    vacancy_title = vacancy_link.inner_text()
    vacancy_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(vacancy_title)
    assert page.get_by_role("main").get_by_role("link", name=company_name).count()
    json_ld = page.locator('script[type="application/ld+json"]').first.text_content()
    assert '"JobPosting"' in json_ld


def test_visitor_goes_from_events_to_an_event_and_downloads_its_ics(
    page, demo, language
):
    urls = demo[language]
    open_home(page, language)

    main_menu(page, language).locator(f'a[href="{urls["events"]}"]').click()
    assert page.url.endswith(urls["events"])
    event_link = (
        page.get_by_role("main")
        .get_by_role("listitem")
        .get_by_role("heading", level=3)
        .get_by_role("link")
        .first
    )
    event_title = event_link.inner_text()
    event_link.click()
    assert page.get_by_role("heading", level=1).inner_text() == event_title

    with page.expect_download() as download_info:
        page.locator("main a[download][href$='ical/']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert events, "the .ics has no event"
    assert {str(event["SUMMARY"]) for event in events} == {event_title}
    assert all(event.get("DTSTART") for event in events)


def test_visitor_switches_language_on_a_company_page(page, demo):
    page.goto(demo["de"]["company"])
    switcher = page.get_by_role("navigation", name="Sprache")

    switcher.get_by_role("link", name="English").click()

    assert page.url.endswith(demo["en"]["company"])
    assert page.locator("html").get_attribute("lang") == "en"
    assert re.search(r"\S", page.get_by_role("heading", level=1).inner_text())
