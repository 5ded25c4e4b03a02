"""A GIN index for full-text search on statement text, on PostgreSQL only.

The expression is the one statements.search.VECTOR produces, so the planner can use it.
SQLite (the `make run` demo) has no such index and searches with a plain LIKE instead.
"""

from django.db import migrations

INDEX = "statement_text_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("statements", "0002_roles")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
