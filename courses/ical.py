"""The `.ics` a person gets with a confirmed place: the whole series for a
course (events' own export, RRULE and all), the one date for a per-date
registration."""

from __future__ import annotations

from datetime import UTC

import icalendar

from events import ical as events_ical
from portal import absolute


def registration_ics(registration) -> bytes:
    event = registration.settings.event.localized.specific
    url = absolute.page_url(event)
    if not registration.settings.per_date:
        return events_ical.calendar_for(
            [event], name=event.title, url_for=lambda e: url
        )
    component = events_ical.event_components(event, url=url)[0]
    for name in ("rrule", "exdate", "dtstart", "dtend", "uid"):
        component.pop(name, None)
    # One date of a series, in UTC: a copy of its own, not the series.
    component.add(
        "uid", events_ical.event_uid(event, f"-registration-{registration.pk}")
    )
    component.add("dtstart", registration.starts_at.astimezone(UTC))
    component.add("dtend", registration.ends_at.astimezone(UTC))
    calendar = icalendar.Calendar()
    calendar.add("prodid", events_ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(component)
    return calendar.to_ical()
