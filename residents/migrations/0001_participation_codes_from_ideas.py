"""The participation codes move from ideas to residents: only Django's state
moves, the tables (ideas_participationcode*) and their rows stay. The content
types are relabelled, so permissions granted on them stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("participationcodebatch", "participationcode")


def content_types_to_residents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="ideas", model__in=MODELS).update(
        app_label="residents"
    )


def content_types_to_ideas(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="residents", model__in=MODELS).update(
        app_label="ideas"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("ideas", "0001_ideas_supports_comments_codes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ParticipationCodeBatch",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("label", models.CharField(help_text="E.g. the contact point and month the sheet is for.", max_length=120, verbose_name="label")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="created by")),
                    ],
                    options={
                        "verbose_name": "participation code sheet",
                        "verbose_name_plural": "participation code sheets",
                        "ordering": ["-created_at"],
                        "db_table": "ideas_participationcodebatch",
                    },
                ),
                migrations.CreateModel(
                    name="ParticipationCode",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.CharField(max_length=20, unique=True, verbose_name="code")),
                        ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="used")),
                        ("used_by", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="participation_code", to=settings.AUTH_USER_MODEL, verbose_name="used by")),
                        ("batch", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="codes", to="residents.participationcodebatch", verbose_name="sheet")),
                    ],
                    options={
                        "verbose_name": "participation code",
                        "verbose_name_plural": "participation codes",
                        "ordering": ["pk"],
                        "db_table": "ideas_participationcode",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_residents, content_types_to_ideas),
    ]
