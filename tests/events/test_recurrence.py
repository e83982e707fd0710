"""Expansion of series in local time: rules, cancellations, moved and extra
dates, and the changes to and from summer time."""

from datetime import UTC, date, datetime, timedelta

import pytest

from events import recurrence
from events.recurrence import DateChange, ExtraDate, Rule, expand
from tests.factories.events import berlin


def _expand(start, end, rule, *, window, changes=(), extras=(), all_day=False):
    return expand(
        event=None,
        start=start,
        end=end,
        all_day=all_day,
        rule=rule,
        changes=changes,
        extras=extras,
        window_start=window[0],
        window_end=window[1],
    )


def test_single_event_inside_and_outside_window():
    start, end = berlin(2030, 5, 4, 10, 0), berlin(2030, 5, 4, 12, 0)
    inside = _expand(start, end, None, window=(berlin(2030, 5, 1), berlin(2030, 6, 1)))
    outside = _expand(start, end, None, window=(berlin(2030, 6, 1), berlin(2030, 7, 1)))
    assert [o.start for o in inside] == [start]
    assert outside == []


def test_weekly_on_two_weekdays_with_count():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0, 2), count=5)
    found = _expand(
        berlin(2030, 1, 7, 18),  # a Monday
        berlin(2030, 1, 7, 20),
        rule,
        window=(berlin(2030, 1, 1), berlin(2030, 3, 1)),
    )
    assert [o.start.date() for o in found] == [
        date(2030, 1, 7),
        date(2030, 1, 9),
        date(2030, 1, 14),
        date(2030, 1, 16),
        date(2030, 1, 21),
    ]


def test_daily_with_interval_until():
    rule = Rule(frequency=recurrence.DAILY, interval=2, until=date(2030, 1, 9))
    found = _expand(
        berlin(2030, 1, 1, 9),
        berlin(2030, 1, 1, 10),
        rule,
        window=(berlin(2029, 12, 1), berlin(2030, 2, 1)),
    )
    assert [o.start.day for o in found] == [1, 3, 5, 7, 9]


def test_monthly_on_nth_and_last_weekday():
    second_tuesday = Rule(frequency=recurrence.MONTHLY, weekdays=(1,), month_week=2)
    found = _expand(
        berlin(2030, 1, 8, 17),
        berlin(2030, 1, 8, 19),
        second_tuesday,
        window=(berlin(2030, 1, 1), berlin(2030, 5, 1)),
    )
    assert [o.start.date() for o in found] == [
        date(2030, 1, 8),
        date(2030, 2, 12),
        date(2030, 3, 12),
        date(2030, 4, 9),
    ]
    last_friday = Rule(frequency=recurrence.MONTHLY, weekdays=(4,), month_week=-1)
    found = _expand(
        berlin(2030, 1, 25, 17),
        berlin(2030, 1, 25, 19),
        last_friday,
        window=(berlin(2030, 1, 1), berlin(2030, 4, 1)),
    )
    assert [o.start.date() for o in found] == [
        date(2030, 1, 25),
        date(2030, 2, 22),
        date(2030, 3, 29),
    ]


def test_cancelled_date_is_kept_flagged_with_note():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0,))
    found = _expand(
        berlin(2030, 1, 7, 18),
        berlin(2030, 1, 7, 20),
        rule,
        changes=[DateChange(date(2030, 1, 14), cancelled=True, note="Krankheit")],
        window=(berlin(2030, 1, 7), berlin(2030, 1, 22)),
    )
    assert [(o.start.day, o.cancelled, o.note) for o in found] == [
        (7, False, ""),
        (14, True, "Krankheit"),
        (21, False, ""),
    ]


def test_moved_date_appears_at_new_time_only():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0,))
    moved = DateChange(
        date(2030, 1, 14),
        cancelled=False,
        new_start=berlin(2030, 1, 15, 10),
        new_end=berlin(2030, 1, 15, 12),
        note="Raum belegt",
    )
    found = _expand(
        berlin(2030, 1, 7, 18),
        berlin(2030, 1, 7, 20),
        rule,
        changes=[moved],
        window=(berlin(2030, 1, 7), berlin(2030, 1, 22)),
    )
    assert [o.start for o in found] == [
        berlin(2030, 1, 7, 18),
        berlin(2030, 1, 15, 10),
        berlin(2030, 1, 21, 18),
    ]
    assert found[1].moved
    assert found[1].original_start == berlin(2030, 1, 14, 18)
    assert found[1].end == berlin(2030, 1, 15, 12)


def test_moved_into_window_from_outside():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0,))
    moved = DateChange(
        date(2030, 1, 28), cancelled=False, new_start=berlin(2030, 2, 5, 18)
    )
    found = _expand(
        berlin(2030, 1, 7, 18),
        berlin(2030, 1, 7, 20),
        rule,
        changes=[moved],
        window=(berlin(2030, 2, 2), berlin(2030, 2, 6)),
    )
    assert [(o.start, o.end) for o in found] == [
        (berlin(2030, 2, 4, 18), berlin(2030, 2, 4, 20)),
        (berlin(2030, 2, 5, 18), berlin(2030, 2, 5, 20)),
    ]


def test_extra_dates_are_added():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0,), count=2)
    found = _expand(
        berlin(2030, 1, 7, 18),
        berlin(2030, 1, 7, 20),
        rule,
        extras=[ExtraDate(berlin(2030, 1, 10, 9), berlin(2030, 1, 10, 11), "Ferien")],
        window=(berlin(2030, 1, 1), berlin(2030, 2, 1)),
    )
    assert [(o.start.day, o.extra) for o in found] == [
        (7, False),
        (10, True),
        (14, False),
    ]


@pytest.mark.parametrize(
    ("first", "before", "after"),
    [
        # Summer time starts on 31 March 2030 (UTC+1 -> UTC+2).
        (datetime(2030, 3, 24, 18), 17, 16),
        # Summer time ends on 27 October 2030 (UTC+2 -> UTC+1).
        (datetime(2030, 10, 20, 18), 16, 17),
    ],
)
def test_weekly_series_keeps_local_time_across_dst(first, before, after):
    start = recurrence.from_local_naive(first)
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(6,), count=3)
    found = _expand(
        start,
        start + timedelta(hours=2),
        rule,
        window=(start - timedelta(days=1), start + timedelta(days=30)),
    )
    local = [o.local_start for o in found]
    assert [moment.hour for moment in local] == [18, 18, 18]
    utc_hours = [o.start.astimezone(UTC).hour for o in found]
    assert utc_hours == [before, after, after]
    assert all(o.end - o.start == timedelta(hours=2) for o in found)


def test_all_day_occurrences_span_whole_days():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(5,), count=2)
    found = _expand(
        berlin(2030, 6, 1, 0),
        berlin(2030, 6, 2, 0),
        rule,
        all_day=True,
        window=(berlin(2030, 6, 1), berlin(2030, 7, 1)),
    )
    assert [(o.local_start, o.last_day) for o in found] == [
        (berlin(2030, 6, 1), date(2030, 6, 2)),
        (berlin(2030, 6, 8), date(2030, 6, 9)),
    ]
    assert found[0].days() == [date(2030, 6, 1), date(2030, 6, 2)]


def test_open_series_is_only_expanded_in_window():
    rule = Rule(frequency=recurrence.DAILY)
    found = _expand(
        berlin(2000, 1, 1, 8),
        berlin(2000, 1, 1, 9),
        rule,
        window=(berlin(2030, 1, 1), berlin(2030, 1, 4)),
    )
    assert [o.start.day for o in found] == [1, 2, 3]


def test_expansion_is_capped():
    rule = Rule(frequency=recurrence.DAILY)
    found = expand(
        event=None,
        start=berlin(2030, 1, 1, 8),
        end=berlin(2030, 1, 1, 9),
        all_day=False,
        rule=rule,
        window_start=berlin(2030, 1, 1),
        window_end=berlin(2040, 1, 1),
        limit=50,
    )
    assert len(found) == 50


def test_rrule_maps_to_rfc5545():
    rule = Rule(frequency=recurrence.MONTHLY, weekdays=(1,), month_week=2, count=6)
    assert rule.ical(first_local=datetime(2030, 1, 8, 17), all_day=False) == {
        "FREQ": "MONTHLY",
        "BYDAY": ["2TU"],
        "COUNT": 6,
    }
    weekly = Rule(frequency=recurrence.WEEKLY, interval=2, until=date(2030, 7, 1))
    value = weekly.ical(first_local=datetime(2030, 1, 7, 18), all_day=False)
    assert value["BYDAY"] == ["MO"]
    assert value["INTERVAL"] == 2
    assert value["UNTIL"] == datetime(2030, 7, 1, 21, 59, 59, tzinfo=UTC)


def test_start_must_follow_rule():
    rule = Rule(frequency=recurrence.WEEKLY, weekdays=(0,))
    assert recurrence.rule_matches_start(rule, datetime(2030, 1, 7, 18))
    assert not recurrence.rule_matches_start(rule, datetime(2030, 1, 8, 18))
