"""The statements' text search vector stored in its own column (PostgreSQL only).

The GIN index of migration 0003 indexed an expression, ``to_tsvector('english', text)``.
Whenever PostgreSQL answers a search by walking the date index (the timeline's order, which
is the quickest plan when the words are common), it had to compute that expression again for
every row it walked: 70 ms for a page of a query matching 0.6 % of a million statements, 10 s
for a word found nowhere. A stored generated column holds the same vector, computed when the
row is written: the walk reads it (5 ms and 0.7 s), the GIN index moves to it, and the planner
gets statistics of the column to choose between the two plans. Adding the column rewrites the
table (about a minute at a million statements, the table locked meanwhile).
"""

from django.db import migrations

OLD_INDEX = "statement_text_fts_idx"
INDEX = "statement_search_vector_idx"
EXPRESSION = "to_tsvector('english'::regconfig, COALESCE(text, ''))"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE statements_statement ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({EXPRESSION}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_statement USING gin (search_vector)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON statements_statement USING gin ({EXPRESSION})"
    )
    schema_editor.execute("ALTER TABLE statements_statement DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("statements", "0018_saved_searches")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
