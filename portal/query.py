"""Lenient reading of filter query strings, the same for every listing.

A filter URL is typed, shared, printed and cut off; it is never an error.
`QueryReader` takes what it can from a QueryDict and notes every value it
could not use in `ignored` (parameter, value, reason), so a page can say so
in the visitor's language and an API can return the list; the other filters
still apply. Listings that show a Django form (events, the idea board) use
`LenientFilterForm`: its invalid fields are ignored the same way, and the
form shows their errors.

Vocabulary parameters (quarters, sectors, categories, target groups) accept
what `portal.vocabulary.Vocabulary.normalise` accepts and answer with the
stable slug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms

from .selectors import search_terms

#: Longer queries add nothing a person would type; they are cut, not refused.
QUERY_MAX_LENGTH = 200
#: How much of an ignored value is echoed back.
ECHO_MAX_LENGTH = 40
TRUE_VALUES = ("1", "on", "true", "yes")
FALSE_VALUES = ("0", "off", "false", "no")

UNKNOWN = "unknown"
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"


def _normaliser(allowed):
    """A function value -> known value or None, for a `Vocabulary` (which
    maps translated slugs and keys to the stable slug) or any collection."""
    normalise = getattr(allowed, "normalise", None)
    if normalise is not None:
        return normalise
    allowed = set(allowed)
    return lambda value: value if value in allowed else None


def query_text(value: str) -> str:
    """A visitor's search text: whitespace collapsed, cut to the maximum."""
    return " ".join(value.split())[:QUERY_MAX_LENGTH]


class QueryReader:
    """Reads filters from `params` (request.GET); never raises."""

    def __init__(self, params: Mapping):
        self.params = params
        self.ignored: list[dict] = []

    def ignore(self, name: str, value: str, reason: str = UNKNOWN) -> None:
        self.ignored.append(
            {"param": name, "value": value[:ECHO_MAX_LENGTH], "reason": reason}
        )

    def text(self, name: str = "q", *, search_safe: bool = False) -> str:
        """The search text; `search_safe` also drops what a search backend
        cannot take (`portal.selectors.search_terms`)."""
        value = self.params.get(name, "")
        if search_safe:
            value = " ".join(search_terms(value))
        return query_text(value)

    def values(self, name: str, allowed: Iterable[str]) -> list[str]:
        """The known values of a repeatable parameter, each once, in order."""
        normalise = _normaliser(allowed)
        picked: list[str] = []
        for value in self.params.getlist(name):
            known = normalise(value)
            if known:
                if known not in picked:
                    picked.append(known)
            elif value:
                self.ignore(name, value)
        return picked

    def value(self, name: str, allowed: Iterable[str], default: str = "") -> str:
        """One known value, else `default` (an unknown one is noted)."""
        raw = self.params.get(name, "")
        if not raw:
            return default
        known = _normaliser(allowed)(raw)
        if known is None:
            self.ignore(name, raw)
            return default
        return known

    def flag(self, name: str) -> bool:
        """A yes/no parameter; anything but the usual spellings is noted."""
        raw = self.params.get(name, "")
        if raw.lower() in TRUE_VALUES:
            return True
        if raw and raw.lower() not in FALSE_VALUES:
            self.ignore(name, raw)
        return False

    def integer(self, name: str, *, minimum: int, maximum: int) -> int | None:
        raw = self.params.get(name, "").strip()
        if not raw:
            return None
        try:
            number = int(raw)  # also Arabic-Indic and Persian digits
        except ValueError:
            self.ignore(name, raw, NOT_A_NUMBER)
            return None
        if not minimum <= number <= maximum:
            self.ignore(name, raw, OUT_OF_RANGE)
            return None
        return number

    def sort(
        self, name: str, sorts: Iterable[str], *, default: str, query: str = ""
    ) -> str:
        """The sort order. "relevance" needs a search text and is the default
        with one; an unknown order is noted and the default used."""
        sorts = tuple(sorts)
        raw = self.params.get(name, "")
        if raw and raw not in sorts:
            self.ignore(name, raw)
        fallback = "relevance" if query and "relevance" in sorts else default
        if raw not in sorts or (raw == "relevance" and not query):
            return fallback
        return raw


class LenientFilterForm(forms.Form):
    """A listing's filter form whose invalid fields are ignored: the valid
    ones still filter, the invalid ones show their error."""

    def valid_data(self) -> dict:
        """The cleaned values of the fields without errors ({} unbound)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {}) or {}
        return {
            name: value for name, value in cleaned.items() if name not in self.errors
        }
