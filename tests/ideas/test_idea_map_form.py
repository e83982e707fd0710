"""The idea form's map: it draws the quarters' boundaries the server checks
pins against (portal/geo.py), opens on the chosen quarter, and an error about
the point is attached to the map field, not to "latitude"."""

import json

import pytest
from django.conf import settings
from wagtail.models import Locale

from portal import geo
from tests.factories.ideas import SCHLAATZ_POINT, QuarterFactory
from tests.utils import soup

from .test_lifecycle import submit_data

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def schlaatz(db):
    return QuarterFactory(
        name="Schlaatz",
        slug="schlaatz",
        boundary=[[52.372, 13.085], [52.373, 13.1], [52.363, 13.1], [52.362, 13.086]],
    )


def _form_url(board, language_code: str) -> str:
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    page = board.get_translation_or_none(locale)
    if page is None:
        page = board.copy_for_translation(locale, copy_parents=True)
        page.save_revision().publish()
    page = page.specific
    return page.url + page.reverse_subpage("idea_submit")


def _shapes(response) -> list[dict]:
    script = soup(response).select_one("script#idea-map-quarters")
    assert script is not None, "the form carries no quarter boundaries"
    return json.loads(script.string)


def test_form_carries_each_quarters_boundary_from_the_portal_geometry(
    client, board, resident, quarter, schlaatz
):
    client.force_login(resident)
    response = client.get("/en/ideas/new/")
    assert response.status_code == 200
    shapes = {shape["name"]: shape for shape in _shapes(response)}
    assert set(shapes) == {quarter.name, "Schlaatz"}
    stern = shapes[quarter.name]
    assert stern["corners"] == [[float(a), float(b)] for a, b in quarter.boundary]
    assert stern["bounds"] == geo.polygon_bounds(quarter.boundary)
    # What the map draws is where the server accepts a pin.
    inside = [sum(c[0] for c in stern["corners"]) / len(stern["corners"])]
    inside.append(sum(c[1] for c in stern["corners"]) / len(stern["corners"]))
    assert geo.polygon_contains(quarter.boundary, *inside)
    box = soup(response).select_one("[data-idea-map]")
    assert box["data-shapes"] == "idea-map-quarters"
    assert box["data-quarter-field"] == "id_quarter"
    assert stern["id"] == quarter.pk


@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
@pytest.mark.parametrize(
    "point",
    [
        {"latitude": "48.137000", "longitude": "11.575000"},
        {"latitude": SCHLAATZ_POINT[0], "longitude": SCHLAATZ_POINT[1]},
        {"latitude": "52.374500", "longitude": ""},
    ],
    ids=["outside-potsdam", "outside-quarter", "half-a-point"],
)
def test_point_errors_belong_to_the_map_field(
    client, board, resident, category, quarter, point, language_code
):
    client.force_login(resident)
    response = client.post(
        _form_url(board, language_code), submit_data(category, quarter, **point)
    )
    assert response.status_code == 200
    assert soup(response).select_one("html")["lang"] == language_code
    page = soup(response)
    fieldset = page.select_one("fieldset#id_location")
    assert fieldset is not None
    errors = fieldset.select_one("#id_location-errors")
    assert errors is not None, "the error is not on the map field"
    assert fieldset["aria-describedby"] == "id_location-errors"
    assert page.select_one("#id_latitude-errors") is None
    assert page.select_one("#id_longitude-errors") is None
    summary_links = [a["href"] for a in page.select(".error-summary a")]
    assert summary_links == ["#id_location"]
