"""Indexes in the timeline's keyset order (said_on DESC NULLS LAST, id DESC), which every
statement list reads; the indexes they supersede go. The keyset ones are PostgreSQL-only like
statement_keyset_idx (0003): SQLite, which runs the demo, cannot index NULLS LAST.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

KEYSET_INDEXES = {
    # A speaker's statements, newest first and undated last.
    "statement_speaker_keyset_idx": '("speaker_id", "said_on" DESC NULLS LAST, "id" DESC)',
    # Pledges in the same order.
    "statement_pledge_keyset_idx": '("said_on" DESC NULLS LAST, "id" DESC) WHERE "is_pledge"',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in KEYSET_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON statements_statement {definition}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in KEYSET_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0005_monthly_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="statement",
            options={
                "ordering": [
                    models.OrderBy(models.F("said_on"), descending=True, nulls_last=True),
                    "-id",
                ]
            },
        ),
        migrations.RemoveIndex(
            model_name="statement",
            name="statement_timeline_idx",
        ),
        migrations.RemoveIndex(
            model_name="statement",
            name="statement_speaker_idx",
        ),
        migrations.RemoveIndex(
            model_name="statement",
            name="statement_pledge_idx",
        ),
        migrations.AlterField(
            model_name="statement",
            name="review_status",
            field=models.CharField(
                choices=[
                    ("auto", "Automatic"),
                    ("verified", "Verified"),
                    ("edited", "Edited"),
                    ("rejected", "Rejected"),
                ],
                default="auto",
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="speaker",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="statements",
                to="statements.speaker",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["review_status"], name="statement_review_idx"),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
