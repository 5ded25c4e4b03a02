"""A trigram index on document titles, for the admin's statement search (PostgreSQL only).

The statement admin matches its search term against document titles with ``icontains``, which
Django writes as ``UPPER(title) LIKE UPPER('%term%')``: without this index every document is
read (about 200 ms at 100,000 documents), with it a few index pages are. The index is on
``UPPER(title)`` so that it serves that exact expression. pg_trgm comes from ingest 0002.
"""

from django.db import migrations

INDEX = "document_title_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_document "
        "USING gin ((UPPER(title::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0002_statement_text_trigram"),
        ("statements", "0007_monthlycount_key_unique"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
