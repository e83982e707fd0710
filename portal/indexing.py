"""Index updates deferred for bulk work (the demo, imports).

Wagtail updates the search index and its reference index on every save, and
a published page is saved three times (created, revision, publish), each
through a task. Inside `indexes_deferred()` saves are only noted; on leaving
it every object saved is indexed once. Outside of it nothing changes.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextmanager
def indexes_deferred():
    searched = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved_for_search: dict[type, set] = defaultdict(set)
    saved_for_references: dict[type, set] = defaultdict(set)

    def note_search(sender, instance, raw=False, **kwargs):
        if not raw:
            saved_for_search[sender].add(instance.pk)

    def note_references(sender, instance, raw=False, **kwargs):
        if not raw:
            saved_for_references[sender].add(instance.pk)

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note_search, sender=model, weak=False)
    for model in ReferenceIndex.tracked_models:
        post_save.connect(note_references, sender=model, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in searched:
            post_save.disconnect(note_search, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
        for model in ReferenceIndex.tracked_models:
            post_save.disconnect(note_references, sender=model)
    for model, pks in saved_for_search.items():
        for instance in model._default_manager.filter(pk__in=pks).iterator():
            search_index.insert_or_update_object(instance)
    for model, pks in saved_for_references.items():
        # Deleted again since (a save before a delete) are left out.
        for pk in model._default_manager.filter(pk__in=pks).values_list(
            "pk", flat=True
        ):
            # As on a save: a child object indexes its parent.
            update_reference_index_task.call(
                model._meta.app_label, model._meta.model_name, str(pk)
            )
