"""The home page's teasers. Each feature app offers one through a public
selector that returns a dict with a `template` key, or None when it has
nothing to show; home only decides the order."""

from wagtail.models import Locale

from campaigns.selectors import campaigns_home_teaser
from directory.selectors import vacancies_teaser
from events.selectors import events_home_teaser
from ideas.selectors import ideas_home_teaser


def teasers_for_home(*, locale: Locale) -> list[dict]:
    slots = [
        campaigns_home_teaser(locale=locale),
        events_home_teaser(locale=locale),
        vacancies_teaser(locale=locale),
        ideas_home_teaser(locale=locale),
    ]
    return [slot for slot in slots if slot]
