"""Reads: seats left, a course's dates, the lists staff and course leaders
see, the anonymous figures. Each function runs a fixed number of queries
however many registrations there are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from events.models import EventPage
from events.recurrence import Occurrence
from events.selectors import local_midnight

from .choices import SEATED, Presence, Status
from .models import Attendance, Registration, RegistrationSettings

#: How many upcoming dates the event page offers for per-date registration.
DATES_SHOWN = 6


@dataclass(frozen=True)
class Availability:
    capacity: int
    taken: int
    waiting: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def settings_for_event(*, event: EventPage) -> RegistrationSettings | None:
    """The registration settings of the event or of any of its translations."""
    return (
        RegistrationSettings.objects.select_related("event")
        .filter(event__translation_key=event.translation_key)
        .first()
    )


def settings_get(*, settings_id: int) -> RegistrationSettings | None:
    return (
        RegistrationSettings.objects.select_related("event", "event__contact_point")
        .filter(pk=settings_id)
        .first()
    )


def event_localized(*, settings: RegistrationSettings) -> EventPage:
    """The event in the visitor's language where it is translated."""
    return settings.event.localized.specific


def _counts(settings_ids) -> dict[tuple[int, datetime | None], Counter]:
    """Seats taken and people waiting per (settings, date), one query; series
    are summed under (settings, None)."""
    rows = (
        Registration.objects.filter(
            settings_id__in=settings_ids,
            status__in=[*SEATED, Status.WAITING],
        )
        .values("settings_id", "settings__scope", "starts_at", "status")
        .order_by()
        .annotate(number=Count("pk"))
    )
    counts: dict = defaultdict(Counter)
    for row in rows:
        when = row["starts_at"] if row["settings__scope"] == "per_date" else None
        kind = "waiting" if row["status"] == Status.WAITING else "taken"
        counts[(row["settings_id"], when)][kind] += row["number"]
    return counts


def availability(
    *, settings: RegistrationSettings, starts_at: datetime | None = None
) -> Availability:
    counts = _counts([settings.pk])[
        (settings.pk, starts_at if settings.per_date else None)
    ]
    return Availability(settings.capacity, counts["taken"], counts["waiting"])


def availability_for_occurrences(
    *, occurrences: list[Occurrence]
) -> dict[tuple[int, datetime], tuple[RegistrationSettings, Availability]]:
    """Seats left for each date in a listing: two queries for any number."""
    keys = {o.event.translation_key for o in occurrences}
    if not keys:
        return {}
    by_key = {
        s.event.translation_key: s
        for s in RegistrationSettings.objects.select_related("event").filter(
            event__translation_key__in=keys, is_open=True
        )
    }
    if not by_key:
        return {}
    counts = _counts([s.pk for s in by_key.values()])
    result = {}
    for occurrence in occurrences:
        found = by_key.get(occurrence.event.translation_key)
        if found is None:
            continue
        when = occurrence.start if found.per_date else None
        count = counts[(found.pk, when)]
        result[(occurrence.event.pk, occurrence.start)] = (
            found,
            Availability(found.capacity, count["taken"], count["waiting"]),
        )
    return result


def series_span(*, event: EventPage) -> tuple[datetime, datetime]:
    """First start and last end of the series (bounded by the occurrence cap)."""
    dates = [
        o
        for o in event.occurrences(
            window_start=event.start, window_end=event.start + timedelta(days=3 * 366)
        )
        if not o.cancelled
    ]
    if not dates:
        return event.start, event.end
    return dates[0].start, dates[-1].end


def upcoming_dates(*, event: EventPage, limit: int = DATES_SHOWN) -> list[Occurrence]:
    now = timezone.now()
    return [
        o
        for o in event.occurrences(
            window_start=now, window_end=now + timedelta(days=366), limit=limit * 2
        )
        if not o.cancelled
    ][:limit]


def occurrence_at(*, event: EventPage, starts_at: datetime) -> Occurrence | None:
    """The event's (not cancelled) date that starts at `starts_at`."""
    found = event.occurrences(
        window_start=starts_at - timedelta(minutes=1),
        window_end=starts_at + timedelta(minutes=1),
    )
    return next((o for o in found if o.start == starts_at and not o.cancelled), None)


def registration_for_code(*, code: str) -> Registration | None:
    return (
        Registration.objects.select_related("settings__event")
        .filter(code=code.strip().upper(), erased_at__isnull=True)
        .first()
    )


def registration_get(*, registration_id: int) -> Registration | None:
    """A registration that is not erased, with its course and contact point."""
    return (
        Registration.objects.select_related(
            "settings__event", "settings__event__contact_point"
        )
        .filter(pk=registration_id, erased_at__isnull=True)
        .first()
    )


def registrations_of_user(*, user) -> QuerySet:
    return Registration.objects.filter(user=user).select_related("settings__event")


# Staff and course leaders --------------------------------------------------


@dataclass
class DateList:
    """One date of a course with its registrations, for a day list."""

    settings: RegistrationSettings
    occurrence: Occurrence
    registrations: list[Registration]

    @property
    def seated(self) -> list[Registration]:
        return [r for r in self.registrations if r.has_seat]

    @property
    def waiting(self) -> list[Registration]:
        return [r for r in self.registrations if r.status == Status.WAITING]


def _settings_for_points(*, point_keys: set | None) -> QuerySet:
    queryset = RegistrationSettings.objects.select_related(
        "event", "event__contact_point"
    ).filter(event__locale__language_code="de")
    if point_keys is not None:
        queryset = queryset.filter(event__contact_point__translation_key__in=point_keys)
    return queryset.prefetch_related("event__date_changes", "event__extra_dates")


def day_lists(*, day: date, point_keys: set | None) -> list[DateList]:
    """Every course date on `day` at the given contact points (None: all)
    with its registrations: three queries plus one per prefetch."""
    start, end = local_midnight(day), local_midnight(day + timedelta(days=1))
    dated = []
    for found in _settings_for_points(point_keys=point_keys):
        for occurrence in found.event.occurrences(window_start=start, window_end=end):
            if not occurrence.cancelled:
                dated.append((found, occurrence))
    if not dated:
        return []
    registrations = Registration.objects.filter(
        settings__in=[s for s, _o in dated],
        status__in=[*SEATED, Status.WAITING],
    ).order_by("created_at", "pk")
    by_settings: dict = defaultdict(list)
    for registration in registrations:
        by_settings[registration.settings_id].append(registration)
    lists = []
    for found, occurrence in dated:
        rows = by_settings[found.pk]
        if found.per_date:
            rows = [r for r in rows if r.starts_at == occurrence.start]
        lists.append(DateList(found, occurrence, rows))
    lists.sort(key=lambda d: (d.occurrence.start, d.settings.event.title))
    return lists


def participants(
    *, settings: RegistrationSettings, starts_at: datetime | None
) -> list[Registration]:
    """Who holds a place (the course leader's list), with their attendance."""
    queryset = Registration.objects.filter(settings=settings, status__in=SEATED)
    if settings.per_date and starts_at is not None:
        queryset = queryset.filter(starts_at=starts_at)
    return list(
        queryset.order_by("name", "pk").prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.order_by("day"))
        )
    )


def course_days(*, settings: RegistrationSettings) -> list[Occurrence]:
    event = settings.event
    begin = event.start - timedelta(days=1)
    return [
        o
        for o in event.occurrences(
            window_start=begin, window_end=begin + timedelta(days=3 * 366)
        )
        if not o.cancelled
    ]


# Anonymous figures ----------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    label: str
    registered: int
    present: int
    absent: int
    excused: int


def attendance_figures() -> dict[str, list[FigureRow]]:
    """Counts per course and per target group; never a name. Four queries."""
    registered = dict(
        Registration.objects.filter(status__in=SEATED)
        .values_list("settings_id")
        .annotate(n=Count("pk"))
    )
    presence: dict = defaultdict(Counter)
    for settings_id, kind, number in (
        Attendance.objects.values_list("registration__settings_id", "presence")
        .annotate(n=Count("pk"))
        .values_list("registration__settings_id", "presence", "n")
    ):
        presence[settings_id][kind] += number
    courses = list(
        RegistrationSettings.objects.select_related("event")
        .prefetch_related("event__target_groups")
        .filter(Q(pk__in=registered.keys()) | Q(pk__in=presence.keys()))
        .order_by("event__title")
    )
    by_course, groups = [], defaultdict(Counter)
    for course in courses:
        counts = presence[course.pk]
        row = FigureRow(
            course.event.title,
            registered.get(course.pk, 0),
            counts[Presence.PRESENT],
            counts[Presence.ABSENT],
            counts[Presence.EXCUSED],
        )
        by_course.append(row)
        for group in course.event.target_groups.all() or [None]:
            name = group.name if group else ""
            groups[name]["registered"] += row.registered
            for kind in Presence.values:
                groups[name][kind] += counts[kind]
    by_group = [
        FigureRow(
            name,
            c["registered"],
            c[Presence.PRESENT],
            c[Presence.ABSENT],
            c[Presence.EXCUSED],
        )
        for name, c in sorted(groups.items())
    ]
    return {"courses": by_course, "groups": by_group}


def contact_points_of(*, point_keys: set) -> list[Page]:
    return list(
        Page.objects.filter(
            translation_key__in=point_keys, locale__language_code="de"
        ).order_by("title")
    )
