"""A founder's journey, in German and in English: finds a shop in Schlaatz
in the listing of their language and sends a settlement enquiry in it; the
business adviser (`wirtschaft`) opens it in the admin, suggests two matching
units and changes the status; the founder gets the mail, in their language,
with both units. The founder's labels, messages and mail subjects are the
page's own texts in that language (the catalogue through gettext), so a
missing or wrong German text fails the German run. Screenshots of the
listing in German, English and Arabic (right to left)."""

import re
import time
from email import message_from_bytes
from email.policy import default

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from .helpers import admin_login

pytestmark = pytest.mark.xdist_group("e2e")


def _mails_to(mail_dir, address: str) -> list:
    found = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for raw in re.split(rb"\n-{79}\n", path.read_bytes()):
            if not raw.strip():
                continue
            message = message_from_bytes(raw.strip(), policy=default)
            if address in (message.get("To") or ""):
                found.append(message)
    return found


#: The founder's language: the prefix of its pages and its premises listing.
FOUNDER_LANGUAGES = {"de": "/gewerbeflaechen/", "en": "/en/premises/"}


def _texts(code: str) -> dict[str, str]:
    """The founder's texts as the portal says them in `code`."""
    with translation.override(code):
        return {
            "apply": gettext("Apply filters"),
            "enquire": gettext("Send a settlement enquiry"),
            "send": gettext("Send enquiry"),
            "sent": gettext("Thank you! Your enquiry has arrived."),
            "received": gettext("Your settlement enquiry has arrived"),
            "premises_shown": gettext("Your settlement enquiry: premises for you"),
            "hello": gettext("Hello %(name)s,") % {"name": "Sam Founder"},
        }


@pytest.mark.parametrize("code", sorted(FOUNDER_LANGUAGES))
def test_founder_finds_a_shop_and_adviser_suggests_premises(
    page, new_page, mail_dir, screenshot_dir, code
):
    texts = _texts(code)
    if code != "en":  # the German run is in German, not a fallback to English
        assert texts["send"] != _texts("en")["send"]
    # Its own founder each run: the address and the firm name are new, so no
    # earlier enquiry (a run before against the same server) is taken for it
    # or counts against the per-address limit.
    stamp = str(time.time_ns())[-8:]
    founder = f"sam.founder.{stamp}@example.org"
    bakery = f"Sam's Bakery {stamp}"
    page.goto(FOUNDER_LANGUAGES[code])
    page.locator("input[name=quarter][value=schlaatz]").check()
    page.locator("input[name=type][value=shop]").check()
    page.get_by_role("button", name=texts["apply"]).click()
    page.wait_for_url(re.compile(r"quarter=schlaatz"))
    titles = page.locator("main .company-card__title").all_inner_texts()
    assert len(titles) == 2, titles
    assert any("Erlenhof" in title for title in titles)
    page.screenshot(
        path=str(screenshot_dir / f"economy-founder-premises-{code}.png"),
        full_page=True,
    )

    page.locator("main .company-card__title a", has_text="Erlenhof").click()
    page.wait_for_url(re.compile(r"/laden-erlenhof/$"))
    expect(page.locator("script[type='application/ld+json']")).to_have_count(1)
    assert page.locator("html").get_attribute("lang") == code
    page.get_by_role("link", name=texts["enquire"]).click()
    page.wait_for_url(re.compile(r"/anfrage/$"))
    page.locator("textarea[name=business]").fill("A small bakery with a café corner.")
    page.locator("input[name=premises_types][value=shop]").check()
    page.locator("input[name=area_min]").fill("50")
    page.locator("input[name=area_max]").fill("100")
    page.locator("input[name=budget]").fill("1000")
    page.locator("select[name=quarter]").select_option(label="Schlaatz")
    page.locator("select[name=timeframe]").select_option("3m")
    page.locator("input[name=employees]").fill("3")
    page.locator("input[name=support][value=premises]").check()
    page.locator("input[name=name]").fill("Sam Founder")
    page.locator("input[name=organisation]").fill(bakery)
    page.locator("input[name=email]").fill(founder)
    page.locator("input[name=consent]").check()
    time.sleep(3.5)  # people take longer than the time trap's 3 seconds
    page.screenshot(
        path=str(screenshot_dir / f"economy-founder-enquiry-{code}.png"),
        full_page=True,
    )
    page.get_by_role("button", name=texts["send"]).click()
    page.get_by_text(texts["sent"]).wait_for()
    page.screenshot(path=str(screenshot_dir / f"economy-enquiry-sent-{code}.png"))
    [confirmation] = _mails_to(mail_dir, founder)
    assert confirmation["Subject"] == texts["received"]

    adviser = new_page()
    admin_login(adviser, "wirtschaft")
    adviser.goto("/admin/economy/enquiries/")
    adviser.get_by_role("link", name=bakery).first.click()
    # `count()` does not wait: before the edit page has loaded it counts the
    # checkboxes of the listing, none.
    adviser.wait_for_url(re.compile(r"/admin/economy/enquiries/edit/\d+/$"))
    suggestions = adviser.locator("input[name=suggested]")
    expect(suggestions.nth(1)).to_be_attached()
    labels = adviser.locator("label:has(input[name=suggested])").all_inner_texts()
    assert any("Erlenhof" in label for label in labels), labels
    suggestions.nth(0).check()
    suggestions.nth(1).check()
    adviser.locator("select[name=status]").select_option("premises_shown")
    adviser.screenshot(
        path=str(screenshot_dir / f"economy-enquiry-admin-{code}.png"),
        full_page=True,
    )
    adviser.get_by_role("button", name=re.compile(r"^(Save|Speichern)$")).click()
    adviser.wait_for_url(re.compile(r"/admin/economy/enquiries/$"))

    deadline = time.monotonic() + 15
    while True:
        mails = [
            m for m in _mails_to(mail_dir, founder)
            if m["Subject"] == texts["premises_shown"]
        ]  # fmt: skip
        if mails or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    [status_mail] = mails
    body = status_mail.get_body(preferencelist=("plain",)).get_content()
    assert texts["hello"] in body
    assert body.count("http://") >= 2
    assert founder not in adviser.url


@pytest.mark.parametrize(
    ("path", "name", "direction"),
    [
        ("/gewerbeflaechen/", "economy-premises-de.png", "ltr"),
        ("/ar/mahallat/", "economy-premises-ar.png", "rtl"),
        ("/netzwerk/", "economy-board-de.png", "ltr"),
    ],
)
def test_listing_screenshots(page, screenshot_dir, path, name, direction):
    page.goto(path)
    assert page.locator("html").get_attribute("dir") in (direction, None)
    assert page.locator("main h1").count() == 1
    page.screenshot(path=str(screenshot_dir / name), full_page=True)
