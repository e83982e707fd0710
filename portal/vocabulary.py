"""Translated vocabularies (quarters, sectors, event categories …) as filters
see them, in one place for every app.

A term is a `Term` row per language, linked by `translation_key`. A filter
value must mean the same under every language prefix, so each term has ONE
stable value: the slug of its source row (the default language's, German).
A link built in German therefore works under /ar/, and a value taken from
the Arabic form works in German. Labels come from the requested language's
row; a term nobody translated yet keeps its German name and is marked with
its language (`lang="de"`), so screen readers and the bidi algorithm treat
it as German text.

`vocabulary_for()` (also `Term.vocabulary()`) reads both languages' rows in
one query; callers build a vocabulary once per request and use it for the
form, the filter and the labels of what they list. `vocabularies_for()`
bundles the ones a page needs (the finder's quarters and sectors, the events'
categories, quarters and target groups). Every app looks terms up here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def source_language() -> str:
    """The language whose slugs are the filter values (the default one)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class VocabularyEntry:
    """One term as a filter offers it in one language."""

    key: uuid.UUID  # the translation key shared by the term's rows
    slug: str  # the stable filter value: the source row's slug
    label: str  # the name in the requested language, or the source name
    lang: str  # "" when translated, else the language of `label` ("de")
    term: object  # the row the label comes from
    aliases: tuple[str, ...] = ()  # other values that mean this term

    def __str__(self) -> str:
        return self.label

    @property
    def name(self) -> str:
        return self.label

    @property
    def translation_key(self) -> uuid.UUID:
        return self.key


@dataclass
class Vocabulary:
    """The terms of one model in one language, in display order."""

    entries: list[VocabularyEntry]
    language: str
    _by_value: dict[str, VocabularyEntry] = field(default_factory=dict, repr=False)
    _by_key: dict[uuid.UUID, VocabularyEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for entry in self.entries:
            self._by_key.setdefault(entry.key, entry)
            self._by_value.setdefault(entry.slug, entry)
        # Aliases second, so a stable slug always wins over another term's
        # translated slug that happens to be the same word.
        for entry in self.entries:
            for alias in (*entry.aliases, str(entry.key)):
                self._by_value.setdefault(alias, entry)

    def __iter__(self) -> Iterator[VocabularyEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def slugs(self) -> list[str]:
        return [entry.slug for entry in self.entries]

    def get(self, value: str) -> VocabularyEntry | None:
        """The term a filter value names: its stable slug, the slug of one of
        its translations (older links) or its translation key."""
        return self._by_value.get(value) if value else None

    def __contains__(self, value: str) -> bool:
        return self.get(value) is not None

    def key_of(self, value: str) -> uuid.UUID | None:
        entry = self.get(value)
        return entry.key if entry else None

    def keys_of(self, values: Iterable[str]) -> list[uuid.UUID]:
        return [entry.key for entry in (self.get(v) for v in values) if entry]

    def normalise(self, value: str) -> str | None:
        """The stable slug for `value`, or None when it names no term."""
        entry = self.get(value)
        return entry.slug if entry else None

    def entry_for(self, term) -> VocabularyEntry | None:
        """How `term` (a row in any language, or None) is shown here. A row
        this vocabulary does not know is shown as it is, marked with its own
        language when that is not the requested one."""
        if term is None:
            return None
        entry = self._by_key.get(term.translation_key)
        if entry is not None:
            return entry
        return VocabularyEntry(
            key=term.translation_key,
            slug=term.slug,
            label=term.name,
            lang="",
            term=term,
        )

    def choices(self) -> list[tuple[str, str]]:
        return [(entry.slug, entry.label) for entry in self.entries]


def facet_options(entries, *, counts: dict, chosen) -> list[dict]:
    """A listing's facet of terms: each entry's stable slug, label (and
    its language when German stands in), how many items have it, and
    whether the visitor chose it. `counts` is keyed by translation key."""
    return [
        {
            "value": entry.slug,
            "label": entry.label,
            "lang": entry.lang,
            "count": counts.get(entry.key, 0),
            "checked": entry.slug in chosen,
        }
        for entry in entries
    ]


def vocabulary_for(model, *, locale: Locale | None = None, queryset=None) -> Vocabulary:
    """The terms of `model` (a `Term` subclass) in `locale` (the active one
    by default), with stable slugs and German fallbacks, in one query.
    `queryset` narrows the rows (e.g. only project quarters, with images)."""
    # The active language's code, without the query Locale.get_active() makes.
    language = (
        locale.language_code
        if locale
        else get_supported_content_language_variant(translation.get_language())
    )
    if queryset is None:
        # Every listing reads the same few term lists: from the shared cache
        # until a row of `model` is saved or deleted (its page cache tag).
        from .page_cache import (  # noqa: PLC0415 - page_cache imports portal.models, which imports this module
            model_tag,
            request_memoized,
            tag_fingerprint,
        )

        key = ":".join(
            [
                "vocabulary",
                model._meta.label_lower,
                language,
                tag_fingerprint([model_tag(model)]),
            ]
        )
        return request_memoized(
            (key,), lambda: _vocabulary_cached(key, model, language=language)
        )
    return _vocabulary_read(model, language=language, queryset=queryset)


def _vocabulary_cached(key: str, model, *, language: str) -> Vocabulary:
    vocabulary = caches["default"].get(key)
    if vocabulary is None:
        vocabulary = _vocabulary_read(model, language=language, queryset=None)
        caches["default"].set(key, vocabulary, timeout=24 * 3600)
    return vocabulary


def _vocabulary_read(model, *, language: str, queryset) -> Vocabulary:
    source = source_language()
    rows = list(
        (model.objects.all() if queryset is None else queryset)
        .filter(locale__language_code__in={source, language})
        .annotate(row_language=F("locale__language_code"))
        .order_by(*model._meta.ordering, "pk")
    )
    sources: dict[uuid.UUID, object] = {}
    shown: dict[uuid.UUID, object] = {}
    order: list[uuid.UUID] = []
    for row in rows:
        key = row.translation_key
        if key not in sources and key not in shown:
            order.append(key)
        if row.row_language == source:
            sources[key] = row
        if row.row_language == language:
            shown[key] = row
    entries = []
    for key in order:
        origin = sources.get(key) or shown[key]
        row = shown.get(key) or origin
        entries.append(
            VocabularyEntry(
                key=key,
                slug=origin.slug,
                label=row.name,
                lang="" if row.row_language == language else row.row_language,
                term=row,
                aliases=(row.slug,) if row.slug != origin.slug else (),
            )
        )
    if "sort_order" not in model._meta.ordering:
        # Alphabetical vocabularies sort by the names the visitor reads.
        entries.sort(key=lambda entry: entry.label.casefold())
    else:
        # Editors order the source terms; translations follow that order.
        rank = {key: (sources.get(key) or shown[key]).sort_order for key in order}
        entries.sort(key=lambda entry: rank[entry.key])
    return Vocabulary(entries=entries, language=language)


class Vocabularies(dict):
    """The vocabularies one page needs, by name, read once per request:
    `vocabularies.quarters` or `vocabularies["quarters"]`. They fill the
    filter form, resolve its values and label what the page lists."""

    def __getattr__(self, name: str) -> Vocabulary:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def vocabularies_for(*, locale: Locale | None = None, **models) -> Vocabularies:
    """`vocabularies_for(locale=…, quarters=Quarter, sectors=Sector)`: one
    `vocabulary_for` (one query) per model, under the given names."""
    return Vocabularies(
        {name: vocabulary_for(model, locale=locale) for name, model in models.items()}
    )


def term_name(model, field: str) -> Coalesce:
    """An annotation: the name of the `field` term (a `model` foreign key) in
    the active language, else its stored name. For querysets that sort or
    export by the label in SQL (admin lists); pages use `vocabulary_for`."""
    language = get_supported_content_language_variant(translation.get_language())
    return Coalesce(
        Subquery(
            model.objects.filter(
                translation_key=OuterRef(f"{field}__translation_key"),
                locale__language_code=language,
            ).values("name")[:1]
        ),
        F(f"{field}__name"),
    )


class VocabularySelect(forms.Select):
    """A select whose untranslated options say they are German: `langs`
    maps an option's value to the language of its label."""

    def __init__(self, *args, langs: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.langs = langs or {}

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        language = self.langs.get(str(value))
        if language:
            option["attrs"]["lang"] = language
        return option


class VocabularyChoiceField(forms.ChoiceField):
    """A single-choice filter over a vocabulary: accepts the stable slug, a
    translated slug or a translation key, and cleans to the stable slug."""

    def __init__(self, *, vocabulary: Vocabulary, empty_label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[("", empty_label), *vocabulary.choices()],
            widget=VocabularySelect(
                langs={entry.slug: entry.lang for entry in vocabulary}
            ),
            **kwargs,
        )
        self.vocabulary = vocabulary

    def to_python(self, value):
        value = super().to_python(value)
        return self.vocabulary.normalise(value) or value

    def valid_value(self, value):
        return value == "" or value in self.vocabulary
