"""Ideas in the site search (registered with portal.search in apps.ready)."""

from __future__ import annotations

from functools import partial

from django.utils import formats
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from portal.search import (
    SOURCE_LIMIT,
    Candidate,
    SearchHit,
    search_source_register,
    snippet_highlight,
)

from .models import Idea
from .selectors import board_page, ideas_public, ideas_public_for_search


def _hit(idea: Idea, board, terms: list[str]) -> SearchHit:
    date = idea.published_at or idea.created_at
    return SearchHit(
        title=idea.title,
        url=board.idea_url(idea),
        kind=str(Idea._meta.verbose_name).capitalize(),
        context=[
            idea.reference,
            formats.date_format(date, "SHORT_DATE_FORMAT") if date else "",
            idea.quarter_name,
            idea.get_status_display(),
        ],
        snippet=snippet_highlight(idea.description, terms),
    )


def ideas_site_search(
    *, query: str, terms: list[str], locale: Locale
) -> list[Candidate]:
    """Published ideas matching `query`, linked on `locale`'s board. Ideas
    are one list for every language, so they are found in each."""
    board = board_page(locale=locale)
    if board is None:
        return []
    # The queryset is searched, not the index alone: an entry left behind by
    # a bulk update never shows an idea that is not public.
    backend = get_search_backend()
    ideas = list(backend.search(query, ideas_public_for_search())[:SOURCE_LIMIT])
    return [
        Candidate(1.0 / (rank + 1), partial(_hit, idea, board, terms))
        for rank, idea in enumerate(ideas)
    ]


def ideas_vocabulary(*, locale: Locale) -> list[str]:
    return list(ideas_public().values_list("title", flat=True))


ideas_site_search.vocabulary = ideas_vocabulary


def connect() -> None:
    search_source_register(ideas_site_search)
