"""Trigram search on statement text, for PostgreSQL only.

statements/models.py stays portable (SQLite runs the demo), so the extension and the GIN index
live here, and are skipped on any other database.
"""

from django.db import migrations

INDEX = "statements_statement_text_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement USING gin (text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0001_url_fetch"),
        ("statements", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
