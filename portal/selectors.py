from django.db.models import QuerySet
from wagtail.models import Locale, Page


def search_terms(query: str) -> list[str]:
    """The words of a visitor's query that are safe to hand to Wagtail's
    search: the SQLite backend quotes each term for FTS5 without escaping
    double quotes inside it, and a null byte ends the query string early;
    either made the query fail with a 500."""
    return query.replace('"', " ").replace("\x00", " ").split()


def pages_search(*, query: str) -> QuerySet:
    """Live public pages of the active language that match `query`."""
    pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
    terms = search_terms(query)
    if not terms:
        return pages.none()
    return pages.search(" ".join(terms))
