"""Calendar clients read the portal's .ics alike: Python's icalendar with
recurring-ical-events and Mozilla's ical.js (Thunderbird's parser, run by
node) give the same UTC start for every occurrence over a whole year, summer
time included. ical.js takes the zone only from the file's VTIMEZONE, so a
VTIMEZONE it misreads shows up here as an hour's difference."""

from datetime import UTC, date, datetime

import icalendar
import pytest
import recurring_ical_events
from django.conf import settings

from events.choices import DateChangeKind, Frequency
from tests.calendar_clients import ical_js_occurrences
from tests.factories.events import (
    EventDateChangeFactory,
    EventExtraDateFactory,
    EventPageFactory,
    VenueFactory,
    berlin,
)

pytestmark = pytest.mark.django_db

FROM, TO = datetime(2030, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC)


def ical_js_starts(body: bytes) -> list[tuple[str, str]]:
    found = ical_js_occurrences(body, FROM, TO)
    return sorted((o["summary"], o["start"]) for o in found)


def _utc(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def icalendar_starts(body: bytes) -> list[tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(body)
    found = recurring_ical_events.of(calendar).between(FROM, TO)
    return sorted((str(c["SUMMARY"]), _utc(c["DTSTART"].dt)) for c in found)


@pytest.fixture
def year_of_events(event_index):
    """Series across both changes of summer time, with a moved date and an
    extra date in summer, a cancelled date, a monthly series, an early
    morning series just after the 02:00 change and an all-day event."""
    venue = VenueFactory()
    weekly = EventPageFactory(
        parent=event_index,
        title="PC-Café",
        start=berlin(2030, 1, 7, 18),
        end=berlin(2030, 1, 7, 20),
        repeat=Frequency.WEEKLY,
        repeat_weekdays=[0, 3],
        repeat_until=date(2030, 12, 31),
        venue=venue,
    )
    EventDateChangeFactory(page=weekly, original_date=date(2030, 4, 1))
    EventDateChangeFactory(
        page=weekly,
        original_date=date(2030, 7, 15),
        kind=DateChangeKind.MOVED,
        new_start=berlin(2030, 7, 16, 10),
        new_end=berlin(2030, 7, 16, 12),
        note="Sommerfest",
    )
    EventExtraDateFactory(
        page=weekly, start=berlin(2030, 8, 21, 9), end=berlin(2030, 8, 21, 11)
    )
    EventPageFactory(
        parent=event_index,
        title="Nachbarschaftsrat",
        start=berlin(2030, 1, 2, 17, 30),
        end=berlin(2030, 1, 2, 19),
        repeat=Frequency.MONTHLY,
        repeat_month_week=1,
        repeat_weekdays=[2],
        repeat_count=12,
        venue=venue,
    )
    EventPageFactory(
        parent=event_index,
        title="Frühschicht-Café",
        start=berlin(2030, 3, 20, 3, 30),
        end=berlin(2030, 3, 20, 5),
        repeat=Frequency.DAILY,
        repeat_count=30,
        venue=venue,
    )
    EventPageFactory(
        parent=event_index,
        title="Quartiersfest",
        start=berlin(2030, 6, 21, 0),
        end=berlin(2030, 6, 21, 23, 59),
        all_day=True,
        venue=venue,
    )
    return weekly


def test_feed_reads_the_same_in_ical_js_and_icalendar(
    site_client, year_of_events, event_index
):
    body = site_client.get(f"{event_index.url}feed/").content

    python_starts = icalendar_starts(body)
    js_starts = ical_js_starts(body)

    assert js_starts == python_starts
    summer = [
        s
        for t, s in python_starts
        if t == "PC-Café" and "2030-07" in s and s != "2030-07-16T08:00:00Z"
    ]
    assert summer, "the year includes summer occurrences"
    assert all(start.endswith("T16:00:00Z") for start in summer), (
        "18:00 summer time is 16:00 UTC"
    )
    winter = [s for t, s in python_starts if t == "PC-Café" and "2030-12" in s]
    assert winter
    assert all(start.endswith("T17:00:00Z") for start in winter)
    assert ("PC-Café", "2030-07-16T08:00:00Z") in js_starts, "the moved date"
    assert ("PC-Café", "2030-08-21T07:00:00Z") in js_starts, "the extra date"
    assert ("PC-Café", "2030-04-01T16:00:00Z") not in js_starts, "cancelled"
    # The day summer time starts (31 March 2030), 03:30 exists and is CEST.
    assert ("Frühschicht-Café", "2030-03-31T01:30:00Z") in js_starts
    assert ("Frühschicht-Café", "2030-03-30T02:30:00Z") in js_starts
    assert ("Quartiersfest", "2030-06-21") in js_starts


def test_recurring_event_file_reads_the_same_in_ical_js_and_icalendar(
    site_client, year_of_events
):
    body = site_client.get(f"{year_of_events.url}ical/").content

    python_starts = icalendar_starts(body)

    assert len(python_starts) > 90, "twice a week over a year"
    assert ical_js_starts(body) == python_starts


def test_vtimezone_uses_yearly_rules_that_start_summer_time_at_two(
    site_client, year_of_events
):
    calendar = icalendar.Calendar.from_ical(
        site_client.get(f"{year_of_events.url}ical/").content
    )

    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == settings.TIME_ZONE == "Europe/Berlin"
    daylight, standard = zone.walk("DAYLIGHT")[0], zone.walk("STANDARD")[0]
    for part in (daylight, standard):
        assert "RDATE" not in part, "ical.js reads only the first RDATE value"
        assert part["RRULE"]["FREQ"] == ["YEARLY"]
        assert part["RRULE"]["BYDAY"] == ["-1SU"]
    assert daylight["DTSTART"].dt.time().hour == 2
    assert daylight["RRULE"]["BYMONTH"] == [3]
    assert standard["DTSTART"].dt.time().hour == 3
    assert standard["RRULE"]["BYMONTH"] == [10]
    assert calendar.subcomponents[0].name == "VTIMEZONE", "the zone comes first"


@pytest.mark.parametrize("language", ["de", "en"])
def test_listing_offers_a_webcal_subscription_beside_the_feed(
    site_client, year_of_events, event_index, english_event_index, language
):
    index = event_index if language == "de" else english_event_index
    index.refresh_from_db()
    response = site_client.get(index.url, {"category": "x"})

    html = response.content.decode()
    assert response.status_code == 200
    feed = f"{index.url}feed/"
    assert f'href="{feed}' in html
    assert f'href="webcal://localhost{feed}' in html
