"""Accessibility, keyboard use and privacy of the apps' public pages
(directory, vacancy finder, events, campaigns, ideas, resident accounts,
premises, settlement enquiry, network board) in
German and English, and those that exist in Arabic right to left: axe-core
finds no WCAG 2.0/2.1 A or AA violation, every control of the filter forms,
the shortlist, the support button and the map consent work by keyboard with
a visible focus, forms announce errors next to the field and in a summary,
anonymous visitors get no cookie, and map tiles load only after consent and
only from the configured tile host.

A new page type is one entry in PAGE_TYPES (and in ARABIC_PAGE_TYPES when
it exists for newcomers); a new language one in LANGUAGES."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import TILE_HOST
from tests.e2e.helpers import admin_login, resident_login
from tests.e2e.test_site_frame import AXE_OPTIONS

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

LANGUAGES = ["de", "en"]
ACCOUNT_PREFIX = {"de": "/konto/", "en": "/en/account/"}

#: page type → how its path is made from the demo URLs of one language
PAGE_TYPES = {
    "directory listing": lambda urls, lang: urls["directory"],
    "directory search": lambda urls, lang: urls["directory"] + "?q=Bäckerei",
    "directory map view": lambda urls, lang: urls["directory"] + "?view=map",
    "company": lambda urls, lang: urls["company"],
    "vacancy": lambda urls, lang: urls["vacancy"],
    "event listing": lambda urls, lang: urls["events"],
    "event listing filtered": lambda urls, lang: urls["events"] + "?free=on",
    "event calendar": lambda urls, lang: urls["events"] + "calendar/",
    "event archive": lambda urls, lang: urls["events"] + "archive/",
    "event": lambda urls, lang: urls["event"],
    "campaign listing": lambda urls, lang: urls["campaigns"],
    "campaign": lambda urls, lang: urls["campaign"],
    "idea board": lambda urls, lang: urls["board"],
    "idea board filtered": lambda urls, lang: urls["board"] + "?sort=newest&q=Bank",
    "idea": lambda urls, lang: urls["idea"],
    "vacancy finder": lambda urls, lang: urls["finder"],
    "vacancy finder filtered": lambda urls, lang: (
        urls["finder"] + "?german=A2&hours=20&childcare=1&easy=1&sort=ending"
    ),
    "vacancy finder bad filter": lambda urls, lang: urls["finder"] + "?german=Z9",
    "empty shortlist": lambda urls, lang: urls["finder"] + "merkliste/",
    "shared shortlist": lambda urls, lang: urls["shared_list"],
    "handout": lambda urls, lang: urls["shared_handout"],
    "login": lambda urls, lang: ACCOUNT_PREFIX[lang] + "login/",
    "sign-up": lambda urls, lang: ACCOUNT_PREFIX[lang] + "signup/",
    "login by code": lambda urls, lang: ACCOUNT_PREFIX[lang] + "login/code/",
    "password reset": lambda urls, lang: ACCOUNT_PREFIX[lang] + "password/reset/",
    "premises listing": lambda urls, lang: urls["premises"],
    "premises filtered": lambda urls, lang: (
        urls["premises"] + "?quarter=schlaatz&type=shop&step_free=1&sort=rent"
    ),
    "premises map view": lambda urls, lang: urls["premises"] + "?view=map",
    "premises unit": lambda urls, lang: urls["unit"],
    "settlement enquiry": lambda urls, lang: urls["enquiry"],
    "network board": lambda urls, lang: urls["network_board"],
}
#: Pages with a form that needs the CSRF cookie; every other page sets none.
#: The finder's and the shared list's shortlist forms need none (they post to
#: the csrf-exempt `shortlist_change`), so those pages set no cookie; the
#: session cookie comes only when a vacancy is put on the shortlist.
NEEDS_CSRF_COOKIE = {
    "login",
    "sign-up",
    "login by code",
    "password reset",
    "settlement enquiry",
}
#: The pages that exist in Arabic too (newcomer-facing content, issue 4);
#: they stand for the other right-to-left language, Persian.
ARABIC_PAGE_TYPES = {
    "home": lambda urls, lang: urls["home"],
    "contact point": lambda urls, lang: urls["contact_point"],
    "legal page": lambda urls, lang: urls["legal"],
    "directory listing": PAGE_TYPES["directory listing"],
    "company": PAGE_TYPES["company"],
    "vacancy": PAGE_TYPES["vacancy"],
    "vacancy finder": PAGE_TYPES["vacancy finder"],
    "vacancy finder filtered": PAGE_TYPES["vacancy finder filtered"],
    "empty shortlist": PAGE_TYPES["empty shortlist"],
    "shared shortlist": PAGE_TYPES["shared shortlist"],
    "handout": PAGE_TYPES["handout"],
    "premises listing": PAGE_TYPES["premises listing"],
    "premises filtered": PAGE_TYPES["premises filtered"],
    "settlement enquiry": PAGE_TYPES["settlement enquiry"],
}

PAGES = [(lang, kind) for lang in LANGUAGES for kind in PAGE_TYPES] + [
    ("ar", kind) for kind in ARABIC_PAGE_TYPES
]


def axe_violations(page) -> tuple[int, str]:
    results = Axe().run(page.page, options=AXE_OPTIONS)
    return results.violations_count, results.generate_report()


@pytest.mark.parametrize(
    ("language", "kind"), PAGES, ids=[f"{lang}-{kind}" for lang, kind in PAGES]
)
def test_app_page_is_accessible_and_sets_no_cookie(page, demo, language, kind):
    types = ARABIC_PAGE_TYPES if language == "ar" else PAGE_TYPES
    path = types[kind](demo[language], language)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == (
        "rtl" if language == "ar" else "ltr"
    )
    count, report = axe_violations(page)
    assert count == 0, report
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert cookies == ({"csrftoken"} if kind in NEEDS_CSRF_COOKIE else set()), path


# Forms announce errors -------------------------------------------------------


def assert_errors_announced(page, field_names: list[str]):
    """An error summary (role=alert) links to each field in error; the field
    is marked invalid and its error text is next to it and tied to it."""
    summary = page.get_by_role("alert").filter(has=page.get_by_role("list"))
    assert summary.count() == 1
    for name in field_names:
        field = page.locator(f"main [name={name}]").first
        field_id = field.get_attribute("id")
        assert field.get_attribute("aria-invalid") == "true", name
        described = (field.get_attribute("aria-describedby") or "").split()
        errors = [page.locator(f"[id='{ref}']") for ref in described]
        assert any(
            error.count() and "error" in (error.get_attribute("class") or "")
            for error in errors
        ), f"no error message tied to {name}"
        link = summary.locator(f"a[href='#{field_id}']")
        assert link.count() == 1, f"the summary does not link to {name}"
    # Following a summary link puts the focus on the field.
    summary.get_by_role("link").first.click()
    first_id = page.locator(f"main [name={field_names[0]}]").first.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == first_id
    count, report = axe_violations(page)
    assert count == 0, report


def test_sign_up_announces_errors(page):
    page.goto("/en/account/signup/")
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_label("Display name").fill("x")
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()

    assert_errors_announced(page, ["email", "display_name", "password1"])


def test_idea_form_announces_errors(page, demo):
    resident_login(page, "bewohner")
    page.goto(demo["en"]["idea_form"])
    count, report = axe_violations(page)
    assert count == 0, report
    page.get_by_label("Title").fill("Bad")
    page.get_by_role("button", name="Submit idea").click()

    assert_errors_announced(page, ["title", "description", "category", "quarter"])


# Keyboard ----------------------------------------------------------------------

FOCUS_VISIBLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return el.matches(':focus-visible') && (outline || shadow);
}"""


def tab_to(page, target, *, limit: int = 120, key: str = "Tab"):
    """Presses Tab until `target` has the focus; asserts the focus is visible."""
    handle = target.element_handle()
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("el => el === document.activeElement", handle):
            assert target.evaluate(FOCUS_VISIBLE), "focus is not visible"
            return
    raise AssertionError(f"{target} cannot be reached with {key}")


def test_language_switcher_by_keyboard(page, demo):
    page.goto(demo["de"]["events"])
    english = page.get_by_role("navigation", name="Sprache").get_by_role(
        "link", name="English"
    )
    tab_to(page, english)
    page.keyboard.press("Enter")
    page.wait_for_url("**" + demo["en"]["events"])
    assert page.locator("html").get_attribute("lang") == "en"


def test_phone_main_menu_by_keyboard(phone_page, demo):
    phone_page.goto(demo["en"]["board"])
    toggle = phone_page.get_by_role("button", name="Menu")
    tab_to(phone_page, toggle)
    phone_page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = phone_page.get_by_role("navigation", name="Main menu")
    events = menu.locator(f'a[href="{demo["en"]["events"]}"]')
    tab_to(phone_page, events)
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url("**" + demo["en"]["events"])


def test_event_filters_by_keyboard(page, demo):
    page.goto(demo["en"]["events"])
    form = page.locator("form.event-filters")
    for control in form.locator("select, input:not([type=hidden])").all():
        tab_to(page, control)
    free = form.get_by_label("Free of charge only")
    free.focus()
    page.keyboard.press("Space")
    tab_to(page, form.get_by_role("button"))
    page.keyboard.press("Enter")
    page.wait_for_url("**free=on**")
    assert (
        page.locator("form.event-filters")
        .get_by_label("Free of charge only")
        .is_checked()
    )


def test_directory_filters_by_keyboard(page, demo):
    page.goto(demo["en"]["directory"])
    form = page.get_by_role("search", name="Search the company directory")
    controls = form.locator("input:not([type=hidden]), select, button").all()
    assert len(controls) > 3
    for control in controls:
        if control.is_visible():
            tab_to(page, control)
    query = form.locator("input[name=q]")
    query.focus()
    page.keyboard.type("Bäckerei")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=B%C3%A4ckerei**")
    assert page.get_by_role("main").get_by_role("article").count() >= 1


def test_vacancy_finder_and_shortlist_by_keyboard(page, demo):
    page.goto(demo["en"]["finder"])
    form = page.locator("#finder-form")
    search = page.get_by_role("search", name="Find vacancies")
    controls = [
        *search.locator("input, button").all(),
        *form.locator("input:not([type=hidden]), select, button").all(),
    ]
    for control in controls:
        tab_to(page, control)
    german = form.get_by_label("German the person speaks")
    german.focus()
    german.select_option("B1")  # what arrow keys do in a closed select
    childcare = form.get_by_label("Hours compatible with childcare")
    childcare.focus()
    page.keyboard.press("Space")
    tab_to(page, form.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    page.wait_for_url("**german=B1**")
    assert "childcare=1" in page.url

    # The first result onto the shortlist, by keyboard; the count follows.
    add = page.locator("main .vacancy-card").first.get_by_role("button")
    tab_to(page, add)
    page.keyboard.press("Enter")
    page.locator("main .vacancy-card").first.locator(
        "input[name=action][value=remove]"
    ).wait_for(state="attached")
    assert page.locator("[data-shortlist-count]").first.inner_text() == "1"
    shortlist = page.get_by_role("link", name="Shortlist (1)")
    tab_to(page, shortlist, key="Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Shortlist").wait_for()
    handout = page.locator(".shortlist__languages a[hreflang=en]")
    tab_to(page, handout)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Vacancies for you").wait_for()


def test_idea_board_filters_by_keyboard(page, demo):
    page.goto(demo["en"]["board"])
    form = page.get_by_role("search", name="Filter ideas")
    for control in form.locator("input:not([type=hidden]), select, button").all():
        if control.is_visible():
            tab_to(page, control)
    sort = form.locator("select[name=sort]")
    sort.focus()
    sort.select_option("supported")  # what arrow keys do in a closed select
    tab_to(page, form.get_by_role("button").last)
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=supported**")


def test_support_button_by_keyboard(page, demo):
    resident_login(page, "bewohner")
    page.goto(demo["en"]["idea"])
    box = page.locator("#support")
    before = box.locator(".support-box__count strong").inner_text()
    button = box.get_by_role("button")
    label = button.inner_text()
    tab_to(page, button)
    page.keyboard.press("Enter")
    page.wait_for_url("**#support")
    after = page.locator("#support .support-box__count strong").inner_text()
    assert abs(int(after) - int(before)) == 1
    assert page.locator("#support").get_by_role("button").inner_text() != label


TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005fe02fea73581e40000000049454e44ae426082"
)


@pytest.mark.parametrize("where", ["board", "directory"])
def test_map_tiles_only_after_consent_and_only_from_the_tile_host(page, demo, where):
    tiles = []

    def tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    page.route(f"https://{TILE_HOST}/**", tile)
    path = demo["en"][where] + ("?view=map" if where == "directory" else "")
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert tiles == []
    assert page.foreign_requests() == []

    button = page.get_by_role("button", name="Show the map")
    tab_to(page, button)
    page.allowed_hosts.add(TILE_HOST)
    page.keyboard.press("Enter")
    # The map draws its tiles after the consent, asynchronously: wait for one
    # ("networkidle" was reached before and would not wait).
    page.locator(".leaflet-tile-loaded").first.wait_for()

    assert tiles, "no tile was requested after consent"
    assert all(urlsplit(url).hostname == TILE_HOST for url in tiles)
    # page.check() at the end: nothing from any host but the site and tiles.


# The privacy notice ----------------------------------------------------------

#: Every cookie the portal sets (docs/privacy.md); the notice names each.
DOCUMENTED_COOKIES = {"csrftoken", "sessionid", "messages", "wagtail_sidebar_collapsed"}


def test_resident_and_admin_get_only_documented_cookies(page, new_page, demo):
    seen = set()

    def record(response):
        for header in response.header_values("set-cookie"):
            for line in header.split("\n"):
                seen.add(line.split("=", 1)[0].strip())

    page.context.on("response", record)
    resident_login(page, "bewohner")
    page.goto(demo["en"]["idea"])
    for _ in range(2):  # support and withdraw: confirmation messages
        page.locator("#support").get_by_role("button").click()
        page.wait_for_url("**#support")
    admin = new_page()
    admin_login(admin, "editor")
    seen |= {cookie["name"] for cookie in admin.context.cookies()}
    seen |= {cookie["name"] for cookie in page.context.cookies()}

    assert {"csrftoken", "sessionid", "messages"} <= seen
    assert seen <= DOCUMENTED_COOKIES


@pytest.mark.parametrize("path", ["/datenschutz/", "/en/privacy/"])
def test_privacy_notice_lists_every_cookie(page, path):
    page.goto(path)
    text = page.get_by_role("main").inner_text()
    for name in DOCUMENTED_COOKIES:
        assert name in text, name
    assert "portal-map-consent" in text
