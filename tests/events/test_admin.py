"""Editors enter events through the Wagtail admin; bad input gets a clear
message and saves nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from events.models import EventPage, Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def _post(admin_client, event_index, *, date_changes=(), **fields):
    data = {
        "title": "PC-Café",
        "slug": "pc-cafe",
        "teaser": "",
        "description": streamfield([]),
        "start": "2030-01-07 18:00",
        "end": "2030-01-07 20:00",
        "repeat": "",
        "repeat_interval": "1",
        "status": "scheduled",
        "registration": "none",
        "is_free": "on",
        "date_changes": inline_formset(list(date_changes)),
        "extra_dates": inline_formset([]),
        "action-publish": "publish",
        **fields,
    }
    url = reverse(
        "wagtailadmin_pages:add", args=("events", "eventpage", event_index.pk)
    )
    # Multiple-choice values go in as lists (nested_form_data would number them).
    lists = {key: data.pop(key) for key in list(data) if isinstance(data[key], list)}
    return admin_client.post(url, {**nested_form_data(data), **lists})


def _errors(response) -> str:
    assert response.status_code == 200, "the form is shown again"
    return response.content.decode()


def test_valid_weekly_event_is_published(admin_client, event_index):
    response = _post(
        admin_client,
        event_index,
        repeat="weekly",
        repeat_weekdays=["0", "2"],
        repeat_count="20",
        languages=["de", "ar"],
        date_changes=[
            {"original_date": "2030-01-09", "kind": "cancelled", "note": "x"}
        ],
    )
    assert "Only repeating" not in response.content.decode()
    event = EventPage.objects.get(slug="pc-cafe")
    assert event.live
    assert event.repeat_weekdays == [0, 2]
    assert event.languages == ["de", "ar"]
    assert event.date_changes.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": "2030-01-07 17:00"}, "The end must not be before the start."),
        ({"start": "2030-02-30 18:00"}, "Enter a valid date"),
        (
            {"repeat": "daily", "repeat_until": "2040-01-01"},
            "This repetition would create more than 500 dates.",
        ),
        ({"repeat": "daily", "repeat_count": "5000"}, "At most 500 dates"),
        (
            {"repeat": "weekly", "repeat_weekdays": ["1"]},
            "The first date does not follow the repetition",
        ),
        (
            {"repeat": "monthly", "repeat_weekdays": ["0"]},
            "Choose the week of the month",
        ),
        (
            {"repeat": "weekly", "repeat_until": "2029-12-01"},
            "cannot end before the first date",
        ),
        (
            {"repeat": "weekly", "repeat_until": "2030-05-01", "repeat_count": "3"},
            "either an end date or a number of dates",
        ),
    ],
)
def test_bad_event_input_is_refused(admin_client, event_index, fields, message):
    html = _errors(_post(admin_client, event_index, **fields))
    assert message in html
    assert not EventPage.objects.exists()


def test_date_change_must_be_a_date_of_the_series(admin_client, event_index):
    html = _errors(
        _post(
            admin_client,
            event_index,
            repeat="weekly",
            repeat_weekdays=["0"],
            date_changes=[
                {"original_date": "2030-01-08", "kind": "cancelled", "note": ""}
            ],
        )
    )
    assert "The series has no date on this day." in html
    assert not EventPage.objects.exists()


def test_moved_date_needs_new_start(admin_client, event_index):
    html = _errors(
        _post(
            admin_client,
            event_index,
            repeat="weekly",
            repeat_weekdays=["0"],
            date_changes=[{"original_date": "2030-01-14", "kind": "moved", "note": ""}],
        )
    )
    assert "Enter the new start of a moved date." in html
    assert not EventPage.objects.exists()


def test_one_off_event_cannot_have_date_changes(admin_client, event_index):
    html = _errors(
        _post(
            admin_client,
            event_index,
            date_changes=[{"original_date": "2030-01-07", "kind": "cancelled"}],
        )
    )
    assert "Only repeating events have single dates to change." in html


def _post_venue(admin_client, **fields):
    data = {
        "name": "Gemeinschaftsgarten Schlaatz",
        "street": "",
        "postal_code": "",
        "city": "Potsdam",
        "latitude": "52.375000",
        "longitude": "13.120000",
        "accessibility_notes": "",
        **fields,
    }
    return admin_client.post(reverse("wagtailsnippets_events_venue:add"), data)


def test_venue_without_street_is_saved(admin_client):
    response = _post_venue(admin_client)

    assert response.status_code == 302
    assert Venue.objects.get().street == ""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"latitude": "52.521900", "longitude": "13.413200"}, "not lie in Potsdam"),
        ({"longitude": ""}, "Enter both latitude and longitude, or neither."),
    ],
)
def test_venue_point_must_be_complete_and_in_potsdam(admin_client, fields, message):
    html = _errors(_post_venue(admin_client, **fields))

    assert message in html
    assert not Venue.objects.exists()
