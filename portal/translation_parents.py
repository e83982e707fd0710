"""Parents that wagtail-localize creates for a translation start as drafts.

Translating a page whose parent has no version in the target language makes
Wagtail copy the missing parents as *aliases* (`CopyPageForTranslationAction`
with `copy_parents=True`): live pages that mirror the German original, so
German content went live under /ar/ the moment someone translated a child,
although translations themselves start as drafts
(`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`).

When such an alias is created while wagtail-localize translates a page below
it (a `Translation` into that language exists for a page of the subtree),
it becomes a translation of its own in wagtail-localize (so editors can
translate it in the translation editor) and is left unpublished: a draft
of German text, like every new translation. Aliases made in code without
wagtail-localize are left alone.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource


def _translating_below(page: Page, locale) -> bool:
    """Whether wagtail-localize is translating a page below `page` into
    `locale` (its `Translation` record is made before the copy)."""
    below = Page.objects.descendant_of(page).filter(
        translation_key=OuterRef("source__object_id")
    )
    return (
        Translation.objects.filter(target_locale=locale, source__locale=page.locale_id)
        .filter(source__object_id__in=Subquery(below.values("translation_key")))
        .exists()
    )


def translated_parent_as_draft(sender, source_obj, target_obj, **kwargs):
    """`copy_for_translation_done` receiver (connected in PortalConfig)."""
    if not isinstance(target_obj, Page) or target_obj.alias_of_id is None:
        return
    original = source_obj.specific
    if not _translating_below(original, target_obj.locale):
        return
    source, _created = TranslationSource.get_or_create_from_instance(original)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target_obj.locale
    )
    # Turns the alias into a regular page with a revision, not published.
    translation.save_target(publish=False)
    Page.objects.filter(pk=target_obj.pk).update(
        live=False, has_unpublished_changes=True
    )
    target_obj.live, target_obj.alias_of_id = False, None
