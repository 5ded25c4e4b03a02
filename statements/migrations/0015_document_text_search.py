"""Full-text search over whole documents' text (PostgreSQL only; SQLite searches with LIKE).

A GIN index on ``statements_document_tsv(text)``, the expression statements.documents.VECTOR
writes, so that a sentence the extractor missed can still be found. PostgreSQL refuses a
tsvector larger than 1 MB ("string is too long for tsvector"), which a huge transcript could
reach; an index expression that failed would refuse the document's INSERT. The function
therefore never fails: it falls back to the vector of the text's first 100,000 characters,
which is well under the limit whatever the text (a lexeme of n bytes costs at most n + 6
bytes, and the text bounds the lexemes).
"""

from django.db import migrations

INDEX = "document_text_fts_idx"
FUNCTION = """
CREATE OR REPLACE FUNCTION statements_document_tsv(body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN to_tsvector('english'::regconfig, COALESCE(body, ''));
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN to_tsvector('english'::regconfig, left(body, 100000));
END
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON statements_document "
        "USING gin (statements_document_tsv(text))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute("DROP FUNCTION IF EXISTS statements_document_tsv(text)")


class Migration(migrations.Migration):
    dependencies = [("statements", "0014_speaker_slug")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
