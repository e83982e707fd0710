"""Listing, filters, calendar, archive and event page over HTTP."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.choices import EventStatus, Frequency
from tests.factories.events import (
    EventCategoryFactory,
    EventDateChangeFactory,
    EventPageFactory,
    TargetGroupFactory,
    VenueFactory,
    berlin,
)

pytestmark = pytest.mark.django_db


def _times(response) -> list[str]:
    """The start datetimes of the listed dates, as the HTML gives them."""
    html = response.content.decode()
    return re.findall(
        r'<p class="event-item__when">.*?<time datetime="([^"]+)"', html, re.S
    )


def test_listing_expands_series_and_strikes_cancelled(site_client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="PC-Café",
        start=berlin(2030, 3, 4, 14),
        end=berlin(2030, 3, 4, 17),
        repeat=Frequency.WEEKLY,
        repeat_weekdays=[0],
    )
    EventDateChangeFactory(page=event, original_date=date(2030, 3, 11), note="Teamtag")
    response = site_client.get(
        "/veranstaltungen/", {"date_from": "2030-03-01", "date_to": "2030-03-31"}
    )
    assert response.status_code == 200
    assert _times(response) == [
        "2030-03-04T14:00:00+01:00",
        "2030-03-11T14:00:00+01:00",
        "2030-03-18T14:00:00+01:00",
        "2030-03-25T14:00:00+01:00",
    ]
    html = response.content.decode()
    assert html.count("event-item--cancelled") == 1
    assert "Teamtag" in html
    assert re.search(r"<del>\s*<time datetime=\"2030-03-11", html)


def test_listing_filters(site_client, event_index):
    garden = EventCategoryFactory(name="Urban Gardening", slug="urban-gardening")
    workshop = EventCategoryFactory(name="Workshop", slug="workshop")
    families = TargetGroupFactory(name="Familien", slug="familien")
    day = berlin(2030, 5, 2, 10)
    a = EventPageFactory(
        parent=event_index, title="Beete", category=garden, start=day, end=day
    )
    a.target_groups.add(families)
    a.save()
    EventPageFactory(
        parent=event_index,
        title="Löten",
        category=workshop,
        start=day,
        end=day,
        is_free=False,
        price="5.00",
    )
    window = {"date_from": "2030-05-01", "date_to": "2030-05-31"}

    def titles(**params):
        response = site_client.get("/veranstaltungen/", {**window, **params})
        assert response.status_code == 200
        return re.findall(
            r'class="event-item__title"><a[^>]*>([^<]+)<', response.content.decode()
        )

    assert sorted(titles()) == ["Beete", "Löten"]
    assert titles(category="urban-gardening") == ["Beete"]
    assert titles(group="familien") == ["Beete"]
    assert titles(free="on") == ["Beete"]
    assert titles(category="workshop", free="on") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2030-02-31"}, "Enter a valid date"),
        ({"date_from": "2030-05-10", "date_to": "2030-05-01"}, "before its beginning"),
        ({"date_from": "2030-01-01", "date_to": "2032-01-01"}, "at most 366 days"),
        ({"date_from": "0001-01-01"}, "between 1900 and 2200"),
        ({"category": "no-such-thing"}, "Select a valid choice"),
        ({"page": "abc"}, None),
        ({"page": "99999"}, None),
    ],
)
def test_bad_filters_answer_with_message(
    site_client, english_event_index, params, message
):
    response = site_client.get("/en/events/", params)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()


def test_calendar_month_boundaries(site_client, event_index):
    # 30 April 23:30 in Berlin is 21:30 UTC; 1 May 00:30 is 30 April 22:30
    # UTC. Days are local days: the first is April's, the second May's.
    EventPageFactory(
        parent=event_index,
        title="Spät im April",
        start=berlin(2030, 4, 30, 23, 30),
        end=berlin(2030, 4, 30, 23, 45),
    )
    EventPageFactory(
        parent=event_index,
        title="Früh im Mai",
        start=berlin(2030, 5, 1, 0, 30),
        end=berlin(2030, 5, 1, 1, 30),
    )
    response = site_client.get("/veranstaltungen/calendar/", {"month": "2030-04"})
    assert response.status_code == 200
    html = response.content.decode()
    cells = dict(re.findall(r'data-date="([\d-]+)"[^>]*>(.*?)</td>', html, re.S))
    # April 2030 starts on a Monday and ends on a Tuesday: the grid runs from
    # 1 April to Sunday 5 May.
    assert list(cells)[0] == "2030-04-01"
    assert list(cells)[-1] == "2030-05-05"
    assert "Spät im April" in cells["2030-04-30"]
    assert "Früh im Mai" not in cells["2030-04-30"]
    assert "Früh im Mai" in cells["2030-05-01"]
    assert re.search(r'calendar__day--outside"[^>]*data-date="2030-05-01"', html)
    assert not re.search(r'calendar__day--outside"[^>]*data-date="2030-04-30"', html)

    may = site_client.get("/veranstaltungen/calendar/", {"month": "2030-05"})
    may_cells = dict(
        re.findall(r'data-date="([\d-]+)"[^>]*>(.*?)</td>', may.content.decode(), re.S)
    )
    # May's grid starts on Monday 29 April and shows the April date greyed.
    assert list(may_cells)[0] == "2030-04-29"
    assert "Spät im April" in may_cells["2030-04-30"]
    assert "Früh im Mai" in may_cells["2030-05-01"]


@pytest.mark.parametrize("month", ["2030-13", "abc", "99999-01", "2030-"])
def test_calendar_bad_month(site_client, english_event_index, month):
    response = site_client.get("/en/events/calendar/", {"month": month})
    assert response.status_code == 200
    assert "This is not a valid month." in response.content.decode()


def test_archive_lists_past_dates_newest_first(site_client, event_index):
    now = timezone.now()
    EventPageFactory(
        parent=event_index,
        title="Vorbei",
        start=now - timedelta(days=10),
        end=now - timedelta(days=10) + timedelta(hours=1),
    )
    EventPageFactory(
        parent=event_index,
        title="Noch länger her",
        start=now - timedelta(days=40),
        end=now - timedelta(days=40) + timedelta(hours=1),
    )
    EventPageFactory(
        parent=event_index,
        title="Kommt noch",
        start=now + timedelta(days=3),
        end=now + timedelta(days=3, hours=1),
    )
    response = site_client.get("/veranstaltungen/archive/")
    html = response.content.decode()
    titles = re.findall(r'class="event-item__title"><a[^>]*>([^<]+)<', html)
    assert titles == ["Vorbei", "Noch länger her"]
    upcoming = site_client.get("/veranstaltungen/").content.decode()
    assert "Kommt noch" in upcoming
    assert "Vorbei" not in upcoming


def test_event_page_shows_details(site_client, event_index):
    venue = VenueFactory(name="Bürgerhaus Schlaatz", accessibility_notes="Rampe")
    start = timezone.localtime() + timedelta(days=7)
    event = EventPageFactory(
        parent=event_index,
        title="Netzwerktreffen",
        venue=venue,
        start=start,
        end=start + timedelta(hours=2),
        languages=["de", "ar"],
        childcare=True,
        status=EventStatus.SCHEDULED,
    )
    response = site_client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bürgerhaus Schlaatz" in html
    assert "Rampe" in html
    assert "Arabic" in html or "Arabisch" in html
    assert f'href="/veranstaltungen/{event.slug}/ical/"' in html


def test_english_listing(site_client, english_event_index):
    response = site_client.get("/en/events/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
