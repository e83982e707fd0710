"""Nothing jumps on a phone: cumulative layout shift (PerformanceObserver,
`layout-shift` entries without recent input) stays at or below 0.05 on the
main pages at 375 px. The main menu is folded by CSS from the first paint
(a deferred script used to fold it afterwards: CLS 0.11-0.125); without
JavaScript it is shown unfolded, also without a shift."""

import pytest

pytestmark = pytest.mark.xdist_group("e2e")

CLS_LIMIT = 0.05
MAIN_PAGES = [
    "/",
    "/unternehmen/",
    "/stellen/",
    "/veranstaltungen/",
    "/kampagnen/",
    "/ideen/",
    "/anlaufstelle-stern/",
    "/suche/?q=PC-Caf%C3%A9",
    "/en/",
    "/en/jobs/",
]
# Runs before any of the page's scripts; `buffered` also reports shifts from
# before the observer existed.
OBSERVE_SHIFTS = """
window.__layoutShift = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__layoutShift += entry.value;
    }
}).observe({type: "layout-shift", buffered: true});
"""


def _layout_shift(browser, server, path) -> float:
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True
    )
    try:
        context.add_init_script(OBSERVE_SHIFTS)
        page = context.new_page()
        response = page.goto(server + path, wait_until="load")
        assert response.status < 500
        # Playwright's "load" can come before the deferred script ran.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        return page.evaluate("window.__layoutShift")
    finally:
        context.close()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_phone_pages_do_not_shift(browser, server, path):
    shift = _layout_shift(browser, server, path)

    assert shift <= CLS_LIMIT, f"{path}: cumulative layout shift {shift:.3f}"


def test_menu_is_folded_in_the_first_paint(phone_page):
    phone_page.goto("/")

    toggle = phone_page.get_by_role("button", name="Menü")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone_page.locator("#main-nav-list").is_visible()


def test_without_javascript_the_menu_is_open_and_nothing_shifts(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(server + "/")
        assert page.locator("#main-nav-list").is_visible()
        assert not page.locator(".main-nav__toggle").is_visible()
    finally:
        context.close()
