"""An event nobody translated keeps its German title and teaser in the
visitor's language (wagtail-localize's copy): the events listing, the month
view and the home page's next events mark them lang="de" dir="ltr" in every
shipped language (the iCal feed with LANGUAGE=de), and leave a translated
event's texts alone. The listings read the originals along in their own
query: the number of queries does not grow with the events."""

from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from tests.factories.events import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories.home import translate_page
from tests.utils import shown_text_language, soup

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = "de"
BUDGET = 12

KEPT = {"title": "Nähcafé im Treffpunkt", "teaser": "Bringen Sie Stoff mit."}
DONE = {"title": "Sprachcafé", "teaser": "Deutsch üben bei Kaffee."}


@pytest.fixture
def world(home):
    index = EventIndexPageFactory(parent=home)
    # Within the home page's next 60 days and the listing's 90.
    day = timezone.localdate() + timedelta(days=7)
    start = berlin(day.year, day.month, day.day, 18, 0)
    kept = EventPageFactory(parent=index, start=start, **KEPT)
    done = EventPageFactory(parent=index, start=start + timedelta(hours=1), **DONE)
    return {"home": home, "index": index, "kept": kept, "done": done, "day": day}


def _translated(world, code):
    """The listing's pages in `code`: `kept` a copy that kept its German
    texts, `done` translated. German: the originals."""
    if code == SOURCE:
        return world["home"], world["index"]
    home = world["home"]
    if code == "en":  # the English home page comes with the migrations
        home = home.get_translation(Locale.objects.get(language_code="en"))
    else:
        home = translate_page(home, code, slug=f"start-{code}")
    index = translate_page(world["index"], code, slug=f"events-{code}")
    translate_page(world["kept"], code)
    translate_page(
        world["done"],
        code,
        title=f"{DONE['title']} ({code})",
        teaser=f"{DONE['teaser']} ({code})",
    )
    return home, index


def _listings(client, world, code) -> dict:
    home, index = _translated(world, code)
    month = world["day"].strftime("%Y-%m")
    return {
        "events": soup(client.get(index.url)),
        "month": soup(client.get(index.url + f"calendar/?month={month}")),
        "home": soup(client.get(home.url)).find(
            "section", attrs={"aria-labelledby": "home-events-heading"}
        ),
    }


@pytest.mark.parametrize("code", LANGUAGES)
def test_listings_mark_the_german_texts_of_an_untranslated_event(client, world, code):
    if code == SOURCE:
        pytest.skip("German is the source")
    listings = _listings(client, world, code)

    for name, html in listings.items():
        assert html is not None, name
        assert shown_text_language(html, KEPT["title"]) == ("de", "ltr"), name
    assert shown_text_language(listings["events"], KEPT["teaser"]) == ("de", "ltr")


@pytest.mark.parametrize("code", LANGUAGES)
def test_listings_leave_a_translated_event_unmarked(client, world, code):
    listings = _listings(client, world, code)
    suffix = "" if code == SOURCE else f" ({code})"

    for name, html in listings.items():
        assert shown_text_language(html, DONE["title"] + suffix)[0] == code, name
    assert shown_text_language(listings["events"], DONE["teaser"] + suffix)[0] == code
    if code == SOURCE:
        # German in German: nothing to mark.
        assert not listings["events"].select(".event-list [lang]")


def test_the_check_costs_no_query_per_event(client, world, settings):
    """In Arabic, with 2 events and with 2 + 12: the same number of queries,
    within the page budget (the frame cached, as in production and in
    tests/portal/test_page_queries.py)."""
    settings.PORTAL_FRAME_CACHE = True
    home, index = _translated(world, "ar")
    month = world["day"].strftime("%Y-%m")
    urls = [index.url, index.url + f"calendar/?month={month}", home.url]

    def counts():
        found = []
        for url in urls:
            client.get(url)  # warm what is cached across requests
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            found.append(len(queries))
        return found

    small = counts()
    start = berlin(world["day"].year, world["day"].month, world["day"].day, 9, 0)
    for number in range(12):
        event = EventPageFactory(
            parent=world["index"], start=start + timedelta(minutes=number)
        )
        translate_page(event, "ar")
    large = counts()
    assert small == large
    assert max(large) <= BUDGET, dict(zip(urls, large, strict=True))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_feed_says_which_texts_are_german(client, world, code):
    """The iCal feed has no markup: RFC 5545's LANGUAGE parameter says that
    an untranslated event's summary and description are German."""
    _home, index = _translated(world, code)

    calendar = icalendar.Calendar.from_ical(client.get(index.url + "feed/").content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}

    kept = events[KEPT["title"]]
    done = events[DONE["title"] + ("" if code == SOURCE else f" ({code})")]
    if code == SOURCE:
        assert "LANGUAGE" not in kept["SUMMARY"].params
    else:
        assert kept["SUMMARY"].params["LANGUAGE"] == "de"
        assert kept["DESCRIPTION"].params["LANGUAGE"] == "de"
    assert "LANGUAGE" not in done["SUMMARY"].params
    assert "LANGUAGE" not in done["DESCRIPTION"].params
