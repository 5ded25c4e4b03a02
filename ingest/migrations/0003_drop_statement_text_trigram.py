"""Drop the trigram index on statement text: nothing queries it, and every statement stored paid
for it. Re-reports are matched with rapidfuzz on a speaker's statements of the same week, found
by the speaker index; the admin's search (``UPPER(text) LIKE``) cannot use a trigram index on
``text``. Measured on the 1M-statement benchmark database: storing a document took 10 % less
without it (docs/benchmarks.md). The pg_trgm extension stays; it costs nothing unused.
"""

from django.db import migrations

INDEX = "statements_statement_text_trgm"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement USING gin (text gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_statement_text_trigram")]

    operations = [migrations.RunPython(drop, create, elidable=False)]
