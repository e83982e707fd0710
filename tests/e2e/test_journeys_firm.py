"""A firm keeps its profile in the Wagtail admin, and an editor approves it:
firma-a changes its short description and adds a vacancy, both go to the
workflow "Firmenprofil prüfen"; the editor approves both, and they are live.

The admin speaks German (the portal's default language; Wagtail's own
German catalogue); the workflow's name is data and does not change. Every
admin page runs under the admin's Content-Security-Policy, and the `page`
checks fail the test on any CSP violation."""

import re
import time

import pytest

from tests.e2e.helpers import admin_login

# All browser tests share one xdist worker: one server, one demo database.
pytestmark = pytest.mark.xdist_group("e2e")

WORKFLOW = "Firmenprofil prüfen"
#: The last task's "approve" action (not the one that asks for a comment).
APPROVE = re.compile(r"^\s*(Freigeben und Veröffentlichen|Approve and publish)\s*$")


def submit_to_workflow(page):
    """Opens the action menu under the editor and submits to the review."""
    footer = page.locator("footer")
    footer.get_by_role("button", name=re.compile("Mehr Aktionen|More actions")).click()
    footer.get_by_role("button", name=re.compile(WORKFLOW)).click()
    page.wait_for_load_state()


def approve(page, edit_url: str):
    page.goto(edit_url)
    footer = page.locator("footer")
    footer.get_by_role("button", name=re.compile("Mehr Aktionen|More actions")).click()
    footer.get_by_role("button", name=APPROVE).click()
    page.wait_for_load_state()


def test_firm_edits_its_profile_adds_a_vacancy_and_an_editor_approves(new_page, demo):
    firm = demo["firm_a"]
    stamp = str(time.time_ns())[-8:]
    description = f"Genossenschaft im Quartier, neu beschrieben ({stamp})."
    vacancy_title = f"Gärtnerin im Quartier {stamp}"

    firm_page = new_page()
    admin_login(firm_page, "firma-a")

    # The profile: a new short description, submitted for review.
    edit_url = f"/admin/pages/{firm['id']}/edit/"
    firm_page.goto(edit_url)
    firm_page.locator("textarea[name=short_description]").fill(description)
    submit_to_workflow(firm_page)
    assert re.search(r"/admin/pages/\d+/$", firm_page.url), "not back in the explorer"

    # A vacancy below the company, submitted for review as well.
    # A company page holds vacancies, premises and board posts: the firm
    # picks the kind first.
    firm_page.goto(f"/admin/pages/{firm['id']}/add_subpage/")
    firm_page.locator("a[href*='/add/directory/vacancypage/']").click()
    firm_page.locator("input[name=title]").fill(vacancy_title)
    firm_page.locator("textarea[name=summary]").fill(
        "Pflege der Grünanlagen in Stern und Drewitz, Arbeit im Team."
    )
    submit_to_workflow(firm_page)
    assert firm_page.url.endswith(f"/admin/pages/{firm['id']}/"), "not saved"
    vacancy_link = firm_page.get_by_role("link", name=vacancy_title).first
    vacancy_edit = vacancy_link.get_attribute("href")
    assert re.fullmatch(r"/admin/pages/\d+/edit/", vacancy_edit)

    # Nothing is public yet.
    visitor = new_page()
    visitor.goto(firm["url"])
    assert description not in visitor.get_by_role("main").inner_text()
    assert visitor.get_by_role("link", name=vacancy_title).count() == 0

    # The editor approves both.
    editor = new_page()
    admin_login(editor, "editor")
    approve(editor, edit_url)
    approve(editor, vacancy_edit)

    visitor.goto(firm["url"])
    assert description in visitor.get_by_role("main").inner_text()
    visitor.get_by_role("link", name=vacancy_title).click()
    assert visitor.get_by_role("heading", level=1).inner_text() == vacancy_title


def test_editor_browses_the_site_with_the_userbar_under_the_public_policy(page, demo):
    admin_login(page, "editor")
    page.goto(demo["de"]["company"])
    userbar = page.locator("wagtail-userbar")
    assert userbar.count() == 1
    userbar.get_by_role("button").first.click()
    # The page's checks fail the test on any CSP violation the userbar's
    # scripts, styles or accessibility checker cause.
