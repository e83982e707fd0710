"""Hooks through which apps above events add to the event page and listing
without events importing them (the layers run downward only). An app fills
them in its `AppConfig.ready()`, as it grants its roles' permissions.

    event_panel_register(fn)   # fn(*, event, request) -> safe HTML or ""
        # A panel takes the registration over: where one is shown, the
        # event's own places, "fully booked" and registration link are not
        # (they would contradict its seats left).
    occurrence_badges_register(fn)
        # fn(*, occurrences) -> {(event pk, start): safe HTML}; one call for
        # the whole page of dates, so the listing's queries stay constant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe

_panels: list[Callable] = []
_badges: list[Callable] = []


def event_panel_register(fn: Callable) -> None:
    if fn not in _panels:
        _panels.append(fn)


def occurrence_badges_register(fn: Callable) -> None:
    if fn not in _badges:
        _badges.append(fn)


def event_panels(*, event, request) -> list[SafeString]:
    """What the registered apps add to the event page's "Taking part"."""
    return [html for fn in _panels if (html := fn(event=event, request=request))]


def occurrence_badges(*, occurrences: Iterable) -> dict[tuple[int, datetime], str]:
    occurrences = list(occurrences)
    merged: dict[tuple[int, datetime], list[str]] = {}
    for fn in _badges:
        for key, html in fn(occurrences=occurrences).items():
            merged.setdefault(key, []).append(html)
    # Registered apps return HTML they escaped themselves.
    return {key: mark_safe(" ".join(parts)) for key, parts in merged.items()}  # noqa: S308


def badges_for(badges: dict, occurrence) -> str:
    return badges.get((occurrence.event.pk, occurrence.start), "") if badges else ""
