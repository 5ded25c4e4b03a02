"""PostgreSQL-only indexes for the dashboard; no-ops elsewhere (SQLite runs the demo).

- A GIN index for full-text search on statement text. The expression is the one
  statements.search.VECTOR produces, so the planner can use it; SQLite searches with LIKE.
- The timeline's keyset order, (said_on DESC NULLS LAST, id DESC): the model's timeline index
  is DESC NULLS FIRST, which PostgreSQL cannot use for an order with nulls last.
"""

from django.db import migrations

INDEX = "statement_text_fts_idx"
KEYSET = "statement_keyset_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement "
        "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {KEYSET} ON statements_statement "
        "(said_on DESC NULLS LAST, id DESC)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {KEYSET}")


class Migration(migrations.Migration):
    dependencies = [("statements", "0002_roles")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
