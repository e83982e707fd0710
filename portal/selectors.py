from django.db.models import QuerySet
from wagtail.models import Locale, Page


def pages_search(*, query: str) -> QuerySet:
    """Live public pages of the active language that match `query`."""
    return (
        Page.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .specific()
        .search(query)
    )
