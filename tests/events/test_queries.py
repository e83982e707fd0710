"""The listing runs the same number of SQL queries for few and many events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.choices import Frequency
from events.views import PER_PAGE
from tests.factories.events import (
    EventCategoryFactory,
    EventDateChangeFactory,
    EventPageFactory,
    TargetGroupFactory,
    VenueFactory,
    berlin,
)
from tests.factories.home import ContactPointPageFactory

pytestmark = pytest.mark.django_db

WINDOW = {"date_from": "2030-03-01", "date_to": "2030-03-31"}


def _add_events(index, *, total: int, every_nth_recurring: int = 10) -> None:
    category = EventCategoryFactory()
    group = TargetGroupFactory()
    venue = VenueFactory()
    existing = index.get_children().count()
    for number in range(existing, existing + total):
        start = berlin(2030, 3, 1, 9) + timedelta(hours=7 * number % 600)
        recurring = number % every_nth_recurring == 0
        event = EventPageFactory(
            parent=index,
            start=start,
            end=start + timedelta(hours=2),
            category=category,
            venue=venue if number % 2 else None,
            repeat=Frequency.DAILY if recurring else "",
        )
        event.target_groups.add(group)
        event.save()
        if recurring:
            EventDateChangeFactory(
                page=event, original_date=(start + timedelta(days=1)).date()
            )


def _count(client) -> tuple[int, int]:
    # New categories and target groups renew the cached term lists: the
    # first request after them reads them again (portal.vocabulary).
    client.get("/veranstaltungen/", WINDOW)
    client.get("/veranstaltungen/calendar/", {"month": "2030-03"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/veranstaltungen/", WINDOW)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as calendar:
        response = client.get("/veranstaltungen/calendar/", {"month": "2030-03"})
        assert response.status_code == 200
    return len(queries), len(calendar)


def test_listing_queries_do_not_grow_with_events(site_client, event_index):
    _add_events(event_index, total=10)
    site_client.get("/veranstaltungen/", WINDOW)  # warm caches (site root paths)
    small = _count(site_client)
    # A page more, 3 of the 30 recurring: a query per event (or per
    # occurrence) would show; with 10 events the occurrences (one event
    # repeats daily) fill more than a page already. Large numbers: the
    # benchmark (scripts/benchmark.py).
    _add_events(event_index, total=PER_PAGE)
    large = _count(site_client)
    total = 10 + PER_PAGE
    print(f"listing/calendar queries with 10 events: {small}, with {total}: {large}")
    assert small == large


def _feed_queries(client) -> int:
    client.get("/veranstaltungen/feed/")  # warm what a change renewed
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/veranstaltungen/feed/")
        assert response.status_code == 200
    return len(queries)


def test_feed_queries_do_not_grow_with_events_at_contact_points(
    site_client, event_index, home_de
):
    """Each event's address is read for its VEVENTs (`EventPage.place`); a
    contact point's address must come from the prefetched specific page."""
    contact_point = ContactPointPageFactory(parent=home_de)

    def add(total: int) -> None:
        existing = event_index.get_children().count()
        for number in range(existing, existing + total):
            start = berlin(2030, 3, 1, 9) + timedelta(days=number)
            EventPageFactory(
                parent=event_index,
                start=start,
                end=start + timedelta(hours=2),
                contact_point=contact_point if number % 2 else None,
                venue=None if number % 2 else VenueFactory(),
            )

    add(4)
    _feed_queries(site_client)  # warm caches (site root paths)
    small = _feed_queries(site_client)
    add(36)
    assert _feed_queries(site_client) == small
