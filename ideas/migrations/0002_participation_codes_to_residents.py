"""The participation codes now belong to the residents app (its 0001 takes
them over); the tables stay, so only Django's state forgets them here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_ideas_supports_comments_codes"),
        ("residents", "0001_participation_codes_from_ideas"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ParticipationCode"),
                migrations.DeleteModel(name="ParticipationCodeBatch"),
            ],
            database_operations=[],
        ),
    ]
