"""Course registration in the browser: a resident without an account signs
up for the PC course in Arabic and cancels through the personal link; the
contact-point staff registers a person at the counter and prints the slip;
the course leader checks people in. Screenshots in German and Arabic."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.e2e.helpers import admin_login

pytestmark = pytest.mark.xdist_group("e2e")

PC_COURSE_AR = "/ar/events/pc-course-beginners/"
PC_COURSE_DE = "/veranstaltungen/pc-grundkurs/"


def _first_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def test_resident_signs_up_in_arabic_and_cancels(new_page, screenshot_dir):
    page = new_page(width=390)
    page.goto(PC_COURSE_AR)
    panel = page.locator(".course-panel")
    panel.wait_for()
    assert "أماكن" in panel.inner_text() or "مكان" in panel.inner_text()
    page.screenshot(path=str(screenshot_dir / "courses-event-ar.png"), full_page=True)
    assert page.context.cookies() == []
    panel.get_by_role("link", name="التسجيل").click()
    page.locator("input[name=name]").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.context.cookies() == []
    # Without consent and contact: an error in Arabic, nothing saved.
    page.locator("input[name=name]").fill("سميرة")
    page.locator("form.course-form button[type=submit]").click()
    page.get_by_role("alert").wait_for()
    assert "يرجى" in page.get_by_role("alert").inner_text()
    page.screenshot(
        path=str(screenshot_dir / "courses-signup-error-ar.png"), full_page=True
    )
    page.locator("input[name=phone]").fill("0176 5551234")
    page.locator("input[name=consent]").check()
    page.locator("select[name=language_spoken]").select_option("ar")
    page.locator("form.course-form button[type=submit]").click()
    page.get_by_text("شكرًا – تم تأكيد مكانك.").wait_for()
    code = page.locator("dd code").inner_text().strip()
    assert len(code) == 8
    page.screenshot(
        path=str(screenshot_dir / "courses-confirmed-ar.png"), full_page=True
    )
    page.get_by_role("button", name="إلغاء تسجيلي").click()
    page.get_by_text("تم إلغاء تسجيلك.").wait_for()
    assert "ملغاة" in page.locator("dl").inner_text()
    page.screenshot(
        path=str(screenshot_dir / "courses-cancelled-ar.png"), full_page=True
    )


def test_staff_registers_at_the_counter_and_prints_the_slip(new_page, screenshot_dir):
    page = new_page()
    page.goto(PC_COURSE_DE)
    page.locator(".course-panel").wait_for()
    page.screenshot(path=str(screenshot_dir / "courses-event-de.png"), full_page=True)
    admin_login(page, "anlaufstelle")
    page.goto(f"/admin/course-desk/?day={_first_monday().isoformat()}")
    section = page.locator("section.course-day", has_text="PC-Grundkurs")
    section.wait_for()
    page.screenshot(path=str(screenshot_dir / "courses-desk-de.png"), full_page=True)
    # The other contact point's German course is not on this desk.
    assert "Deutsch für den Beruf" not in page.locator("main").inner_text()
    section.get_by_role("link", name="Person anmelden").click()
    page.locator("input[name=name]").fill("Amal Haddad")
    page.locator("input[name=phone]").fill("0331 2345678")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Anmelden und Zettel drucken").click()
    page.locator(".slip").wait_for()
    assert "Amal Haddad" in page.locator(".slip").inner_text()
    page.screenshot(path=str(screenshot_dir / "courses-slip-de.png"), full_page=True)
    page.emulate_media(media="print")
    pdf = screenshot_dir / "courses-slip-de.pdf"
    page.pdf(path=str(pdf), format="A6")
    assert pdf.stat().st_size > 1000
    # The fixture's goto takes paths (it prefixes the server's address).
    page.goto(urlsplit(page.url).path + "?lang=ar")
    page.locator(".slip").wait_for()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(screenshot_dir / "courses-slip-ar.png"), full_page=True)
    page.pdf(path=str(screenshot_dir / "courses-slip-ar.pdf"), format="A6")


def test_course_leader_checks_people_in(new_page, screenshot_dir):
    page = new_page()
    admin_login(page, "anlaufstelle")
    page.goto(f"/admin/course-desk/?day={_first_monday().isoformat()}")
    section = page.locator("section.course-day", has_text="PC-Grundkurs")
    section.get_by_role("link", name="Teilnahmeliste und Anwesenheit").click()
    rows = page.locator("table.participants__table tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 5
    rows.nth(0).locator("input[value=present]").check()
    rows.nth(1).locator("input[value=absent]").check()
    rows.nth(2).locator("input[value=excused]").check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.get_by_text("Anwesenheit gespeichert.").wait_for()
    assert rows.nth(0).locator("input[value=present]").is_checked()
    page.screenshot(path=str(screenshot_dir / "courses-checkin-de.png"), full_page=True)
