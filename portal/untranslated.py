"""Which text fields of a translated page still hold the German original.

wagtail-localize creates a translation as a copy of the original and, when a
translator publishes before every segment is translated, fills the missing
ones with the source text (`create_or_update_translation(fallback=True)`).
Such text is German inside an Arabic or English page: templates mark it
with `{% lang_attrs page "field" %}` / `{{ page|field_in_lang:"field" }}`
(`{% load bidi %}`), so screen readers and the bidi algorithm treat it as
German. A field counts as untranslated when it is not empty and equal to the
original's; one query per page, none on German pages.

Listings and breadcrumbs show many pages and must not ask once per page:
`with_source_values(queryset, "title", "teaser")` reads the originals'
values along in the listing's own query (a subquery per field), and
`source_values_read(pages, "title")` reads them for pages already loaded
(a breadcrumb's ancestors) in one query; `untranslated_lang` then compares
with these instead of reading the original.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from .lookups import locales_by_code, page_locale
from .vocabulary import source_language

_CACHE = "_untranslated_fields"
#: Prefix of the attribute holding the original's value of one field.
_SOURCE = "source_value_"
_MISSING = object()


def _text_fields(model) -> list:
    fields = []
    for spec in get_translatable_fields(model):
        if isinstance(spec, SynchronizedField) or spec.field_name == "slug":
            continue
        field = model._meta.get_field(spec.field_name)
        if getattr(field, "concrete", False) and not field.is_relation:
            fields.append(field)
    return fields


def untranslated_fields(page: Page) -> frozenset[str]:
    """Names of `page`'s text fields that are copies of the source text."""
    cached = getattr(page, _CACHE, None)
    if cached is not None:
        return cached
    source = source_language()
    found: frozenset[str] = frozenset()
    if page.pk and page_locale(page).language_code != source:
        model = type(page)
        original = (
            model._default_manager.filter(
                translation_key=page.translation_key, locale__language_code=source
            )
            .exclude(pk=page.pk)
            .first()
        )
        if original is not None:
            found = frozenset(
                field.name
                for field in _text_fields(model)
                if field.value_from_object(page)
                and field.value_to_string(page) == field.value_to_string(original)
            )
    setattr(page, _CACHE, found)
    return found


def _source_locale_id():
    locale = locales_by_code().get(source_language())
    return locale.pk if locale is not None else None


def with_source_values(queryset: QuerySet, *fields: str) -> QuerySet:
    """`queryset` (pages of one model) with the source-language original's
    value of each of `fields` read along: no query of its own."""
    originals = queryset.model._default_manager.filter(
        translation_key=OuterRef("translation_key"), locale_id=_source_locale_id()
    )
    return queryset.annotate(
        **{
            f"{_SOURCE}{field}": Subquery(originals.values(field)[:1])
            for field in fields
        }
    )


def source_values_read(pages, *fields: str) -> None:
    """The originals' values of `fields` (fields of every page, such as the
    title) for `pages` already loaded, in one query for all of them; none
    when every page is in the source language."""
    source_id = _source_locale_id()
    pending = [
        page
        for page in pages
        if page is not None
        and page.pk
        and page.locale_id != source_id
        and _CACHE not in page.__dict__
        and any(f"{_SOURCE}{field}" not in page.__dict__ for field in fields)
    ]
    if not pending:
        return
    originals = {
        row["translation_key"]: row
        for row in Page.objects.filter(
            translation_key__in={page.translation_key for page in pending},
            locale_id=source_id,
        ).values("translation_key", *fields)
    }
    for page in pending:
        original = originals.get(page.translation_key, {})
        for field in fields:
            setattr(page, f"{_SOURCE}{field}", original.get(field))


def untranslated_lang(page: Page, field: str) -> str:
    """The source language's code when `field` of `page` is untranslated."""
    if page is None or not hasattr(page, "translation_key"):
        return ""
    source = source_language()
    known = page.__dict__.get(f"{_SOURCE}{field}", _MISSING)
    if known is not _MISSING and _CACHE not in page.__dict__:
        if not page.pk or page_locale(page).language_code == source:
            return ""
        value = getattr(page, field, "")
        return source if value and value == known else ""
    return source if field in untranslated_fields(page) else ""
