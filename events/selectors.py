"""Reads: which events and which of their dates a visitor sees.

Every function here runs a fixed number of queries, however many events
match: one for the pages (with their snippets joined), one per prefetched
relation, one per name map. Recurring events are expanded in Python, and only
inside the window being shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.lookups import section_page
from portal.models import Quarter
from portal.untranslated import with_source_values
from portal.vocabulary import Vocabularies, source_language, vocabularies_for

from . import recurrence
from .choices import DateChangeKind
from .models import (
    EventCategory,
    EventDateChange,
    EventExtraDate,
    EventIndexPage,
    EventPage,
    TargetGroup,
)
from .recurrence import Occurrence

#: How far ahead the listing looks when the visitor chose no end date.
DEFAULT_LISTING_DAYS = 90
#: How far back the archive looks.
ARCHIVE_DAYS = 365
#: Events whose last date is longer ago than this leave the feeds.
FEED_PAST_DAYS = 90
#: Upper bound for events in one feed.
FEED_MAX_EVENTS = 1000


@dataclass(frozen=True)
class EventFilters:
    """What the visitor filtered by: stable slugs (the German terms'), the
    same under every language prefix."""

    category: str = ""
    quarter: str = ""
    group: str = ""
    free_only: bool = False


def local_midnight(day: date) -> datetime:
    return recurrence.from_local_naive(datetime.combine(day, time(0)))


def event_filter_options(*, locale: Locale) -> Vocabularies:
    """Categories, quarters and target groups in the visitor's language,
    German where a term has no translation yet."""
    return vocabularies_for(
        locale=locale, categories=EventCategory, quarters=Quarter, groups=TargetGroup
    )


def _base_events(*, locale: Locale, index_page: Page | None) -> QuerySet:
    events = EventPage.objects.live().public().filter(locale=locale)
    if locale.language_code != source_language():
        # An event nobody translated keeps the German title and teaser: the
        # originals' read along, so listings mark them (`lang_attrs`)
        # without a query per event.
        events = with_source_values(events, "title", "teaser")
    if index_page is not None:
        events = events.child_of(index_page)
    return events


def _with_relations(events: QuerySet) -> QuerySet:
    return events.select_related(
        "category", "quarter", "venue", "image"
    ).prefetch_related(
        # The contact point as its specific page: its address is read for
        # every event (`EventPage.place`), its locale says which language
        # its name is in (`EventPage.place_name_lang`).
        Prefetch(
            "contact_point",
            queryset=Page.objects.specific().select_related(
                "locale", for_specific_subqueries=True
            ),
        ),
        "target_groups",
        Prefetch("date_changes", queryset=EventDateChange.objects.order_by("pk")),
        Prefetch("extra_dates", queryset=EventExtraDate.objects.order_by("start")),
    )


def _apply_filters(
    events: QuerySet, *, filters: EventFilters, options: Vocabularies
) -> QuerySet:
    # Snippets are translatable and a translated page may still point at the
    # German snippet, so filters match by translation key, not by row.
    if filters.category:
        key = options.categories.key_of(filters.category)
        events = events.filter(category__translation_key=key)
    if filters.quarter:
        key = options.quarters.key_of(filters.quarter)
        events = events.filter(quarter__translation_key=key)
    if filters.group:
        key = options.groups.key_of(filters.group)
        events = events.filter(
            Exists(
                EventPage.target_groups.through.objects.filter(
                    eventpage_id=OuterRef("pk"), targetgroup__translation_key=key
                )
            )
        )
    if filters.free_only:
        events = events.filter(is_free=True)
    return events


def _in_window(events: QuerySet, *, start: datetime, end: datetime) -> QuerySet:
    """Events that may have a date in [start, end): a SQL pre-selection that
    is exact for one-off events and generous for series."""
    # A day of slack: all-day events end at the midnight after their last day.
    earliest = start - timedelta(days=1)
    one_off = Q(repeat="", start__lt=end, end__gt=earliest)
    series = (
        ~Q(repeat="")
        & Q(start__lt=end)
        & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=earliest.date()))
    )
    extra = Exists(
        EventExtraDate.objects.filter(page=OuterRef("pk"), start__lt=end, end__gt=start)
    )
    moved = Exists(
        EventDateChange.objects.filter(
            page=OuterRef("pk"),
            kind=DateChangeKind.MOVED,
            new_start__lt=end,
            new_start__gte=start - timedelta(days=31),
        )
    )
    return events.filter(one_off | series | extra | moved)


def _label(events: list[EventPage], options: Vocabularies) -> None:
    """Attach names in the visitor's language (no query per event). Each
    label is a vocabulary entry: it prints as its name and knows whether it
    is a German fallback (the `term` filter marks it)."""
    for event in events:
        event.category_label = options.categories.entry_for(event.category) or ""
        event.quarter_label = options.quarters.entry_for(event.quarter) or ""
        event.group_labels = [
            options.groups.entry_for(g) for g in event.target_groups.all()
        ]


def _localize_places(events: list[EventPage], *, locale: Locale) -> None:
    """Attach each event's contact point in `locale` where one is live, in
    one query: a translated event may still point at the German page, and a
    listing names the place as the event page does (`EventPage.place_name`)."""
    keys = {
        event.contact_point.translation_key
        for event in events
        if event.contact_point_id and event.contact_point.locale_id != locale.pk
    }
    if not keys:
        return
    translations = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(locale=locale, translation_key__in=keys)
        .select_related("locale")
    }
    for event in events:
        if event.contact_point_id:
            found = translations.get(event.contact_point.translation_key)
            if found is not None:
                event.contact_point_in_locale = found


def events_in_window(
    *,
    locale: Locale,
    index_page: Page | None,
    filters: EventFilters,
    options: Vocabularies,
    window_start: datetime,
    window_end: datetime,
) -> list[EventPage]:
    events = _base_events(locale=locale, index_page=index_page)
    events = _apply_filters(events, filters=filters, options=options)
    events = _in_window(events, start=window_start, end=window_end)
    result = list(_with_relations(events))
    _label(result, options)
    _localize_places(result, locale=locale)
    return result


def occurrences_in_window(
    *,
    events: list[EventPage],
    window_start: datetime,
    window_end: datetime,
    newest_first: bool = False,
) -> list[Occurrence]:
    found: list[Occurrence] = []
    for event in events:
        found.extend(
            event.occurrences(window_start=window_start, window_end=window_end)
        )
    found.sort(key=lambda occurrence: occurrence.sort_key, reverse=newest_first)
    return found


def event_occurrences(
    *,
    locale: Locale,
    index_page: Page | None = None,
    filters: EventFilters = EventFilters(),  # frozen, immutable
    options: Vocabularies | None = None,
    window_start: datetime,
    window_end: datetime,
    newest_first: bool = False,
) -> list[Occurrence]:
    """The dates of every matching event in the window, in order."""
    options = options or event_filter_options(locale=locale)
    events = events_in_window(
        locale=locale,
        index_page=index_page,
        filters=filters,
        options=options,
        window_start=window_start,
        window_end=window_end,
    )
    return occurrences_in_window(
        events=events,
        window_start=window_start,
        window_end=window_end,
        newest_first=newest_first,
    )


def upcoming_occurrences(*, locale: Locale, limit: int = 3) -> list[Occurrence]:
    """The next dates that take place, for the home page."""
    now = timezone.now()
    found = event_occurrences(
        locale=locale, window_start=now, window_end=now + timedelta(days=60)
    )
    return [o for o in found if not o.cancelled][:limit]


def events_for_feed(
    *,
    locale: Locale,
    index_page: Page | None,
    filters: EventFilters,
    options: Vocabularies,
) -> list[EventPage]:
    """Events for an iCal feed: every series still running or recently over."""
    cutoff = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    events = _base_events(locale=locale, index_page=index_page)
    events = _apply_filters(events, filters=filters, options=options)
    recent = (
        Q(repeat="", end__gte=cutoff)
        | (
            ~Q(repeat="")
            & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=cutoff.date()))
        )
        | Exists(EventExtraDate.objects.filter(page=OuterRef("pk"), end__gte=cutoff))
    )
    return list(
        _with_relations(events.filter(recent)).order_by("start")[:FEED_MAX_EVENTS]
    )


def event_index_for(*, locale: Locale) -> EventIndexPage | None:
    return section_page(EventIndexPage, locale=locale)
