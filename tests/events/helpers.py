import re
from datetime import date, datetime

_ITEM = re.compile(r'<li class="event-item([^"]*)">(.*?)</li>', re.S)
_TIME = re.compile(r'<p class="event-item__when">.*?<time datetime="([^"]+)"', re.S)
_TITLE = re.compile(r'class="event-item__title"><a[^>]*>([^<]+)<')


def _moment(value: str) -> date | datetime:
    # All-day dates are rendered as plain dates, as iCalendar has them.
    return (
        date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    )


def listed(response, *, include_cancelled=False) -> list[tuple[str, datetime]]:
    """(title, start) of each date in a listing response, as rendered."""
    found = []
    for classes, body in _ITEM.findall(response.content.decode()):
        if "event-item--cancelled" in classes and not include_cancelled:
            continue
        found.append(
            (
                _TITLE.search(body).group(1),
                _moment(_TIME.search(body).group(1)),
            )
        )
    return found
