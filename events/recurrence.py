"""Recurrence rules and their expansion into dates.

A rule is what editors enter through the friendly form on the event page
(frequency, interval, weekdays, n-th weekday of the month, until or count). It
maps one to one onto an RFC 5545 RRULE, so the `.ics` export and the site's
own listing come from the same definition.

Expansion happens in *local wall-clock time* (Europe/Berlin): a PC-Café at
18:00 stays at 18:00 across the changes to and from summer time, exactly as a
calendar client expands an RRULE with a TZID.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.conf import settings

#: No series may have more dates than this; the admin form refuses longer ones.
MAX_OCCURRENCES = 500

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
_FREQ = {DAILY: du.DAILY, WEEKLY: du.WEEKLY, MONTHLY: du.MONTHLY}
_ICAL_FREQ = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY"}
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_local_naive(moment: datetime) -> datetime:
    """Wall-clock time in the portal's zone, without tzinfo."""
    return moment.astimezone(local_zone()).replace(tzinfo=None)


def from_local_naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=local_zone())


@dataclass(frozen=True)
class Rule:
    """A recurrence rule. Weekdays are 0 (Monday) … 6 (Sunday); `month_week`
    is 1…4 or -1 (last) and applies to monthly rules."""

    frequency: str
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_week: int | None = None
    until: date | None = None
    count: int | None = None

    def _byweekday(self, first: datetime):
        if self.frequency == WEEKLY:
            days = self.weekdays or (first.weekday(),)
            return [du.weekday(day) for day in days]
        if self.frequency == MONTHLY:
            days = self.weekdays or (first.weekday(),)
            week = self.month_week or 1
            return [du.weekday(day)(week) for day in days]
        return None

    def rrule(self, first: datetime) -> du.rrule:
        """The dateutil rule for a naive local `first` start."""
        return du.rrule(
            _FREQ[self.frequency],
            dtstart=first,
            interval=self.interval,
            byweekday=self._byweekday(first),
            until=datetime.combine(self.until, time.max) if self.until else None,
            count=self.count,
            cache=False,
        )

    def is_bounded(self) -> bool:
        return self.until is not None or self.count is not None

    def count_dates(self, first: datetime, *, stop_after: int) -> int:
        """How many dates the rule makes, counting at most `stop_after`."""
        number = 0
        for _moment in self.rrule(first):
            number += 1
            if number >= stop_after:
                break
        return number

    def ical(self, *, first_local: datetime, all_day: bool) -> dict:
        """The RRULE as a dict for `icalendar.vRecur`."""
        value: dict = {"FREQ": _ICAL_FREQ[self.frequency]}
        if self.interval != 1:
            value["INTERVAL"] = self.interval
        if self.frequency == WEEKLY:
            days = self.weekdays or (first_local.weekday(),)
            value["BYDAY"] = [ICAL_WEEKDAYS[day] for day in days]
        elif self.frequency == MONTHLY:
            days = self.weekdays or (first_local.weekday(),)
            week = self.month_week or 1
            value["BYDAY"] = [f"{week}{ICAL_WEEKDAYS[day]}" for day in days]
        if self.count:
            value["COUNT"] = self.count
        elif self.until:
            if all_day:
                value["UNTIL"] = self.until
            else:
                # RFC 5545: with a TZID start, UNTIL is given in UTC.
                last = from_local_naive(datetime.combine(self.until, time(23, 59, 59)))
                value["UNTIL"] = last.astimezone(ZoneInfo("UTC"))
        return value


@dataclass(frozen=True)
class DateChange:
    """A cancelled or moved date of a series, keyed by its original day."""

    original_date: date
    cancelled: bool
    new_start: datetime | None = None
    new_end: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class ExtraDate:
    start: datetime
    end: datetime
    note: str = ""


@dataclass(frozen=True)
class Occurrence:
    """One date of an event as a visitor sees it."""

    event: object
    start: datetime
    end: datetime
    all_day: bool = False
    cancelled: bool = False
    note: str = ""
    original_start: datetime | None = None
    extra: bool = False
    sort_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(
            self, "sort_key", (self.start, getattr(self.event, "pk", 0) or 0)
        )

    @property
    def moved(self) -> bool:
        return self.original_start is not None

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(local_zone())

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(local_zone())

    @property
    def last_day(self) -> date:
        """The last calendar day the occurrence touches (all-day ends are
        exclusive midnights)."""
        end = self.local_end
        if end > self.local_start and end.time() == time(0):
            return (end - timedelta(days=1)).date()
        return end.date()

    def days(self) -> list[date]:
        first = self.local_start.date()
        return [
            first + timedelta(days=n) for n in range((self.last_day - first).days + 1)
        ]


def _span(start: datetime, end: datetime, all_day: bool) -> tuple[datetime, timedelta]:
    """Naive local first start and wall-clock duration. All-day events run
    from midnight of their first day to midnight after their last day."""
    first, last = to_local_naive(start), to_local_naive(end)
    if all_day:
        first = datetime.combine(first.date(), time(0))
        last = datetime.combine(last.date() + timedelta(days=1), time(0))
    return first, max(last - first, timedelta(0))


def expand(
    *,
    event: object,
    start: datetime,
    end: datetime,
    all_day: bool,
    rule: Rule | None,
    changes: Iterable[DateChange] = (),
    extras: Iterable[ExtraDate] = (),
    window_start: datetime,
    window_end: datetime,
    limit: int = MAX_OCCURRENCES,
) -> list[Occurrence]:
    """The event's occurrences that overlap [window_start, window_end),
    including cancelled dates (flagged), moved dates at their new time and
    extra dates. Only the window is expanded, never the whole series."""
    first, duration = _span(start, end, all_day)
    changes_by_day = {change.original_date: change for change in changes}
    result: list[Occurrence] = []

    def overlaps(begin: datetime, finish: datetime) -> bool:
        if finish <= begin:  # zero-length events still need to show up
            return window_start <= begin < window_end
        return begin < window_end and finish > window_start

    def add(begin_local: datetime, **kwargs) -> None:
        begin = from_local_naive(begin_local)
        finish = from_local_naive(begin_local + duration)
        if overlaps(begin, finish):
            result.append(
                Occurrence(
                    event=event, start=begin, end=finish, all_day=all_day, **kwargs
                )
            )

    if rule is None:
        add(first)
    else:
        series = rule.rrule(first)
        lower = to_local_naive(window_start) - duration - timedelta(days=1)
        upper = to_local_naive(window_end) + timedelta(days=1)
        for moment in series.between(max(lower, first - timedelta(seconds=1)), upper):
            if len(result) >= limit:
                break
            change = changes_by_day.get(moment.date())
            if change is None:
                add(moment)
            elif change.cancelled:
                add(moment, cancelled=True, note=change.note)
        # Moved dates appear at their new time, wherever the original was.
        for change in changes_by_day.values():
            if change.cancelled or change.new_start is None:
                continue
            original = datetime.combine(change.original_date, first.time())
            if not _rule_has(series, original):
                continue
            new_end = change.new_end or change.new_start + duration
            if overlaps(change.new_start, new_end):
                result.append(
                    Occurrence(
                        event=event,
                        start=change.new_start,
                        end=new_end,
                        all_day=all_day,
                        note=change.note,
                        original_start=from_local_naive(original),
                    )
                )
    for extra in extras:
        if overlaps(extra.start, extra.end):
            result.append(
                Occurrence(
                    event=event,
                    start=extra.start,
                    end=extra.end,
                    all_day=all_day,
                    note=extra.note,
                    extra=True,
                )
            )
    result.sort(key=lambda occurrence: occurrence.sort_key)
    return result[:limit]


def _rule_has(series: du.rrule, moment: datetime) -> bool:
    found = series.after(moment - timedelta(seconds=1), inc=True)
    return found == moment


def rule_matches_start(rule: Rule, first: datetime) -> bool:
    """RFC 5545 leaves a DTSTART that the rule would not produce undefined;
    the form therefore insists that the first date follows the rule."""
    return _rule_has(rule.rrule(first), first)


def rule_has_date(rule: Rule, first: datetime, moment: datetime) -> bool:
    """Whether the series starting at naive local `first` has `moment`."""
    return moment >= first and _rule_has(rule.rrule(first), moment)
