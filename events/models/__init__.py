"""Events of the quarters: the index with its listing, calendar, archive and
feed, the event pages editors keep (with recurring dates, cancellations and
extra dates), and the snippets they pick from (category, target group, venue).
"""

from .dates import EventDateChange, EventExtraDate
from .pages import EventIndexPage, EventPage
from .snippets import EventCategory, TargetGroup, Venue

__all__ = [
    "EventCategory",
    "TargetGroup",
    "Venue",
    "EventIndexPage",
    "EventPage",
    "EventDateChange",
    "EventExtraDate",
]
