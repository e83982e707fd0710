"""Quarter snippets: editors draw a quarter's boundary; it must be a real
polygon inside Potsdam, and points are placed in it."""

import json

import pytest

from portal import geo
from portal.models import Quarter
from tests.factories.portal import QuarterFactory

STERN = [[52.3815, 13.1100], [52.3820, 13.1370], [52.3680, 13.1390], [52.3670, 13.1110]]


def quarter_data(**overrides):
    data = {
        "name": "Stern",
        "slug": "stern",
        "portrait": "",
        "image": "",
        "is_project_quarter": "on",
        "sort_order": "1",
        "latitude": "52.374500",
        "longitude": "13.123500",
        "boundary": json.dumps(STERN),
    }
    data.update(overrides)
    return data


@pytest.fixture
def add_quarter(admin_client):
    def post(**overrides):
        return admin_client.post(
            "/admin/snippets/portal/quarter/add/", quarter_data(**overrides)
        )

    return post


def test_admin_creates_a_quarter(add_quarter):
    response = add_quarter()

    assert response.status_code == 302
    quarter = Quarter.objects.get(slug="stern")
    assert quarter.boundary == STERN
    assert quarter.locale.language_code == "de"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("boundary", json.dumps([[52.38, 13.11], [52.37, 13.12]])),
        ("boundary", json.dumps([[52.38, 13.11], [52.37, 13.12], [52.52, 13.40]])),
        ("boundary", json.dumps([[52.38, 13.11], [52.37, 13.12], ["a", "b"]])),
        ("boundary", json.dumps({"lat": 52.38})),
        ("latitude", "52.521900"),
    ],
    ids=[
        "two corners",
        "corner in Berlin",
        "corner not a number",
        "not a list",
        "centre in Berlin",
    ],
)
def test_admin_rejects_quarter_outside_potsdam_or_malformed(add_quarter, field, value):
    overrides = {field: value}
    if field == "latitude":
        overrides["longitude"] = "13.413200"

    response = add_quarter(**overrides)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Quarter.objects.filter(slug="stern").exists()


def test_quarter_contains_points_inside_its_boundary(db):
    quarter = QuarterFactory(boundary=STERN)

    assert quarter.contains("52.3745", "13.1235")
    assert not quarter.contains(52.3790, 13.0870), "a point in Schlaatz"
    assert not QuarterFactory(boundary=[]).contains(52.3745, 13.1235)


@pytest.mark.parametrize(
    ("latitude", "longitude", "inside"),
    [
        (52.3906, 13.0645, True),  # city centre
        (52.33, 12.88, True),  # corner of the box
        (52.5219, 13.4132, False),  # Berlin
        (52.3906, 13.20, False),
    ],
)
def test_in_potsdam(latitude, longitude, inside):
    assert geo.in_potsdam(latitude, longitude) is inside
