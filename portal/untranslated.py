"""Which text fields of a translated page still hold the German original.

wagtail-localize creates a translation as a copy of the original and, when a
translator publishes before every segment is translated, fills the missing
ones with the source text (`create_or_update_translation(fallback=True)`).
Such text is German inside an Arabic or English page: templates mark it
with `{% lang_attrs page "field" %}` / `{{ page|field_in_lang:"field" }}`
(`{% load bidi %}`), so screen readers and the bidi algorithm treat it as
German. A field counts as untranslated when it is not empty and equal to the
original's; one query per page, none on German pages.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from .lookups import page_locale
from .vocabulary import source_language

_CACHE = "_untranslated_fields"


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


def untranslated_lang(page: Page, field: str) -> str:
    """The source language's code when `field` of `page` is untranslated."""
    if page is None or not hasattr(page, "translation_key"):
        return ""
    return source_language() if field in untranslated_fields(page) else ""
