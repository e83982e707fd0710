"""Waiting list: move-up on cancellation (mail, or a call flag for a phone
number), offers that expire and pass on, and both under concurrency on
PostgreSQL (the last seat is never given twice)."""

import io
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from courses import services
from courses.choices import Status
from courses.links import registration_url
from courses.models import Registration
from tests.factories.courses import (
    CourseEventFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    soon,
)

pytestmark = pytest.mark.django_db


def _person(n):
    return services.Person(name=f"P{n}", email=f"p{n}@example.org")


def _take(course, n):
    return services.registration_create(
        settings=course,
        starts_at=course.event.start,
        ends_at=course.event.end,
        person=_person(n),
        answers={},
        language="de",
    )


def test_full_course_puts_people_on_the_waiting_list(
    course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_take(course, n).status for n in range(5)]
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    assert "Warteliste" in mail.outbox[-1].subject


def test_cancellation_offers_the_seat_to_the_first_waiting(
    post, visitor, course, django_capture_on_commit_callbacks
):
    seated = [RegistrationFactory(settings=course) for _n in range(3)]
    first = RegistrationFactory(settings=course, status=Status.WAITING)
    second = RegistrationFactory(settings=course, status=Status.WAITING)
    post(visitor, registration_url(seated[0]), {"action": "cancel"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.OFFERED
    assert first.offered_until > timezone.now() + timedelta(hours=47)
    assert second.status == Status.WAITING
    offer = next(m for m in mail.outbox if m.to == [first.email])
    assert "Platz ist frei geworden" in offer.subject
    # Accepting through the link confirms the place.
    post(visitor, registration_url(first), {"action": "accept"})
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED


def test_phone_only_is_flagged_for_a_call(post, visitor, course):
    seated = [RegistrationFactory(settings=course) for _n in range(3)]
    waiting = RegistrationFactory(
        settings=course, status=Status.WAITING, email="", phone="0331 1"
    )
    post(visitor, registration_url(seated[1]), {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.needs_call is True
    assert all(m.to != [""] for m in mail.outbox)


def test_expired_offer_passes_to_the_next(course, django_capture_on_commit_callbacks):
    for _n in range(2):
        RegistrationFactory(settings=course)
    offered = RegistrationFactory(
        settings=course,
        status=Status.OFFERED,
        offered_until=timezone.now() - timedelta(minutes=1),
    )
    nxt = RegistrationFactory(settings=course, status=Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_job", "course-offers", stdout=io.StringIO())
    offered.refresh_from_db()
    nxt.refresh_from_db()
    assert offered.status == Status.EXPIRED
    assert nxt.status == Status.OFFERED
    assert {m.to[0] for m in mail.outbox} == {offered.email, nxt.email}


def test_expired_offer_cannot_be_accepted(post, visitor, course):
    offered = RegistrationFactory(
        settings=course,
        status=Status.OFFERED,
        offered_until=timezone.now() - timedelta(minutes=1),
    )
    post(visitor, registration_url(offered), {"action": "accept"})
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED


# Concurrency (PostgreSQL) ---------------------------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database; row locks need PostgreSQL",
)


def _in_threads(target, count):
    barrier = threading.Barrier(count)
    errors = []

    def run(n):
        try:
            barrier.wait()
            target(n)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_seat_is_never_given_twice(event_index, contact_point):
    event = CourseEventFactory(parent=event_index, contact_point=contact_point)
    course = RegistrationSettingsFactory(event=event, capacity=1, waiting_list=False)
    results = []

    def signup(n):
        try:
            results.append(_take(course, n).status)
        except services.RegistrationRefused as refused:
            results.append(refused.reason)

    errors = _in_threads(signup, 8)
    assert errors == []
    assert sorted(results) == ["confirmed"] + ["full"] * 7
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_cancellations_move_up_exactly(event_index, contact_point):
    event = CourseEventFactory(parent=event_index, contact_point=contact_point)
    course = RegistrationSettingsFactory(event=event, capacity=4)
    seated = [RegistrationFactory(settings=course) for _n in range(4)]
    waiting = [
        RegistrationFactory(settings=course, status=Status.WAITING) for _n in range(6)
    ]

    def cancel_and_signup(n):
        if n < 4:
            services.registration_cancel(registration=seated[n])
        else:
            _take(course, 100 + n)

    errors = _in_threads(cancel_and_signup, 8)
    assert errors == []
    holding = Registration.objects.filter(
        settings=course, status__in=["confirmed", "offered"]
    )
    assert holding.count() == 4
    offered = set(holding.filter(status="offered").values_list("pk", flat=True))
    # The four freed seats go to the first four on the list, in order.
    assert offered == {r.pk for r in waiting[:4]}
    assert (
        Registration.objects.filter(settings=course, status="waiting").count() == 2 + 4
    )


def test_reminders_go_out_the_day_before_once(
    course, django_capture_on_commit_callbacks
):
    tomorrow = soon(1, 10)
    event = course.event
    event.start, event.end = tomorrow, tomorrow + timedelta(hours=2)
    event.save_revision().publish()
    reminded = RegistrationFactory(settings=course, starts_at=tomorrow)
    RegistrationFactory(settings=course, starts_at=soon(3, 10))
    RegistrationFactory(settings=course, starts_at=tomorrow, status=Status.WAITING)
    RegistrationFactory(settings=course, starts_at=tomorrow, email="", phone="0331 2")
    call_command("run_job", "course-reminders", stdout=io.StringIO())
    call_command("run_job", "course-reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[reminded.email]]
    assert mail.outbox[0].subject.startswith("Morgen:")
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
