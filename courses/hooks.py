"""What courses adds to the event page and listing through events' hooks
(`events.extensions`), filled in `CoursesConfig.ready()`."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import selectors, services
from .choices import Audience


def event_panel(*, event, request) -> str:
    """Seats left and the way to sign up, on the event page (3 queries)."""
    found = selectors.settings_for_event(event=event)
    if found is None or not found.is_open:
        return ""
    context = {
        "settings": found,
        "signup_url": reverse("courses:signup", args=[found.pk]),
        "counter_only": found.audience == Audience.COUNTER,
        "open": services.registration_window_open(settings=found, now=timezone.now()),
    }
    if found.per_date:
        dates = selectors.upcoming_dates(event=event)
        seats = selectors.availability_for_occurrences(occurrences=dates)
        context["rows"] = [
            {"occurrence": o, "available": seats[(o.event.pk, o.start)][1]}
            for o in dates
            if (o.event.pk, o.start) in seats
        ]
    else:
        context["available"] = selectors.availability(settings=found)
    return mark_safe(render_to_string("courses/_event_panel.html", context, request))  # noqa: S308 - a rendered template


def occurrence_badges(*, occurrences) -> dict:
    """ "3 places left" / "Waiting list" next to each date in the listing."""
    return {
        key: render_to_string(
            "courses/_seats.html", {"settings": found, "available": available}
        ).strip()
        for key, (found, available) in selectors.availability_for_occurrences(
            occurrences=occurrences
        ).items()
    }
