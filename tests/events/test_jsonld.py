import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.choices import EventStatus, Frequency, Registration
from tests.factories.events import (
    EventDateChangeFactory,
    EventPageFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def _jsonld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page has JSON-LD"
    return json.loads(match.group(1))


def _next_monday_18():
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(
        timezone.datetime.combine(monday, timezone.datetime.min.time())
    ).replace(hour=18)


def test_event_jsonld_contents(site_client, event_index):
    start = _next_monday_18()
    event = EventPageFactory(
        parent=event_index,
        title="Bewerbungswerkstatt",
        teaser="Gemeinsam Bewerbungen schreiben.",
        start=start,
        end=start + timedelta(hours=2),
        repeat=Frequency.WEEKLY,
        repeat_weekdays=[0],
        venue=VenueFactory(name="Stadtteilladen", street="Gluckstraße 1"),
        languages=["de", "uk"],
        is_free=False,
        price="3.50",
        registration=Registration.REQUIRED,
        capacity=12,
        organiser_name="Quartiersprojekt",
    )
    # The first date is cancelled: the structured data is about the next one.
    EventDateChangeFactory(page=event, original_date=start.date())
    data = _jsonld(site_client.get(event.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Bewerbungswerkstatt"
    assert data["description"] == "Gemeinsam Bewerbungen schreiben."
    assert data["startDate"] == (start + timedelta(days=7)).isoformat()
    assert data["endDate"] == (start + timedelta(days=7, hours=2)).isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == (
        "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Stadtteilladen"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Gluckstraße 1",
        "postalCode": "14480",
        "addressLocality": "Potsdam",
        "addressCountry": "DE",
    }
    assert data["location"]["geo"]["latitude"] == pytest.approx(52.375)
    assert data["offers"]["price"] == "3.50"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["isAccessibleForFree"] is False
    assert data["organizer"] == {"@type": "Organization", "name": "Quartiersprojekt"}
    assert data["inLanguage"] == ["de", "uk"]
    assert data["url"].endswith(event.url)


def test_jsonld_moved_online_and_fully_booked(site_client, event_index):
    start = timezone.now() + timedelta(days=3)
    event = EventPageFactory(
        parent=event_index,
        start=start,
        end=start + timedelta(hours=1),
        status=EventStatus.MOVED_ONLINE,
        online_url="https://meet.example.org/raum",
        fully_booked=True,
    )
    data = _jsonld(site_client.get(event.url))
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == (
        "https://schema.org/OnlineEventAttendanceMode"
    )
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/raum",
    }
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["isAccessibleForFree"] is True


def test_jsonld_all_day_uses_dates(site_client, event_index):
    day = timezone.localdate() + timedelta(days=10)
    start = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time())
    )
    event = EventPageFactory(
        parent=event_index, start=start, end=start + timedelta(days=1), all_day=True
    )
    data = _jsonld(site_client.get(event.url))
    assert data["startDate"] == day.isoformat()
    assert data["endDate"] == (day + timedelta(days=1)).isoformat()
    assert isinstance(date.fromisoformat(data["endDate"]), date)


def test_jsonld_cannot_break_out_of_script(site_client, event_index):
    event = EventPageFactory(parent=event_index, teaser="</script><b>x</b>")
    html = site_client.get(event.url).content.decode()
    assert "</script><b>" not in html
    assert _jsonld(site_client.get(event.url))["description"] == "</script><b>x</b>"
