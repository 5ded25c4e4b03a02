"""The CSV export written by PostgreSQL itself: ``COPY (SELECT ...) TO STDOUT`` through psycopg.

The export's query (``exports.export_values``) is wrapped in a SELECT that turns each row into
the export's cells exactly as the Python writer does (the date at its precision, the speaker's
own words, sorted names, absolute links, a quote before a cell a spreadsheet would read as a
formula, True/False); PostgreSQL's CSV writer then quotes them as Python's does, and each row
is handed on as it comes, its line ending made CRLF as the ``csv`` module writes it. The bytes
are the same as the Python writer's (tests/statements/test_export_copy.py); they go out ten
times faster, and from the first rows on.

Sorting is disabled for the transaction: PostgreSQL plans a COPY for its total time and would
otherwise sort the whole result (every row of a million) before sending one. With it off the
rows come in the order of the keyset indexes (statement_keyset_idx and the speaker's and
pledges' ones), first row within milliseconds whatever the size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db import connection, transaction
from django.db.models import QuerySet

# The speaker's own words (statements.quotes.own_words) in SQL: the spans of ``words`` as
# offsets into the statement's text, none at all when any is malformed or does not fit, each
# part stripped (of what Python's str.strip strips), joined by " … ", the whole stripped.
# Only for a direct quotation.
WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
_INTEGER = """CASE jsonb_typeof({v})
  WHEN 'number' THEN trunc(({v} #>> '{{}}')::numeric)
  WHEN 'string' THEN CASE WHEN ({v} #>> '{{}}') ~ '^\\s*[-+]?[0-9]+\\s*$'
                          THEN btrim({v} #>> '{{}}')::numeric END END"""
_VALID = "w.s IS NOT NULL AND w.e IS NOT NULL AND 0 <= w.s AND w.s < w.e AND w.e <= length(e.text)"
# (CASE, not AND: PostgreSQL may evaluate AND's operands in any order.)
OWN_WORDS = f"""CASE WHEN e.direct AND jsonb_typeof(e.words) = 'array' THEN
  CASE WHEN jsonb_array_length(e.words) > 0 THEN (
    SELECT CASE WHEN bool_and({_VALID}) THEN btrim(string_agg(
        CASE WHEN {_VALID}
             THEN btrim(substr(e.text, (w.s + 1)::int, (w.e - w.s)::int), %(space)s) END,
        ' … ' ORDER BY w.s, w.e), %(space)s) END
    FROM (SELECT {_INTEGER.format(v="(x -> 0)")} - e.start AS s,
                 {_INTEGER.format(v="(x -> 1)")} - e.start AS e
          FROM jsonb_array_elements(e.words) AS x) AS w) END END"""


def _cell(expression: str) -> str:
    """A text cell: NULL for empty (the CSV writer then writes nothing, as Python's does), a
    quote before a formula's first character (views.exports.spreadsheet_safe)."""
    return (
        f"CASE WHEN left({expression}, 1) = ANY(%(formula)s) THEN '''' || {expression} "
        f"ELSE NULLIF({expression}, '') END"
    )


def _boolean(column: str) -> str:
    return f"CASE WHEN e.{column} THEN 'True' ELSE 'False' END"


# The export's COLUMNS, from the aliases of exports.FIELDS.
CELLS = [
    "e.id",
    """CASE WHEN e.said_on IS NULL THEN NULL
       WHEN e.date_precision = 'year' THEN to_char(e.said_on, 'YYYY')
       WHEN e.date_precision = 'month' THEN to_char(e.said_on, 'YYYY-MM')
       ELSE to_char(e.said_on, 'YYYY-MM-DD') END""",
    _cell("CASE WHEN e.said_on IS NOT NULL THEN e.date_precision END"),
    _cell("e.speaker__name"),
    _cell("e.speaker__role"),
    _cell("e.speaker__side"),
    _boolean("direct"),
    _cell("e.text"),
    _cell("e.own_words"),
    _boolean("is_pledge"),
    # Sorted by code point in the export's query (exports._names).
    _cell("array_to_string(e.topic_names, '; ')"),
    _cell("array_to_string(e.group_names, '; ')"),
    "e.report_count + 1",
    _cell("e.review_status"),
    _cell("e.document__title"),
    _cell("e.document__outlet__name"),
    "to_char(e.document__published_on, 'YYYY-MM-DD')",
    _cell("e.document__url"),
    _cell("%(document_head)s || e.document_id || %(document_tail)s || '#s' || e.id"),
    _cell("e.speaker__organization"),
    _cell("%(statement_head)s || e.id || %(statement_tail)s"),
]


def copy_sql(queryset: QuerySet, heads: dict[str, str], formula: Sequence[str]) -> str:
    """The COPY statement for the export's rows (``queryset``: exports.export_values), the
    links' fixed parts and the characters that start a formula filled in."""
    inner, inner_params = queryset.query.sql_with_params()
    # The values worked out once per row in a middle query (OFFSET 0 keeps it apart, so that
    # each is computed once, not once for each time its cell names it).
    middle = f"SELECT e.*, {OWN_WORDS} AS own_words FROM (__EXPORT__) AS e OFFSET 0"
    select = f"SELECT {', '.join(CELLS)} FROM ({middle}) AS e"
    params = {
        "space": WHITESPACE,
        "formula": [c for c in formula if c != "\0"],  # PostgreSQL text holds no NUL
        **heads,
    }
    with connection.cursor() as cursor:
        # COPY takes no parameters: both parts are bound here, each with its own (the inner
        # query's are positional, the outer ones named).
        outer = cursor.mogrify(select, params)
        outer = outer.replace("__EXPORT__", cursor.mogrify(inner, inner_params))
    return f"COPY ({outer}) TO STDOUT WITH (FORMAT csv)"


def copy_rows(statement: str) -> Iterator[bytes]:
    """The CSV lines PostgreSQL writes for ``statement``, each ending in CRLF, as they come."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        with cursor.cursor.copy(statement) as copy:
            for line in copy:  # one row per message
                yield bytes(line[:-1]) + b"\r\n"
