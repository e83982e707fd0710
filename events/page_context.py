"""Template contexts of the events app: the event page and the home page's
"next events" teaser, built with the selectors."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from portal.languages import SPOKEN_LANGUAGE_NAMES

from .extensions import event_panels
from .jsonld import event_jsonld
from .models import EventPage
from .selectors import (
    ARCHIVE_DAYS,
    event_filter_options,
    event_index_for,
    upcoming_occurrences,
)


def event_detail_context(*, event: EventPage, request) -> dict:
    """Dates, place and structured data for the event page."""
    now = timezone.now()
    upcoming = event.occurrences(
        window_start=now, window_end=now + timedelta(days=366), limit=25
    )
    next_occurrence = next((o for o in upcoming if not o.cancelled), None)
    if next_occurrence is None:
        past = event.occurrences(
            window_start=now - timedelta(days=ARCHIVE_DAYS), window_end=now
        )
        next_occurrence = past[-1] if past else None
    options = event_filter_options(locale=Locale.get_active())
    panels = event_panels(event=event, request=request)
    return {
        "occurrences": upcoming,
        "next_occurrence": next_occurrence,
        "place": event.place,
        "category_label": options.categories.entry_for(event.category) or "",
        "quarter_label": options.quarters.entry_for(event.quarter) or "",
        "group_labels": [
            options.groups.entry_for(group) for group in event.target_groups.all()
        ],
        "language_names": [
            str(SPOKEN_LANGUAGE_NAMES.get(code, code)) for code in event.languages
        ],
        "ics_url": event.get_url(request) + event.reverse_subpage("ics"),
        "extension_panels": panels,
        "jsonld": event_jsonld(
            event=event,
            occurrence=next_occurrence,
            request=request,
            registration_taken=bool(panels),
        ),
    }


def events_home_teaser(*, locale: Locale, limit: int = 3) -> dict | None:
    """The home page's "next events" slot, or None without an event index.
    A language without its own events calendar (or without upcoming dates in
    it) shows the German one, marked as German (`lang`)."""
    index_page = event_index_for(locale=locale)
    occurrences = upcoming_occurrences(locale=locale, limit=limit) if index_page else []
    lang = ""
    default = Locale.get_default()
    if not occurrences and default.pk != locale.pk:
        german_index = event_index_for(locale=default)
        german = (
            upcoming_occurrences(locale=default, limit=limit) if german_index else []
        )
        if german or index_page is None:
            index_page, occurrences = index_page or german_index, german
            lang = default.language_code if german else ""
    if index_page is None:
        return None
    return {
        "template": "events/home_teaser.html",
        "occurrences": occurrences,
        "index_url": index_page.url,
        "lang": lang,
    }
