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


WORDS_FIT = """(table) => {
    // A word broken mid-word puts one word on two lines: count each link's
    // lines against its words. A compound longer than a day may break only
    // where the language hyphenates it (hyphens: auto).
    const broken = [];
    for (const link of table.querySelectorAll("a")) {
        const range = document.createRange();
        range.selectNodeContents(link);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        const wordList = link.textContent.trim().split(/\\s+/);
        const words = wordList.length;
        const longest = Math.max(...wordList.map((w) => w.length));
        const hyphens = getComputedStyle(link).hyphens === "auto";
        const hyphenated = hyphens && longest > 15;
        if (tops.size > words && !hyphenated) broken.push(link.textContent.trim());
    }
    return broken;
}"""


def test_month_view_uses_the_width_and_keeps_words_whole(
    new_page, demo, screenshot_dir
):
    page = new_page(1280)
    page.goto(demo["de"]["events"] + "calendar/")
    page.screenshot(path=screenshot_dir / "events-month-1280.png", full_page=True)
    table = page.locator("table.calendar")
    width = table.bounding_box()["width"]
    main = page.locator("main").bounding_box()["width"]
    assert width >= 0.9 * main, f"the month uses {width:.0f} of {main:.0f} px"
    assert table.locator("a").count(), "the demo month has no events"
    assert table.evaluate(WORDS_FIT) == []
    assert table.locator("thead th").all_inner_texts()[0] == "Mo"


def test_month_view_on_a_phone_names_each_weekday(phone_page, demo, screenshot_dir):
    phone_page.goto(demo["de"]["events"] + "calendar/")
    days = phone_page.locator("table.calendar td:has(ul)")
    assert days.count()
    for index in range(days.count()):
        weekday = days.nth(index).locator(".calendar__weekday")
        assert weekday.is_visible()
        assert weekday.inner_text().strip()
    phone_page.screenshot(path=screenshot_dir / "events-month-375.png", full_page=True)
