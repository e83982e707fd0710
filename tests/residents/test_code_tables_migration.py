"""The participation codes moved from ideas to residents without copying:
a database at the old state, with codes in it, migrates forward and keeps
them (same tables, content types relabelled)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [
    ("ideas", "0001_ideas_supports_comments_codes"),
    ("residents", None),
]


# serialized_rollback like every other transactional test here: a plain
# flush re-runs post_migrate (the roles get new ids) and a later serialized
# test's restore then collides with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_codes_of_an_old_database_are_kept():
    executor = MigrationExecutor(connection)
    executor.migrate(OLD)
    old = executor.loader.project_state(
        [OLD[0], ("contenttypes", "0002_remove_content_type_name")]
    ).apps
    OldBatch = old.get_model("ideas", "ParticipationCodeBatch")
    OldCode = old.get_model("ideas", "ParticipationCode")
    ContentType = old.get_model("contenttypes", "ContentType")
    batch = OldBatch.objects.create(label="Anlaufstelle Drewitz")
    OldCode.objects.create(batch=batch, code="WXYZ-2345-6789")
    ContentType.objects.get_or_create(app_label="ideas", model="participationcode")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from residents.models import ParticipationCode  # noqa: PLC0415 - after migrating

    code = ParticipationCode.objects.get(code="WXYZ-2345-6789")
    assert code.batch.label == "Anlaufstelle Drewitz"
    assert not code.is_used
    from django.contrib.contenttypes.models import ContentType as CT  # noqa: PLC0415

    assert CT.objects.filter(app_label="residents", model="participationcode").exists()
    assert not CT.objects.filter(app_label="ideas", model="participationcode").exists()
