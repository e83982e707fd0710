from django.db.models import QuerySet
from wagtail.models import Locale, Page


def pages_search(*, query: str) -> QuerySet:
    """Live public pages of the active language that match `query`."""
    pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
    # The SQLite backend quotes each term for FTS5 without escaping double
    # quotes inside it, so one stray `"` made the query fail with a 500.
    terms = query.replace('"', " ").split()
    if not terms:
        return pages.none()
    return pages.search(" ".join(terms))
