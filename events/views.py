"""Thin views behind the event index's routes and the per-event `.ics`."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal import absolute

from . import ical
from .extensions import occurrence_badges
from .forms import EventFilterForm
from .selectors import (
    ARCHIVE_DAYS,
    DEFAULT_LISTING_DAYS,
    EventFilters,
    event_filter_options,
    event_occurrences,
    events_for_feed,
    local_midnight,
)

PER_PAGE = 20


def _filter_form(request, options) -> EventFilterForm:
    form = EventFilterForm(
        request.GET or None,
        categories=options.categories,
        quarters=options.quarters,
        groups=options.groups,
    )
    form.is_valid()  # errors are shown; the valid parts still filter
    return form


def _filters(form: EventFilterForm) -> EventFilters:
    data = form.valid_data()
    return EventFilters(
        category=data.get("category") or "",
        quarter=data.get("quarter") or "",
        group=data.get("group") or "",
        free_only=bool(data.get("free")),
    )


def _feed_query(request) -> str:
    query = request.GET.copy()
    for key in ("page", "date_from", "date_to", "month"):
        query.pop(key, None)
    return query.urlencode()


def _context(request, index_page, **extra) -> dict:
    context = index_page.get_context(request)
    base = index_page.get_url(request)
    query = _feed_query(request)
    feed_url = (
        base + index_page.reverse_subpage("feed") + (f"?{query}" if query else "")
    )
    context.update(
        list_url=base,
        calendar_url=base + index_page.reverse_subpage("calendar"),
        archive_url=base + index_page.reverse_subpage("archive"),
        feed_url=feed_url,
        # Calendar apps subscribe to webcal: links; the address is absolute.
        webcal_url=ical.webcal_url(absolute.absolute_url(feed_url)),
        filter_query=query,
        **extra,
    )
    return context


def event_listing(request, *, index_page):
    locale = Locale.get_active()
    options = event_filter_options(locale=locale)
    form = _filter_form(request, options)
    today = timezone.localdate()
    first, last = form.window(today=today, default_days=DEFAULT_LISTING_DAYS)
    window_start = local_midnight(first)
    if first == today:
        window_start = max(window_start, timezone.now())
    window_end = local_midnight(last + timedelta(days=1))
    occurrences = event_occurrences(
        locale=locale,
        index_page=index_page,
        filters=_filters(form),
        options=options,
        window_start=window_start,
        window_end=window_end,
    )
    page_obj = Paginator(occurrences, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "events/event_index_page.html",
        _context(
            request,
            index_page,
            form=form,
            view="list",
            page_obj=page_obj,
            badges=occurrence_badges(occurrences=page_obj.object_list),
            range_first=first,
            range_last=last,
        ),
    )


def event_archive(request, *, index_page):
    locale = Locale.get_active()
    options = event_filter_options(locale=locale)
    form = _filter_form(request, options)
    now = timezone.now()
    occurrences = event_occurrences(
        locale=locale,
        index_page=index_page,
        filters=_filters(form),
        options=options,
        window_start=now - timedelta(days=ARCHIVE_DAYS),
        window_end=now,
        newest_first=True,
    )
    occurrences = [o for o in occurrences if o.end <= now]
    page_obj = Paginator(occurrences, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "events/event_archive.html",
        _context(request, index_page, form=form, view="archive", page_obj=page_obj),
    )


def _month(value: str | None, today: date) -> tuple[date, bool]:
    """The first day of the month in `value` (YYYY-MM), and whether it was
    valid; today's month otherwise."""
    if not value:
        return today.replace(day=1), True
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if not 1900 <= year <= 2200:
            raise ValueError
        return date(year, month, 1), True
    except ValueError:
        return today.replace(day=1), False


def event_calendar(request, *, index_page):
    locale = Locale.get_active()
    options = event_filter_options(locale=locale)
    form = _filter_form(request, options)
    today = timezone.localdate()
    month, valid = _month(request.GET.get("month"), today)
    weeks_dates = pycalendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    )
    grid_first, grid_last = weeks_dates[0][0], weeks_dates[-1][-1]
    occurrences = event_occurrences(
        locale=locale,
        index_page=index_page,
        filters=_filters(form),
        options=options,
        window_start=local_midnight(grid_first),
        window_end=local_midnight(grid_last + timedelta(days=1)),
    )
    by_day: dict[date, list] = {}
    for occurrence in occurrences:
        for day in occurrence.days():
            by_day.setdefault(day, []).append(occurrence)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "today": day == today,
                "occurrences": by_day.get(day, []),
            }
            for day in week
        ]
        for week in weeks_dates
    ]
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return TemplateResponse(
        request,
        "events/event_calendar.html",
        _context(
            request,
            index_page,
            form=form,
            view="calendar",
            month=month,
            month_error=None if valid else _("This is not a valid month."),
            weeks=weeks,
            previous_month=previous.strftime("%Y-%m"),
            next_month=following.strftime("%Y-%m"),
        ),
    )


def _ics_response(body: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    kind = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return response


def event_feed(request, *, index_page):
    locale = Locale.get_active()
    options = event_filter_options(locale=locale)
    form = _filter_form(request, options)
    events = events_for_feed(
        locale=locale, index_page=index_page, filters=_filters(form), options=options
    )
    body = ical.calendar_for(
        events,
        name=index_page.title,
        url_for=lambda event: absolute.page_url(event, request),
    )
    return _ics_response(body, filename="events.ics", attachment=False)


def event_ics(request, *, event):
    body = ical.calendar_for(
        [event], name=event.title, url_for=lambda e: absolute.page_url(e, request)
    )
    return _ics_response(body, filename=f"{event.slug}.ics", attachment=True)
