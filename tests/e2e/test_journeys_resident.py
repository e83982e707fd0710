"""The idea board from sign-up to support, with three people in three browser
contexts: a new resident signs up, confirms the address from the e-mail the
server wrote and submits an idea; the moderator publishes it in the Wagtail
admin; the demo resident `bewohner` supports it.

The resident pages are used in English: their German texts are still being
translated, and the English labels are the msgids, so they stay put."""

import re
import time
from pathlib import Path

from tests.e2e.helpers import admin_login, resident_login

PASSWORD = "Quartier-2024!"
CONFIRM_LINK = re.compile(r"https?://\S+/account/confirm-email/\S+/")


def confirmation_link(mail_dir: Path, address: str, timeout: float = 10) -> str:
    """The confirmation link of the newest mail to `address`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if mail_dir.exists():
            mails = sorted(mail_dir.iterdir(), key=lambda p: p.stat().st_mtime)
            for mail in reversed(mails):
                text = mail.read_text(errors="replace")
                if address in text and (match := CONFIRM_LINK.search(text)):
                    return match.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no confirmation mail to {address} in {mail_dir}")


def sign_up(page, *, email: str, display_name: str, password: str):
    page.goto("/en/account/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign Up").click()


def test_resident_signs_up_submits_an_idea_that_is_published_and_supported(
    new_page, demo, mail_dir
):
    urls = demo["en"]
    stamp = str(time.time_ns())[-8:]
    email = f"neu-{stamp}@example.org"
    title = f"Trinkbrunnen am Stern {stamp}"

    # A new resident signs up and confirms the address.
    resident = new_page()
    sign_up(resident, email=email, display_name="Brunnenfreundin", password=PASSWORD)
    resident.get_by_role("heading", level=1).wait_for()
    assert "confirm-email" in resident.url or "verif" in resident.url
    resident.page.goto(confirmation_link(mail_dir, email))
    resident.get_by_role("main").get_by_role("button", name="Confirm").click()
    assert "/account/profile/" in resident.url

    # … and submits an idea.
    resident.goto(urls["idea_form"])
    resident.get_by_label("Title").fill(title)
    resident.get_by_label("Describe your idea").fill(
        "Ein Trinkbrunnen vor der Kaufhalle, damit im Sommer alle Wasser haben."
    )
    resident.get_by_label("Topic").select_option(index=1)
    resident.get_by_label("Quarter", exact=True).select_option(index=1)
    resident.get_by_role("button", name="Submit idea").click()
    assert resident.get_by_role("heading", level=1).inner_text() == title
    idea_path = resident.url.removeprefix(resident.base_url)
    assert re.fullmatch(r"/en/ideas/I-\d{4}-\d{4}/", idea_path)

    # Nobody else sees it yet.
    visitor = new_page()
    assert visitor.goto(idea_path).status == 404

    # The moderator publishes it in the admin.
    moderator = new_page()
    admin_login(moderator, "moderator")
    moderator.goto("/admin/snippets/ideas/idea/?q=" + stamp)
    row = moderator.get_by_role("row").filter(has_text=title)
    row.locator("[data-w-dropdown-target=toggle]").click()
    change_status = re.compile("Change status|Status ändern")
    moderator.get_by_role("link", name=change_status).click()
    moderator.locator("select[name=to_status]").select_option("published")
    moderator.get_by_role("main").locator("button[type=submit]").click()
    assert "/admin/snippets/ideas/idea/" in moderator.url
    assert visitor.goto(idea_path).status == 200

    # Another resident supports it.
    neighbour = new_page()
    resident_login(neighbour, "bewohner")
    neighbour.goto(idea_path)
    support = neighbour.locator("#support")
    assert support.locator(".support-box__count").inner_text().startswith("0")
    support.get_by_role("button", name="Support this idea").click()
    assert neighbour.url.endswith(idea_path + "#support")
    assert support.locator(".support-box__count").inner_text().startswith("1")
    assert support.get_by_role("button", name="Withdraw my support").is_visible()
