"""The site search across apps: pages through Wagtail's search, and whatever
else a feature app registers (the idea board's ideas), so `portal` needs to
know none of them (apps depend downward only).

A source is a function `(query: str, terms: list[str], locale: Locale) ->
list[Candidate]` registered from the app's `AppConfig.ready()`. A page type
may define `search_result_context() -> list[str]` (its company, date,
quarter) and `search_result_text() -> str` (what the snippet is cut from).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Locale, Page

#: Results read from each source; more are not paginated through.
SOURCE_LIMIT = 200
SNIPPET_WIDTH = 220


@dataclass
class SearchHit:
    title: str
    url: str
    kind: str
    context: list[str] = field(default_factory=list)
    snippet: SafeString = mark_safe("")  # empty


Source = Callable[..., list]
_sources: list[Source] = []


def search_source_register(source: Source) -> Source:
    """Adds a source of site-search hits (see the module docstring)."""
    if source not in _sources:
        _sources.append(source)
    return source


def _stem(term: str) -> str:
    # Good enough to mark "Bäckereien" for "Bäckerei": the stemming itself is
    # the backend's (PostgreSQL's german configuration).
    word = term.casefold()
    return word[: max(4, len(word) - 3)] if len(word) > 5 else word


def snippet_highlight(text: str, terms: list[str], *, width: int = SNIPPET_WIDTH):
    """A window of `text` around the first match of `terms`, escaped, with
    every word that starts like a term wrapped in <mark>."""
    text = " ".join(strip_tags(text or "").split())
    if not text:
        return mark_safe("")  # empty
    stems = sorted({_stem(term) for term in terms if term.strip()}, key=len)[::-1]
    pattern = (
        re.compile(
            r"\b(\w*(?:" + "|".join(re.escape(s) for s in stems) + r")\w*)",
            re.IGNORECASE,
        )
        if stems
        else None
    )
    match = pattern.search(text) if pattern else None
    start = 0
    if match and match.start() > width // 3:
        start = text.rfind(" ", 0, match.start() - width // 3) + 1
    window = text[start : start + width]
    if start + width < len(text):
        window = window[: window.rfind(" ")] if " " in window else window
    prefix = "… " if start else ""
    suffix = " …" if start + len(window) < len(text) else ""
    escaped = html.escape(window)
    if pattern:
        escaped = pattern.sub(
            lambda m: f"<mark>{m.group(1)}</mark>", escaped
        )  # the stems match escaped text the same: words have no & < > "
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 - escaped above


@dataclass
class Candidate:
    """A hit found but not yet built: the view builds only the current page's
    (their context may need a query each)."""

    score: float
    build: Callable[[], SearchHit]

    @cached_property
    def hit(self) -> SearchHit:
        return self.build()


def page_hit(page: Page, terms: list[str]) -> SearchHit:
    context = getattr(page, "search_result_context", None)
    text = getattr(page, "search_result_text", None)
    return SearchHit(
        title=page.title,
        url=page.url,
        kind=str(page.get_verbose_name()),
        context=[str(item) for item in context() if item] if context else [],
        snippet=snippet_highlight(
            (text() if text else "") or page.search_description, terms
        ),
    )


def _page_candidates(*, query: str, terms: list[str], locale: Locale):
    pages = Page.objects.live().public().filter(locale=locale).specific()
    results = pages.search(query)[:SOURCE_LIMIT]
    return [
        Candidate(1.0 / (rank + 1), partial(page_hit, page, terms))
        for rank, page in enumerate(results)
    ]


def site_search(*, query: str, terms: list[str], locale: Locale) -> list[Candidate]:
    """Hits of every source, each source's best first, interleaved by rank."""
    candidates = _page_candidates(query=query, terms=terms, locale=locale)
    for source in _sources:
        candidates.extend(source(query=query, terms=terms, locale=locale))
    return sorted(candidates, key=lambda candidate: -candidate.score)


def search_suggestion(
    *, terms: list[str], vocabulary: list[str], cutoff: float = 0.75
) -> str | None:
    """The query with each unknown term replaced by the closest known word,
    or None when no term was replaced. The database backend has no
    suggester, so the vocabulary is the words of what can be found."""
    known = {word.casefold(): word for word in vocabulary}
    changed, words = False, []
    for term in terms:
        if term.casefold() in known:
            words.append(term)
            continue
        close = difflib.get_close_matches(term.casefold(), known, n=1, cutoff=cutoff)
        if close:
            words.append(known[close[0]])
            changed = True
        else:
            words.append(term)
    return " ".join(words) if changed else None


WORD = re.compile(r"\w{4,}")


def search_vocabulary(*, locale: Locale) -> list[str]:
    """Words of the titles of live pages and of every source's vocabulary."""
    titles = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .values_list("title", flat=True)
    )
    words = {word for title in titles for word in WORD.findall(title)}
    for source in _sources:
        vocabulary = getattr(source, "vocabulary", None)
        if vocabulary is not None:
            words.update(
                word
                for text in vocabulary(locale=locale)
                for word in WORD.findall(text)
            )
    return sorted(words)
