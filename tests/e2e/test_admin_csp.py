"""The Wagtail admin keeps working under its Content-Security-Policy, which
allows no `'unsafe-inline'` for scripts: only scripts with the response's
nonce and the scripts these create (`'strict-dynamic'`, see
portal/security.py). An editor uses what writes inline scripts in Wagtail 8
(choosers, date pickers, inline panels), what adds markup at run time
(modals, a new inline form from its template) and a workflow review.

The `page` checks fail a test on any CSP violation and on any request to
another host; the `editor` fixture fails it on any JavaScript error. The
admin speaks German (the demo editor's language); names are matched in
German and English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import admin_login

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

MORE_ACTIONS = re.compile("Mehr Aktionen|More actions")
WORKFLOW = "Firmenprofil prüfen"
PICKER = ".xdsoft_datetimepicker"


def script_src(response) -> list[str]:
    for directive in response.headers["content-security-policy"].split(";"):
        name, *sources = directive.split()
        if name == "script-src":
            return sources
    raise AssertionError("the policy has no script-src")


def admin_open(page, path: str):
    """Opens an admin page and checks that it came with the nonce policy
    and that Wagtail's scripts ran (the sidebar is drawn by them)."""
    response = page.goto(path)
    assert response.status == 200, path
    sources = script_src(response)
    assert "'unsafe-inline'" not in sources
    assert "'strict-dynamic'" in sources
    assert any(source.startswith("'nonce-") for source in sources)
    expect(page.locator("#wagtail-sidebar nav").first).to_be_visible()
    return response


def date_picker_opens(page, field) -> None:
    """Clicks a date field: the picker that its inline script set up opens."""
    field.click()
    expect(page.locator(PICKER).filter(visible=True)).to_have_count(1)
    page.keyboard.press("Escape")
    page.locator("main").click(position={"x": 5, "y": 5})
    expect(page.locator(PICKER).filter(visible=True)).to_have_count(0)


def userbar_edit_url(page, public_url: str) -> str:
    """Opens a public page as the logged-in editor and returns the edit link
    of its Wagtail userbar, which runs under the public policy."""
    response = page.goto(public_url)
    assert response.status == 200
    assert script_src(response) == ["'self'"], "the public policy"
    userbar = page.locator("wagtail-userbar")
    userbar.get_by_role("button").first.click()
    edit = userbar.get_by_role("menuitem").and_(page.locator("a[href*='/edit/']"))
    expect(edit).to_be_visible()
    return "/admin/" + edit.get_attribute("href").split("/admin/", 1)[1]


@pytest.fixture
def editor(page):
    """The `page`, logged in to the admin as the demo editor."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    admin_login(page, "editor")
    yield page
    assert errors == [], "a script failed in the admin"


def test_dashboard_explorer_images_snippets_and_reports(editor):
    admin_open(editor, "/admin/")
    expect(editor.get_by_role("main")).to_contain_text(re.compile("Seiten|Pages"))

    admin_open(editor, "/admin/pages/")
    explorer_link = editor.locator("main table a[href^='/admin/pages/']").first
    explorer_link.click()
    editor.wait_for_load_state()
    expect(editor.locator("main table tbody tr").first).to_be_visible()

    admin_open(editor, "/admin/images/")
    expect(editor.locator("main img").first).to_be_visible()
    # Filters and bulk actions are scripts: selecting an image shows the bar.
    editor.locator("main input[type=checkbox][data-bulk-action-checkbox]").first.check()
    expect(editor.locator("[data-bulk-action-footer]")).to_be_visible()

    admin_open(editor, "/admin/snippets/portal/quarter/")
    editor.locator("main table a[href*='/edit/']").first.click()
    editor.wait_for_load_state()
    assert "/edit/" in editor.url
    expect(editor.locator("input[name=name]")).not_to_be_empty()

    admin_open(editor, "/admin/reports/workflow_tasks/")
    expect(editor.get_by_role("main")).to_contain_text(
        re.compile("Workflow-Aufgaben|Workflow tasks")
    )


def test_company_page_edit_view_image_chooser_and_date_picker(editor, demo):
    admin_open(editor, f"/admin/pages/{demo['firm_a']['id']}/edit/")
    chooser = editor.locator("#id_logo-chooser")
    title = chooser.locator("[data-chooser-title]")
    chosen_before = title.inner_text()

    # The chooser's inline script opens a modal, whose HTML came as JSON.
    chooser.get_by_role("button", name=re.compile("Aktionen|Actions")).click()
    chooser.locator("[data-chooser-action-choose]").filter(visible=True).click()
    modal = editor.locator(".modal").filter(visible=True)
    expect(modal.locator("a[data-chooser-modal-choice]").first).to_be_visible()
    modal.locator("[data-dismiss=modal]").first.click()
    expect(editor.locator(".modal").filter(visible=True)).to_have_count(0)

    # Opened again: choosing another image fills the field.
    chooser.get_by_role("button", name=re.compile("Aktionen|Actions")).click()
    chooser.locator("[data-chooser-action-choose]").filter(visible=True).click()
    choices = modal.locator("a[data-chooser-modal-choice]")
    expect(choices.first).to_be_visible()
    other = next(
        choice
        for choice in choices.all()
        if choice.inner_text().strip() and choice.inner_text().strip() != chosen_before
    )
    other_title = other.inner_text().strip()
    other.click()
    expect(editor.locator(".modal").filter(visible=True)).to_have_count(0)
    expect(title).to_have_text(other_title)

    date_picker_opens(editor, editor.locator("input[name=notice_until]"))

    # The page has no inline panel; its StreamField adds a contact person.
    contact_persons = editor.locator("#contact_persons-root")
    names = contact_persons.locator("input[name$='-value-name']")
    count = names.count()
    contact_persons.locator("button.c-sf-add-button").last.click()
    expect(names).to_have_count(count + 1)


def test_userbar_leads_to_an_event_whose_widgets_and_inline_panel_work(editor, demo):
    edit_url = userbar_edit_url(editor, demo["de"]["event"])

    admin_open(editor, edit_url)
    date_picker_opens(editor, editor.locator("input[name=start]"))

    # A new inline form comes from a <template>; its date widget's inline
    # script runs when Wagtail inserts it.
    forms = editor.locator("#id_date_changes-FORMS > [id^=inline_child_]")
    count = forms.count()
    editor.locator("#id_date_changes-ADD").click()
    expect(forms).to_have_count(count + 1)
    new_form = forms.last
    date_picker_opens(editor, new_form.locator("input[name$='-original_date']"))
    # The image chooser of the event works as well.
    editor.locator("#id_image-chooser [data-chooser-action-choose]").filter(
        visible=True
    ).click()
    modal = editor.locator(".modal").filter(visible=True)
    expect(modal.locator("a[data-chooser-modal-choice]").first).to_be_visible()
    modal.locator("[data-dismiss=modal]").first.click()
    expect(editor.locator(".modal").filter(visible=True)).to_have_count(0)


def test_workflow_review_with_comment_modal(editor, demo):
    """The editor submits a company page (not firma-a's, which the firm
    journey uses) to the review, finds it in the task lists and approves it
    with a comment in the workflow's modal."""
    directory_edit = userbar_edit_url(editor, demo["de"]["directory"])
    directory_id = re.search(r"/pages/(\d+)/edit/", directory_edit)[1]
    admin_open(editor, f"/admin/pages/{directory_id}/")
    firm_edit = f"/admin/pages/{demo['firm_a']['id']}/edit/"
    edit_url = next(
        href
        for href in editor.locator("main table tbody a[href$='/edit/']").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        if href != firm_edit and href != directory_edit
    )

    admin_open(editor, edit_url)
    title = editor.locator("input[name=title]").input_value()
    footer = editor.locator("footer")
    footer.get_by_role("button", name=MORE_ACTIONS).click()
    footer.get_by_role("button", name=re.compile(WORKFLOW)).click()
    editor.wait_for_load_state()

    admin_open(editor, "/admin/")
    awaiting_review = editor.locator("#awaiting-review-section")
    expect(awaiting_review.locator(f"a[href='{edit_url}']").first).to_be_visible()
    admin_open(editor, "/admin/reports/workflow_tasks/")
    expect(editor.get_by_role("main")).to_contain_text(title)

    admin_open(editor, edit_url)
    # "Request changes" asks for a comment in a modal; closed without one.
    footer.get_by_role("button", name=MORE_ACTIONS).click()
    footer.get_by_role(
        "button", name=re.compile("Änderungen anfordern|Request changes")
    ).click()
    modal = editor.locator(".modal").filter(visible=True)
    expect(modal.locator("textarea[name=comment]")).to_be_visible()
    modal.locator("[data-dismiss=modal]").first.click()
    expect(editor.locator(".modal").filter(visible=True)).to_have_count(0)

    footer.get_by_role("button", name=MORE_ACTIONS).click()
    footer.get_by_role("button", name=re.compile("Kommentar|comment")).click()
    modal.locator("textarea[name=comment]").fill("Passt so.")
    modal.locator("form [type=submit]").click()
    editor.wait_for_load_state()
    expect(editor.locator(".messages")).to_contain_text(title)

    admin_open(editor, "/admin/reports/workflow_tasks/")
    tasks = editor.locator("main tbody tr").filter(has_text=title)
    expect(tasks.first).to_contain_text(re.compile("Freigegeben|Approved"))
    in_progress = re.compile("In Bearbeitung|In progress", re.IGNORECASE)
    expect(tasks.filter(has_text=in_progress)).to_have_count(0)


def test_injected_inline_handlers_and_javascript_urls_are_blocked(editor):
    """What 'unsafe-inline' allowed and the nonce policy blocks: markup
    someone managed to get into an admin page cannot run code through an
    event handler attribute or a javascript: URL."""
    admin_open(editor, "/admin/")
    editor.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML(
            "beforeend",
            '<img src="data:," onerror="window.ranInjected = 1">'
            + '<a id="injected-link" href="javascript:window.ranInjected = 2">x</a>'
        )"""
    )
    editor.locator("#injected-link").click()
    for _ in range(30):  # the browser reports violations asynchronously
        if len(editor.csp_violations) >= 2:
            break
        editor.wait_for_timeout(100)
    assert editor.evaluate("() => window.ranInjected") is None
    assert len(editor.csp_violations) == 2, editor.csp_violations
    assert all("script-src" in message for message in editor.csp_violations)
    editor.csp_violations.clear()  # expected here; any other still fails
