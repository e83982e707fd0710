"""iCalendar (RFC 5545) export: one event with its whole series, or a feed.

A series is one VEVENT with RRULE; cancelled dates are EXDATEs, moved dates
are VEVENTs with the same UID and a RECURRENCE-ID, extra dates are VEVENTs of
their own. Times carry TZID=Europe/Berlin with a VTIMEZONE, so clients keep
18:00 at 18:00 across the change to and from summer time.

The VTIMEZONE is written by hand, as the two yearly rules of the EU's summer
time (since 1996): icalendar's generated one lists every transition as one
multi-value RDATE, of which Mozilla's ical.js (Thunderbird) reads only the
first, putting every summer occurrence an hour late. Two RRULEs are what
Thunderbird, Google and Python's icalendar all read alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from portal import absolute
from portal.untranslated import untranslated_lang

from . import recurrence
from .choices import DateChangeKind, EventStatus

PRODID = "-//Quartiersportal Stern Drewitz Schlaatz//Events//DE"
_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


# Central European Time with the EU's summer time: from 02:00 local on the
# last Sunday of March to 03:00 local on the last Sunday of October.
_CET_RULES = """BEGIN:VTIMEZONE
TZID:{tzid}
BEGIN:DAYLIGHT
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""
# Zones that follow those rules; any other TIME_ZONE gets icalendar's own.
_CET_ZONES = {
    "Europe/Amsterdam", "Europe/Berlin", "Europe/Brussels", "Europe/Copenhagen",
    "Europe/Luxembourg", "Europe/Madrid", "Europe/Oslo", "Europe/Paris",
    "Europe/Prague", "Europe/Rome", "Europe/Stockholm", "Europe/Vienna",
    "Europe/Warsaw", "Europe/Zurich",
}  # fmt: skip


def _add_timezone(calendar: icalendar.Calendar) -> None:
    if settings.TIME_ZONE in _CET_ZONES:
        text = _CET_RULES.format(tzid=settings.TIME_ZONE).replace("\n", "\r\n")
        # First, so that a reader knows the zone before the first event.
        calendar.subcomponents.insert(0, icalendar.Timezone.from_ical(text))
    else:
        calendar.add_missing_timezones()


def webcal_url(url: str) -> str:
    """The `webcal:` form of a feed's http(s) URL: calendar apps subscribe
    to it (and keep it updated) instead of importing a copy once."""
    scheme, _sep, rest = url.partition("://")
    return f"webcal://{rest}" if scheme in {"http", "https"} else url


def _domain() -> str:
    return urlsplit(absolute.base_url()).hostname or "localhost"


def event_uid(event, suffix: str = "") -> str:
    return f"event-{event.pk}{suffix}@{_domain()}"


def _location(event) -> str:
    place = event.place
    if place is None:
        return event.online_url
    parts = [place["name"], place["street"], f"{place['postal_code']} {place['city']}"]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _times(event, start: datetime, end: datetime):
    """DTSTART/DTEND values: local aware datetimes, or dates for all-day
    events (DTEND exclusive)."""
    zone = recurrence.local_zone()
    if event.all_day:
        first = start.astimezone(zone).date()
        last = end.astimezone(zone).date()
        return first, max(last, first) + timedelta(days=1)
    return start.astimezone(zone), end.astimezone(zone)


def _language(event, field: str) -> dict | None:
    language = untranslated_lang(event, field)
    return {"LANGUAGE": language} if language else None


def _base_component(event, *, url: str, stamp: datetime) -> icalendar.Event:
    component = icalendar.Event()
    # An event nobody translated keeps its German title and teaser: the
    # feed says so as the page does with lang="de" (RFC 5545 LANGUAGE).
    component.add("summary", event.title, parameters=_language(event, "title"))
    description = event.teaser or ""
    if url:
        description = f"{description}\n\n{url}".strip()
    if description:
        component.add("description", description, parameters=_language(event, "teaser"))
    if url:
        component.add("url", url)
    location = _location(event)
    if location:
        component.add("location", location)
    place = event.place
    if place and place["latitude"] is not None:
        component.add("geo", (float(place["latitude"]), float(place["longitude"])))
    component.add("status", _STATUS.get(event.status, "CONFIRMED"))
    component.add("dtstamp", stamp)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    label = getattr(event, "category_label", "") or (
        event.category.name if event.category_id else ""
    )
    if label:
        component.add("categories", [str(label)])
    return component


def event_components(event, *, url: str = "") -> list[icalendar.Event]:
    """The VEVENTs describing `event` and all its dates."""
    stamp = timezone.now().replace(microsecond=0)
    master = _base_component(event, url=url, stamp=stamp)
    master.add("uid", event_uid(event))
    start, end = _times(event, event.start, event.end)
    master.add("dtstart", start)
    master.add("dtend", end)
    components = [master]

    rule = event.rule
    if rule is not None:
        first_local = recurrence.to_local_naive(event.start)
        master.add(
            "rrule",
            icalendar.vRecur(rule.ical(first_local=first_local, all_day=event.all_day)),
        )
        for change in event.date_changes.all():
            original_local = datetime.combine(
                change.original_date,
                time(0) if event.all_day else first_local.time(),
            )
            original = (
                change.original_date
                if event.all_day
                else recurrence.from_local_naive(original_local)
            )
            if change.kind == DateChangeKind.CANCELLED:
                master.add("exdate", original)
                continue
            moved = _base_component(event, url=url, stamp=stamp)
            moved.add("uid", event_uid(event))
            moved.add("recurrence-id", original)
            duration = event.end - event.start
            new_start, new_end = _times(
                event, change.new_start, change.new_end or change.new_start + duration
            )
            moved.add("dtstart", new_start)
            moved.add("dtend", new_end)
            if change.note:
                moved.add("comment", change.note)
            components.append(moved)

    for extra in event.extra_dates.all():
        component = _base_component(event, url=url, stamp=stamp)
        component.add("uid", event_uid(event, f"-extra-{extra.pk}"))
        extra_start, extra_end = _times(event, extra.start, extra.end)
        component.add("dtstart", extra_start)
        component.add("dtend", extra_end)
        if extra.note:
            component.add("comment", extra.note)
        components.append(component)
    return components


def calendar_for(events: Iterable, *, name: str, url_for) -> bytes:
    """A VCALENDAR with every event; `url_for(event)` gives its page URL."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        for component in event_components(event, url=url_for(event)):
            calendar.add_component(component)
    _add_timezone(calendar)
    return calendar.to_ical()
