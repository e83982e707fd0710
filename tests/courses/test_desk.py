"""The course desk in the admin: staff of one contact point see and change
only its courses; counter registration and slip; check-in; export; figures;
retention; the privacy registry; constant queries."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.choices import Channel, Presence, Status
from courses.models import Attendance, Registration
from portal import privacy
from portal.roles import CONTACT_POINT_STAFF, EDITORS
from tests.factories.courses import (
    ContactPointStaffFactory,
    CourseEventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)
from tests.factories.home import ContactPointPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_de, event_index, contact_point, course, django_user_model):
    other_point = ContactPointPageFactory(parent=home_de, title="Anlaufstelle Schlaatz")
    other = RegistrationSettingsFactory(
        event=CourseEventFactory(parent=event_index, contact_point=other_point)
    )
    staff_group = Group.objects.get(name=CONTACT_POINT_STAFF)

    def user(name, *, group=None, point=None, **extra):
        account = django_user_model.objects.create_user(
            username=name, password="x-pass-12345", **extra
        )
        if group:
            account.groups.add(group)
        if point:
            ContactPointStaffFactory(user=account, contact_point=point)
        return account

    return {
        "course": course,
        "other": other,
        "users": {
            "stern-staff": user("stern", group=staff_group, point=contact_point),
            "schlaatz-staff": user("schlaatz", group=staff_group, point=other_point),
            "editor": user("ed", group=Group.objects.get(name=EDITORS)),
            "resident": user("res"),
        },
    }


def _client(client, user):
    client.force_login(user)
    return client


def _urls(settings_id, registration_id):
    return {
        "register": reverse("courses_register", args=[settings_id]),
        "participants": reverse("courses_participants", args=[settings_id]),
        "export": reverse("courses_export", args=[settings_id, "csv"]),
        "slip": reverse("courses_slip", args=[registration_id]),
    }


EXPECTED = {
    # who: (own course, other contact point's course)
    "stern-staff": (200, 404),
    "schlaatz-staff": (404, 200),
    "editor": (200, 200),
    "resident": (302, 302),  # no admin access: to the admin login
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("view", ["register", "participants", "export", "slip"])
def test_staff_see_only_their_contact_points_courses(client, world, who, view):
    _client(client, world["users"][who])
    for index, key in enumerate(["course", "other"]):
        course = world[key]
        registration = RegistrationFactory(settings=course, name=f"Person {key}")
        response = client.get(_urls(course.pk, registration.pk)[view])
        assert response.status_code == EXPECTED[who][index], (who, view, key)


@pytest.mark.parametrize("who", list(EXPECTED))
def test_day_list_shows_only_own_contact_point(client, world, who):
    day = world["course"].event.start
    RegistrationFactory(settings=world["course"], name="Frau Stern")
    RegistrationFactory(settings=world["other"], name="Herr Schlaatz")
    _client(client, world["users"][who])
    response = client.get(reverse("courses_desk"), {"day": day.date().isoformat()})
    if who == "resident":
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert ("Frau Stern" in html) == (EXPECTED[who][0] == 200)
    assert ("Herr Schlaatz" in html) == (EXPECTED[who][1] == 200)


def test_staff_cannot_cancel_another_points_registration(client, world):
    other = RegistrationFactory(settings=world["other"])
    _client(client, world["users"]["stern-staff"])
    response = client.post(
        reverse("courses_registration_action", args=[other.pk]), {"action": "cancel"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Status.CONFIRMED


def test_counter_registration_and_slip(client, world):
    staff = world["users"]["stern-staff"]
    _client(client, staff)
    course = world["course"]
    response = client.post(
        reverse("courses_register", args=[course.pk]),
        {"name": "Amal Haddad", "phone": "0331 987654", "consent": "on"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.channel == Channel.COUNTER
    assert registration.registered_by == staff
    slip = client.get(response["Location"] + "?lang=ar")
    html = slip.content.decode()
    assert registration.code in html
    assert 'dir="rtl"' in html
    assert '<bdi dir="ltr">' + registration.code in html
    assert "courses-print.css" in html


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "phone": "0331 1", "consent": "on"},
        {"name": "A", "phone": "abc", "consent": "on"},
        {"name": "A", "phone": "0331 1"},
        {"name": "A", "phone": "0331 1", "consent": "on", "email": "nope"},
    ],
)
def test_counter_registration_bad_input(client, world, data):
    _client(client, world["users"]["stern-staff"])
    response = client.post(reverse("courses_register", args=[world["course"].pk]), data)
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_check_in_and_export(client, world):
    course = world["course"]
    came = RegistrationFactory(settings=course, name="=cmd|calc")
    away = RegistrationFactory(settings=course, name="Bernd")
    _client(client, world["users"]["stern-staff"])
    url = reverse("courses_participants", args=[course.pk])
    response = client.post(
        url + "?date=" + course.event.start.isoformat().replace("+", "%2B"),
        {f"presence-{came.pk}": "present", f"presence-{away.pk}": "excused"},
    )
    assert response.status_code == 200
    assert dict(Attendance.objects.values_list("registration_id", "presence")) == {
        came.pk: Presence.PRESENT,
        away.pk: Presence.EXCUSED,
    }
    csv = client.get(reverse("courses_export", args=[course.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert "'=cmd|calc" in text
    assert "Anwesend" in text
    xlsx = client.get(reverse("courses_export", args=[course.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # The name as written, kept as text (not run as a formula).
    assert {cell.value for cell in cells} == {"=cmd|calc", "Bernd"}
    assert {cell.data_type for cell in cells} == {"s"}


def test_figures_are_counts_only_for_the_project_team(client, world):
    course = world["course"]
    registration = RegistrationFactory(settings=course, name="Geheim Name")
    Attendance.objects.create(
        registration=registration, day=course.event.start.date(), presence="present"
    )
    _client(client, world["users"]["stern-staff"])
    refused = client.get(reverse("courses_figures"))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.force_login(world["users"]["editor"])
    response = client.get(reverse("courses_figures"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "<table" in html
    assert course.event.title in html
    assert "Geheim Name" not in html
    assert '<script src="http' not in html


def test_retention_erases_personal_data_keeps_counts(world, settings):
    course = world["course"]
    old = RegistrationFactory(
        settings=course,
        ends_at=timezone.now() - timedelta(days=100),
        phone="0331 5",
    )
    Attendance.objects.create(
        registration=old, day=old.ends_at.date(), presence="present"
    )
    recent = RegistrationFactory(
        settings=course, ends_at=timezone.now() - timedelta(days=10)
    )
    settings.COURSES_RETENTION_DAYS = 90
    out = io.StringIO()
    call_command("run_job", "course-retention", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone, old.answers) == ("", "", "", {})
    assert old.erased_at is not None
    assert recent.name
    assert recent.erased_at is None
    assert Registration.objects.count() == 2
    assert Attendance.objects.count() == 1


def test_privacy_export_and_erase(world, django_user_model):
    resident = world["users"]["resident"]
    mine = RegistrationFactory(settings=world["course"], user=resident, name="Ich")
    assert "courses.Registration" in privacy.personal_data_models()
    exported = privacy.personal_data_export(user=resident)["courses"]
    assert exported[0]["code"] == mine.code
    privacy.personal_data_erase(user=resident)
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert mine.name == ""
    assert mine.user is None


# Constant queries ------------------------------------------------------------


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def test_event_page_queries_constant(client, course):
    url = course.event.url
    client.get(url)
    for _n in range(3):
        RegistrationFactory(settings=course)
    few = _count(lambda: client.get(url))
    for _n in range(20):
        RegistrationFactory(settings=course, status=Status.WAITING)
    many = _count(lambda: client.get(url))
    assert few == many


def test_day_list_queries_constant(client, world):
    client.force_login(world["users"]["stern-staff"])
    day = world["course"].event.start.date().isoformat()
    url = reverse("courses_desk")
    client.get(url, {"day": day})
    for _n in range(3):
        RegistrationFactory(settings=world["course"])
    few = _count(lambda: client.get(url, {"day": day}))
    for _n in range(20):
        RegistrationFactory(settings=world["course"], status=Status.WAITING)
    many = _count(lambda: client.get(url, {"day": day}))
    assert few == many
