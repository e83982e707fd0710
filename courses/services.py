"""Writes: taking a place, the waiting list, cancelling, check-in, and the
jobs (offers that expire, reminders, retention).

Every change to who holds a seat locks the course's settings row first
(`SELECT … FOR UPDATE`), so concurrent sign-ups and cancellations of one
course run one after another and the last seat is never given twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from events.selectors import local_midnight

from . import rules
from .choices import SEATED, Channel, Presence, Status
from .models import Attendance, Registration, RegistrationSettings, new_code
from .notifications import registration_mail


class RegistrationRefused(Exception):
    """Nothing was written; `reason` says why (a code the views translate)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Person:
    name: str
    email: str = ""
    phone: str = ""


def _locked(settings_id: int) -> RegistrationSettings:
    return RegistrationSettings.objects.select_for_update().get(pk=settings_id)


def _seats_taken(settings: RegistrationSettings, starts_at: datetime) -> int:
    queryset = Registration.objects.filter(settings=settings, status__in=SEATED)
    if settings.per_date:
        queryset = queryset.filter(starts_at=starts_at)
    return queryset.count()


def _unique_code() -> str:
    for _attempt in range(10):
        code = new_code()
        if not Registration.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free registration code")  # 26**8 codes: never


def registration_window_open(*, settings: RegistrationSettings, now: datetime) -> bool:
    if not settings.is_open:
        return False
    if settings.opens_at and now < settings.opens_at:
        return False
    return not (settings.closes_at and now >= settings.closes_at)


def registration_create(
    *,
    settings: RegistrationSettings,
    starts_at: datetime,
    ends_at: datetime,
    person: Person,
    answers: dict,
    language: str,
    channel: str = Channel.ONLINE,
    user=None,
    registered_by=None,
) -> Registration:
    """Take a place, or a place on the waiting list when the course is full.
    Raises RegistrationRefused (closed, full without a waiting list, already
    registered)."""
    now = timezone.now()
    if not registration_window_open(settings=settings, now=now) or ends_at <= now:
        raise RegistrationRefused("closed")
    if not person.email and not person.phone:
        raise RegistrationRefused("contact")
    with transaction.atomic():
        locked = _locked(settings.pk)
        if user is not None and (
            Registration.objects.filter(
                settings=locked,
                starts_at=starts_at,
                user=user,
                status__in=[*SEATED, Status.WAITING],
            ).exists()
        ):
            raise RegistrationRefused("duplicate")
        if _seats_taken(locked, starts_at) < locked.capacity:
            status = Status.CONFIRMED
        elif locked.waiting_list:
            status = Status.WAITING
        else:
            raise RegistrationRefused("full")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    settings=locked,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    status=status,
                    channel=channel,
                    code=_unique_code(),
                    name=person.name,
                    email=person.email,
                    phone=person.phone,
                    answers=answers,
                    language=language,
                    user=user,
                    registered_by=registered_by,
                )
        except IntegrityError as error:
            raise RegistrationRefused("duplicate") from error
        registration.settings = locked
        transaction.on_commit(
            lambda: registration_mail(
                registration=registration,
                kind="confirmed" if status == Status.CONFIRMED else "waiting",
            )
        )
    return registration


def _move_up(
    settings: RegistrationSettings, starts_at: datetime, now: datetime
) -> list:
    """Offer freed seats to the next on the waiting list (settings locked).
    A person with an e-mail address gets a mail; one with only a phone number
    is flagged for the staff to call."""
    offered = []
    free = settings.capacity - _seats_taken(settings, starts_at)
    if free <= 0:
        return offered
    waiting = Registration.objects.filter(settings=settings, status=Status.WAITING)
    if settings.per_date:
        waiting = waiting.filter(starts_at=starts_at)
    for registration in waiting.order_by("created_at", "pk")[:free]:
        registration.status = Status.OFFERED
        registration.offered_until = now + timedelta(hours=settings.offer_hours)
        registration.needs_call = not registration.email
        registration.save(update_fields=["status", "offered_until", "needs_call"])
        registration.settings = settings
        offered.append(registration)
    for registration in offered:
        transaction.on_commit(
            lambda r=registration: registration_mail(registration=r, kind="offered")
        )
    return offered


def registration_cancel(*, registration: Registration) -> bool:
    """Cancel a place or a place on the waiting list; the freed seat is
    offered to the next person. False when there was nothing to cancel."""
    now = timezone.now()
    with transaction.atomic():
        settings = _locked(registration.settings_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if not current.is_active or current.erased_at:
            return False
        current.status = Status.CANCELLED
        current.needs_call = False
        current.save(update_fields=["status", "needs_call"])
        current.settings = settings
        _move_up(settings, current.starts_at, now)
        transaction.on_commit(
            lambda: registration_mail(registration=current, kind="cancelled")
        )
    registration.status = current.status
    return True


def registration_accept(*, registration: Registration) -> bool:
    """Accept a place offered from the waiting list, while the offer holds."""
    now = timezone.now()
    with transaction.atomic():
        _locked(registration.settings_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != Status.OFFERED or current.offered_until <= now:
            return False
        current.status = Status.CONFIRMED
        current.needs_call = False
        current.save(update_fields=["status", "needs_call"])
        transaction.on_commit(
            lambda: registration_mail(registration=current, kind="confirmed")
        )
    registration.status = current.status
    return True


def offers_expire(*, now: datetime | None = None) -> int:
    """Offers not accepted in time pass to the next person (a job)."""
    now = now or timezone.now()
    expired = 0
    pending = (
        Registration.objects.filter(status=Status.OFFERED, offered_until__lte=now)
        .values_list("pk", "settings_id")
        .order_by("offered_until", "pk")
    )
    for pk, settings_id in list(pending):
        with transaction.atomic():
            settings = _locked(settings_id)
            current = Registration.objects.select_for_update().get(pk=pk)
            if current.status != Status.OFFERED or current.offered_until > now:
                continue
            current.status = Status.EXPIRED
            current.needs_call = False
            current.save(update_fields=["status", "needs_call"])
            current.settings = settings
            _move_up(settings, current.starts_at, now)
            transaction.on_commit(
                lambda r=current: registration_mail(registration=r, kind="expired")
            )
            expired += 1
    return expired


def reminders_send(*, now: datetime | None = None) -> int:
    """Mail everyone with a place whose date is tomorrow (a daily job; each
    registration is reminded once)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)

    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        erased_at__isnull=True,
        starts_at__gte=local_midnight(tomorrow),
        starts_at__lt=local_midnight(tomorrow + timedelta(days=1)),
    ).select_related("settings__event")
    sent = 0
    for registration in due:
        registration_mail(registration=registration, kind="reminder")
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def registrations_erase_after(*, days: int, now: datetime | None = None) -> int:
    """Delete the personal data of registrations whose course ended more than
    `days` ago; the rows (and with them the counts and attendance) stay."""
    now = now or timezone.now()
    return Registration.objects.filter(
        ends_at__lt=now - timedelta(days=days), erased_at__isnull=True
    ).update(
        name="",
        email="",
        phone="",
        answers={},
        user=None,
        registered_by=None,
        needs_call=False,
        erased_at=now,
    )


def registrations_of_user_erase(*, user) -> None:
    """For the account deletion: cancel what is still to come (seats pass on)
    and delete the personal data of every registration of the person."""
    for registration in Registration.objects.filter(
        user=user, status__in=[*SEATED, Status.WAITING]
    ):
        registration_cancel(registration=registration)
    Registration.objects.filter(user=user).update(
        name="", email="", phone="", answers={}, user=None, erased_at=timezone.now()
    )


def attendance_record(
    *, registration: Registration, day: date, presence: str, by
) -> Attendance | None:
    """Check a participant in (or out) for one date; empty `presence` clears."""
    if not rules.can_serve(by, registration.settings):
        raise PermissionError
    if not presence:
        Attendance.objects.filter(registration=registration, day=day).delete()
        return None
    if presence not in Presence.values:
        raise ValueError(presence)
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"presence": presence}
    )
    return attendance
