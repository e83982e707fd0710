"""The .ics export is valid RFC 5545: a calendar library parses it, a
recurrence library expands it, and the dates equal the site's own listing."""

from datetime import date

import icalendar
import pytest
import recurring_ical_events

from events.choices import DateChangeKind, Frequency
from tests.events.helpers import listed
from tests.factories.events import (
    EventCategoryFactory,
    EventDateChangeFactory,
    EventExtraDateFactory,
    EventPageFactory,
    VenueFactory,
    berlin,
)

pytestmark = pytest.mark.django_db

WINDOW = {"date_from": "2030-03-01", "date_to": "2030-06-30"}


def _expanded(body: bytes, title: str | None = None) -> list[tuple[str, object]]:
    calendar = icalendar.Calendar.from_ical(body)
    found = recurring_ical_events.of(calendar).between(
        berlin(2030, 3, 1), berlin(2030, 7, 1)
    )
    return sorted(
        (str(component["SUMMARY"]), component["DTSTART"].dt)
        for component in found
        if title is None or str(component["SUMMARY"]) == title
    )


@pytest.fixture
def series(event_index):
    """Weekly on Mondays across the start of summer time, with a cancelled,
    a moved and an extra date."""
    event = EventPageFactory(
        parent=event_index,
        title="PC-Café",
        start=berlin(2030, 3, 4, 18),
        end=berlin(2030, 3, 4, 20),
        repeat=Frequency.WEEKLY,
        repeat_weekdays=[0],
        repeat_count=10,
        venue=VenueFactory(),
        category=EventCategoryFactory(slug="pc-cafe"),
    )
    EventDateChangeFactory(page=event, original_date=date(2030, 3, 11))
    EventDateChangeFactory(
        page=event,
        original_date=date(2030, 4, 1),
        kind=DateChangeKind.MOVED,
        new_start=berlin(2030, 4, 2, 10),
        new_end=berlin(2030, 4, 2, 12),
        note="Ostern",
    )
    EventExtraDateFactory(
        page=event, start=berlin(2030, 4, 17, 9), end=berlin(2030, 4, 17, 11)
    )
    return event


def test_event_ics_round_trip_equals_listing(site_client, series):
    response = site_client.get(f"{series.url}ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    calendar = icalendar.Calendar.from_ical(body)
    master = next(
        c for c in calendar.walk("VEVENT") if "RRULE" in c and "RECURRENCE-ID" not in c
    )
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["RRULE"]["BYDAY"] == ["MO"]
    assert master["RRULE"]["COUNT"] == [10]
    assert master["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [d.dt for d in master["EXDATE"].dts] == [berlin(2030, 3, 11, 18)]
    assert calendar.walk("VTIMEZONE"), "a VTIMEZONE for Europe/Berlin is included"

    from_ics = _expanded(body)
    from_site = sorted(listed(site_client.get("/veranstaltungen/", WINDOW)))
    assert from_ics == from_site
    starts = [start for _title, start in from_ics]
    assert berlin(2030, 3, 11, 18) not in starts  # cancelled
    assert berlin(2030, 4, 1, 18) not in starts  # moved away …
    assert berlin(2030, 4, 2, 10) in starts  # … to here
    assert berlin(2030, 4, 17, 9) in starts  # extra date
    # Summer time began on 31 March: still 18:00 local, one hour earlier UTC.
    assert berlin(2030, 4, 8, 18) in starts
    assert len(starts) == 10 - 1 + 1  # ten by rule, one cancelled, one extra


def test_feed_follows_the_listing_filters(site_client, series, event_index):
    monthly = EventPageFactory(
        parent=event_index,
        title="Netzwerktreffen",
        start=berlin(2030, 3, 12, 17),
        end=berlin(2030, 3, 12, 19),
        repeat=Frequency.MONTHLY,
        repeat_weekdays=[1],
        repeat_month_week=2,
        repeat_until=date(2030, 12, 31),
    )
    EventDateChangeFactory(page=monthly, original_date=date(2030, 5, 14))
    EventPageFactory(
        parent=event_index,
        title="Sommerfest",
        start=berlin(2030, 6, 20, 0),
        end=berlin(2030, 6, 21, 0),
        all_day=True,
    )
    everything = site_client.get("/veranstaltungen/feed/")
    assert _expanded(everything.content) == sorted(
        listed(site_client.get("/veranstaltungen/", WINDOW))
    )
    titles = {title for title, _start in _expanded(everything.content)}
    assert titles == {"PC-Café", "Netzwerktreffen", "Sommerfest"}

    filtered = site_client.get("/veranstaltungen/feed/", {"category": "pc-cafe"})
    assert {title for title, _ in _expanded(filtered.content)} == {"PC-Café"}
    assert _expanded(filtered.content) == sorted(
        listed(site_client.get("/veranstaltungen/", {**WINDOW, "category": "pc-cafe"}))
    )


def test_all_day_event_uses_dates(site_client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Gartentag",
        start=berlin(2030, 5, 9, 0),
        end=berlin(2030, 5, 10, 0),
        all_day=True,
    )
    calendar = icalendar.Calendar.from_ical(
        site_client.get(f"{event.url}ical/").content
    )
    (component,) = calendar.walk("VEVENT")
    assert component["DTSTART"].dt == date(2030, 5, 9)
    assert component["DTEND"].dt == date(2030, 5, 11)  # exclusive


def test_cancelled_event_has_status(site_client, event_index):
    event = EventPageFactory(parent=event_index, status="cancelled")
    calendar = icalendar.Calendar.from_ical(
        site_client.get(f"{event.url}ical/").content
    )
    (component,) = calendar.walk("VEVENT")
    assert component["STATUS"] == "CANCELLED"
