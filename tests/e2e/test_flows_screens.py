"""Screens of issue 12 looked at in a real browser: the idea form's map with
the quarters' boundaries. Screenshots land in test-artifacts/screenshots/."""

import pytest

from tests.e2e.conftest import TILE_HOST
from tests.e2e.helpers import resident_login
from tests.e2e.test_apps_quality import TILE

pytestmark = pytest.mark.xdist_group("e2e")


def test_idea_map_draws_quarters_and_opens_on_the_chosen_one(
    page, demo, screenshot_dir
):
    page.route(
        f"https://{TILE_HOST}/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=TILE),
    )
    page.allowed_hosts.add(TILE_HOST)
    resident_login(page, "bewohner")
    page.goto(demo["de"]["idea_form"])
    quarter = page.get_by_label("Quartier")
    options = quarter.locator("option").all()
    names = [o.inner_text() for o in options if o.get_attribute("value")]
    chosen = next(name for name in names if "Schlaatz" in name)
    quarter.select_option(label=chosen)
    page.get_by_role("button", name="Karte anzeigen").click()
    box = page.locator("[data-idea-map]")
    box.locator(".leaflet-tile-loaded").first.wait_for()

    outlines = box.locator("path.idea-map__quarter")
    shapes = page.evaluate(
        "JSON.parse(document.getElementById('idea-map-quarters').textContent)"
    )
    assert len(shapes) >= 3, "the demo has three project quarters with boundaries"
    assert outlines.count() == len(shapes)
    labels = box.locator(".idea-map__quarter-label").all_inner_texts()
    assert chosen in labels
    # Opened on the chosen quarter, not on the city centre.
    shape = next(s for s in shapes if s["name"] == chosen)
    assert box.get_attribute("data-focus") == str(shape["id"])
    page.screenshot(path=screenshot_dir / "idea-map-schlaatz.png", full_page=False)
    box.screenshot(path=screenshot_dir / "idea-map.png")
