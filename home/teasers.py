"""The home page's teasers. Each feature app offers one in its
`page_context` module: a function that returns a dict with a `template` key,
or None when it has nothing to show; home only decides the order."""

from django.db.models import Q
from wagtail.models import Locale

from campaigns.page_context import campaigns_home_teaser
from directory.page_context import vacancies_teaser
from events.page_context import events_home_teaser
from ideas.page_context import ideas_home_teaser
from portal.lookups import home_translations, page_locale
from portal.selectors import pages_with_fallback

from .models import ContactPointPage


def teasers_for_home(*, locale: Locale) -> list[dict]:
    slots = [
        campaigns_home_teaser(locale=locale),
        events_home_teaser(locale=locale),
        vacancies_teaser(locale=locale),
        ideas_home_teaser(locale=locale),
    ]
    return [slot for slot in slots if slot]


def contact_points_for_home(*, home) -> list:
    """The contact points under `home`, and those of the default language's
    home that have no translation here (shown in German, `fallback_lang`)."""
    within = Q(path__startswith=home.path)
    default = Locale.get_default()
    if home.locale_id != default.pk:
        source = home_translations(home).get(default.pk)
        if source is not None:
            within |= Q(path__startswith=source.path)
    pages = (
        ContactPointPage.objects.live()
        .public()
        .filter(within, depth__gt=home.depth)
        .select_related("quarter")
        .order_by("quarter__sort_order", "title")
    )
    return pages_with_fallback(pages, locale=page_locale(home))
