"""An adviser's journey through the vacancy finder: filter for what the
person brings, put vacancies on the shortlist (kept in the browser session
only), open the printable handout, print it, and share the list with the
person's phone. Then the same in Arabic, right to left, with the German
titles on the handout for the employer."""

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

#: A page object in a PDF (not the /Pages tree node).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-z])")


def pdf_pages(pdf: bytes) -> int:
    """The number of printed sheets of a PDF Chromium made."""
    return len(PDF_PAGE.findall(pdf))


def result_titles(page) -> list[str]:
    return page.locator("main .vacancy-card__title").all_inner_texts()


def result_count(page) -> int:
    """The number the result status announces ("24 offene Stellen")."""
    status = page.locator("main .directory__count[role=status]").inner_text()
    return int(re.search(r"\d+", status).group())


def add_to_shortlist(card):
    """Presses the card's "add" button and waits for finder.js to swap it
    (the shortlist is changed with fetch, the page stays where it is)."""
    card.locator("form[data-shortlist-form] button").click()
    card.locator("input[name=action][value=remove]").wait_for(state="attached")


def decoded_qr_codes(element) -> list[str]:
    """The QR codes in an element's screenshot, read as a phone would."""
    image = Image.open(io.BytesIO(element.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_adviser_filters_shortlists_prints_and_shares(page, new_page, demo, server):
    finder = demo["de"]["finder"]
    page.goto(finder)
    all_count = result_count(page)

    # A newcomer with A2 German who can work at most 30 hours a week.
    page.get_by_label("Deutschkenntnisse der Person").select_option("A2")
    page.get_by_label("Stunden pro Woche, höchstens").fill("30")
    page.locator("#finder-form").get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**german=A2**")

    query = parse_qs(urlsplit(page.url).query)
    assert query["german"] == ["A2"]
    assert query["hours"] == ["30"]
    titles = result_titles(page)
    assert 2 <= result_count(page) < all_count, "the filters did not narrow the list"
    assert len(titles) == min(result_count(page), 20)  # one page of results
    # The filter state is the URL: opened elsewhere, the same list.
    colleague = new_page()
    colleague.goto(page.url.removeprefix(server))
    assert result_titles(colleague) == titles

    chosen = titles[:2]
    filtered_url = page.url
    for index in range(2):
        add_to_shortlist(page.locator("main .vacancy-card").nth(index))
    assert page.locator("[data-shortlist-count]").first.inner_text() == "2"
    assert page.url == filtered_url, "adding left the filtered list"

    page.get_by_role("link", name="Merkliste (2)").click()
    page.get_by_role("heading", level=1, name="Merkliste").wait_for()
    assert page.locator(".shortlist__title").all_inner_texts() == chosen
    share_url = page.get_by_label("Link zu dieser Liste").input_value()

    page.locator(".shortlist__languages").get_by_role("link", name="Deutsch").click()
    page.get_by_role("heading", level=1, name="Stellenangebote für Sie").wait_for()
    sheets = page.locator("article.handout__sheet")
    assert sheets.count() == 2
    assert sheets.locator("h2").all_inner_texts() == chosen
    for index in range(2):
        sheet = sheets.nth(index)
        assert sheet.get_by_role("heading", name="So bewerben Sie sich").count()
        # The QR code leads a phone to the vacancy page on this site.
        codes = decoded_qr_codes(sheet.locator(".handout__qr svg"))
        assert len(codes) == 1
        assert codes[0].endswith(sheet.locator(".handout__url bdi").inner_text())

    # Printed on A4: the tools and the site frame stay on screen, each
    # vacancy starts on a page of its own.
    page.emulate_media(media="print")
    assert not page.locator(".handout__tools").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 2, "one vacancy per sheet, the heading on the first"
    page.emulate_media(media="screen")

    # The person opens the shared link on their own phone: same list, and
    # nothing of the adviser's session comes along.
    phone = new_page(width=375)
    phone.goto(share_url.removeprefix(server))
    assert phone.locator(".shortlist__title").all_inner_texts() == chosen
    # No session and no CSRF cookie: opening the shared list sets no cookie.
    assert {cookie["name"] for cookie in phone.context.cookies()} == set()


def test_adviser_works_in_arabic_right_to_left(page, demo):
    urls = demo["ar"]
    page.goto(urls["home"])
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    # The layout mirrors: the menu starts at the right edge.
    menu_items = page.locator(".main-nav__list > li")
    first, last = menu_items.first.bounding_box(), menu_items.last.bounding_box()
    assert first["x"] > last["x"]

    page.locator(f'header nav a[href="{urls["finder"]}"]').click()
    page.wait_for_url(f"**{urls['finder']}")
    assert html.get_attribute("dir") == "rtl"
    # Vacancies not translated yet show in German, marked as German.
    untranslated = page.locator("main .vacancy-card__title a[lang=de]")
    assert untranslated.count(), "the first page has only translated vacancies"
    assert untranslated.first.get_attribute("dir") == "ltr"
    # Search for a firm whose vacancies are translated into Arabic.
    company = page.goto(urls["company"]) and page.locator("h1").inner_text()
    page.goto(urls["finder"])
    page.locator("#finder-q").fill(company)
    page.locator("#finder-q").press("Enter")
    page.wait_for_url("**q=**")
    cards = page.locator("main .vacancy-card")
    # (Quarter and sector labels may still be German: only the title counts.)
    translated = cards.filter(has_not=page.locator(".vacancy-card__title [lang=de]"))
    assert translated.count(), "no vacancy translated into Arabic"
    title = translated.first.locator(".vacancy-card__title").inner_text()
    add_to_shortlist(translated.first)

    page.locator(".finder-shortlist-link a").click()
    page.locator(".shortlist__languages a[hreflang=ar]").click()
    sheet = page.locator("article.handout__sheet").first
    assert sheet.locator("h2").inner_text() == title
    assert html.get_attribute("dir") == "rtl"
    # For the employer, the German title too, written left to right.
    original = sheet.locator(".handout__original strong")
    assert original.get_attribute("lang") == "de"
    assert original.get_attribute("dir") == "ltr"
    assert original.inner_text()
    assert original.inner_text() != title


def test_visitor_switches_the_finder_from_german_to_arabic_and_back(page, demo):
    page.goto(demo["de"]["finder"])
    switcher = page.get_by_role("navigation", name="Sprache")
    switcher.locator("a[hreflang=ar]").click()

    assert page.url.endswith(demo["ar"]["finder"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Back to German from Arabic.
    page.locator(".language-switcher a[hreflang=de]").click()
    assert page.url.endswith(demo["de"]["finder"])
    assert page.locator("html").get_attribute("dir") == "ltr"


#: The x position of each digit of an element's text, in reading order.
DIGIT_POSITIONS = """element => {
    const text = element.firstChild;
    const positions = [];
    for (let i = 0; i < text.length; i++) {
        if (!/[0-9]/.test(text.data[i])) continue;
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        positions.push(range.getClientRects()[0].x);
    }
    return positions;
}"""


def filter_values(page, name: str) -> list[str]:
    return page.locator(f"#finder-form input[name={name}]").evaluate_all(
        "boxes => boxes.map(box => box.value)"
    )


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_phone_digits_keep_their_order_right_to_left(page, demo, code):
    """In a right-to-left page, "0331 953 9536" must still read left to
    right: each digit stands to the right of the one before it."""
    page.goto(demo[code]["contact_point"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    phones = page.locator("a[href^='tel:'] bdi")
    assert phones.count() >= 2  # the contact point's and the footer's
    for index in range(phones.count()):
        positions = phones.nth(index).evaluate(DIGIT_POSITIONS)
        assert len(positions) >= 6
        assert positions == sorted(positions), f"digits reordered: {positions}"


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_adviser_journey_with_the_german_filters(page, demo, code, screenshot_dir):
    """Finder -> shortlist -> handout in Arabic and Persian, with the same
    filters as in German: the German link works, and so does the form."""
    page.goto(demo["de"]["finder"])
    german_quarters = filter_values(page, "quarter")
    german_sectors = filter_values(page, "sector")
    assert german_quarters
    assert german_sectors

    urls = demo[code]
    page.goto(urls["home"])
    page.screenshot(path=screenshot_dir / f"home-{code}.png", full_page=True)
    # The menu offers the German sections, events included.
    menu = page.locator(".main-nav__list > li")
    assert menu.count() >= 5
    page.goto(urls["finder"])
    page.screenshot(path=screenshot_dir / f"finder-{code}.png", full_page=True)
    all_count = result_count(page)
    assert filter_values(page, "quarter") == german_quarters
    assert sorted(filter_values(page, "sector")) == sorted(german_sectors)

    # A link built in German narrows the Arabic/Persian list.
    narrowed = None
    for quarter in german_quarters:
        page.goto(f"{urls['finder']}?quarter={quarter}")
        assert page.locator(f"#finder-form input[value={quarter}]").is_checked()
        if 0 < result_count(page) < all_count:
            narrowed = quarter
            break
    assert narrowed, "no quarter narrows the list"
    via_link = result_titles(page)

    # The same filter chosen in this language's own form.
    page.goto(urls["finder"])
    page.locator(f"#finder-form input[name=quarter][value={narrowed}]").check()
    page.locator("#finder-form button[type=submit]").last.click()
    page.wait_for_url(f"**quarter={narrowed}**")
    assert result_titles(page) == via_link

    title = result_titles(page)[0]
    add_to_shortlist(page.locator("main .vacancy-card").first)
    page.locator(".finder-shortlist-link a").click()
    page.locator(f".shortlist__languages a[hreflang={code}]").click()
    page.locator("article.handout__sheet").first.wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    sheet = page.locator("article.handout__sheet").first
    assert sheet.locator("h2").inner_text() == title
    for bdi in sheet.locator(".handout__apply bdi[dir=ltr]").all():
        positions = bdi.evaluate(DIGIT_POSITIONS)
        assert positions == sorted(positions), f"digits reordered: {positions}"


def test_adding_far_down_the_list_stays_in_place_and_posts_to_the_form_url(page, demo):
    page.goto(demo["de"]["finder"])
    cards = page.locator("main .vacancy-card")
    assert cards.count() >= 8, "the demo finder lists too few vacancies to scroll"
    card = cards.nth(cards.count() - 2)
    card.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 0, "the card is on the first screen, nothing to keep"
    form_url = card.locator("form[data-shortlist-form]").get_attribute("action")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        card.locator("form[data-shortlist-form] button").click()
    card.locator("input[name=action][value=remove]").wait_for(state="attached")

    response = posted.value
    assert response.url == page.base_url + form_url
    assert response.status == 200
    assert page.evaluate("window.scrollY") == before, "the page jumped"
    assert navigations == [], "the shortlist fell back to a full reload"
    assert page.malformed_requests() == []


def test_handout_of_three_vacancies_prints_on_three_sheets(page, demo, screenshot_dir):
    page.goto(demo["de"]["finder"])
    cards = page.locator("main .vacancy-card")
    for index in range(3):
        add_to_shortlist(cards.nth(index))
    page.get_by_role("link", name="Merkliste (3)").click()
    page.locator(".shortlist__languages").get_by_role("link", name="Deutsch").click()
    sheets = page.locator("article.handout__sheet")
    expect(sheets).to_have_count(3)

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    (screenshot_dir / "handout.pdf").write_bytes(pdf)
    page.screenshot(path=screenshot_dir / "handout-print.png", full_page=True)
    # Three sheets, not four: the heading shares the first with a vacancy.
    assert pdf_pages(pdf) == 3, "one vacancy per sheet, the heading on the first"
