"""The current filtered view as CSV or JSON, streamed row by row from one database cursor.

One query whatever the number of rows: plain values (no model instances), each statement's
topics and armed groups aggregated in SQL, read through a server-side cursor on PostgreSQL so
memory stays flat however large the export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Collate
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from ..cards import Links
from ..dates import as_said
from ..forms import NON_FILTER_PARAMS
from ..models import Statement
from ..queries import apply_filters, in_timeline_order, timeline_base
from ..quotes import quotation
from ..reports import report_count
from .common import filter_form, reader_view
from .csv_copy import copy_rows, copy_sql

BOM = "\ufeff"
CHUNK = 2000  # rows per fetch from the server-side cursor
BUFFER = 64 * 1024  # characters per chunk written to the client
COLUMNS = [
    "id",
    "said_on",
    "date_precision",
    "speaker",
    "role",
    "side",
    "direct",
    "text",
    "own_words",
    "is_pledge",
    "topics",
    "armed_groups",
    "outlets_reporting",
    "review_status",
    "document_title",
    "outlet",
    "published_on",
    "document_url",
    "source_url",
    "organization",
    "statement_url",
]
TOPICS, GROUPS = COLUMNS.index("topics"), COLUMNS.index("armed_groups")
# A spreadsheet opening the CSV reads a cell that starts with one of these as a formula: a
# title, outlet or quotation taken from a hostile page could run one (=HYPERLINK, =WEBSERVICE,
# DDE). As OWASP's CSV injection guidance advises, such a cell starts with a single quote,
# which spreadsheets take as "this is text" and do not show. The full-width forms are read as
# formulas by some East Asian locales. Our numeric columns are numbers, never negative, and
# are left alone; text such as "-5 killed" gains the quote.
FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\0",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)
# What the query selects, in this order (export_rows turns it into COLUMNS).
FIELDS = [
    "id",
    "said_on",
    "date_precision",
    "speaker__name",
    "speaker__role",
    "speaker__side",
    "direct",
    "text",
    "is_pledge",
    "topic_names",
    "group_names",
    "report_count",
    "review_status",
    "document__title",
    "document__outlet__name",
    "document__published_on",
    "document__url",
    "document_id",
    "start",
    "words",
    "speaker__organization",
]


class _JSONGroupArray(Aggregate):
    """SQLite's json_group_array (the `make run` database); sorted in Python afterwards."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()


def _names(through: type, name: str) -> Subquery:
    """The names of a statement's topics (or groups) as one array, sorted on PostgreSQL by
    code point, as Python's ``sorted`` sorts them."""
    if connection.vendor == "postgresql":
        aggregate = ArrayAgg(name, order_by=Collate(name, "C"))
    else:
        aggregate = _JSONGroupArray(name)
    names = (
        through.objects.filter(statement=OuterRef("pk"))
        .order_by()
        .values("statement")
        .annotate(names=aggregate)
        .values("names")
    )
    return Subquery(names)


def export_values(filters: dict) -> QuerySet:
    """The export's rows as tuples of FIELDS, in timeline order."""
    statements = apply_filters(timeline_base(), filters, annotate=False).annotate(
        topic_names=_names(Statement.topics.through, "topic__name"),
        group_names=_names(Statement.armed_groups.through, "armedgroup__short_name"),
        report_count=Coalesce(report_count(), 0),  # the other documents reporting the remark
    )
    return in_timeline_order(statements).values_list(*FIELDS)


def streamed(queryset: QuerySet) -> Iterator[tuple]:
    """The queryset's rows as PostgreSQL finds them, through a server-side cursor declared
    inside a transaction. Outside one (autocommit) Django declares it WITH HOLD, and PostgreSQL
    then runs the whole query before the first row goes out (15 s for a million rows); inside,
    the cursor hands rows out as the plan yields them, and its planner prefers a plan that
    yields the first ones soon (cursor_tuple_fraction)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The session plans server-side cursors for all their rows (config/settings);
                # this one, for PostgreSQL's default: a plan whose first rows come soon.
                cursor.execute("SET LOCAL cursor_tuple_fraction = 0.1")
        yield from queryset.iterator(chunk_size=CHUNK)


def export_rows(request: HttpRequest, filters: dict) -> Iterator[list]:
    """Each row's values in COLUMNS order; topics and armed groups as lists."""
    # Every source link differs only by the document and statement ids.
    links = Links()
    _, head, tail = links.document
    head = request.build_absolute_uri(head)
    _, permalink_head, permalink_tail = links.statement
    permalink_head = request.build_absolute_uri(permalink_head)
    for (
        pk,
        said_on,
        precision,
        speaker,
        role,
        side,
        direct,
        text,
        is_pledge,
        topics,
        groups,
        reports,
        review_status,
        title,
        outlet,
        published_on,
        url,
        document_id,
        start,
        words,
        organization,
    ) in streamed(export_values(filters)):
        yield [
            pk,
            as_said(said_on, precision),  # as the source gives it: 2024, 2024-05, 2024-05-15
            precision if said_on else "",
            speaker,
            role,
            side,
            direct,
            text,
            # The speaker's own words, the quotation; "text" is the sentence reporting them.
            quotation(text, start, words, direct)[0],
            is_pledge,
            sorted(topics or []),
            sorted(groups or []),
            reports + 1,
            review_status,
            title,
            outlet or "",
            published_on.isoformat() if published_on else "",
            url,
            f"{head}{document_id}{tail}#s{pk}",
            organization,
            f"{permalink_head}{pk}{permalink_tail}",
        ]


def export_filters(form, filters: dict) -> dict:
    """The filters an export applied, as the query gave them (slugs and ISO dates), by name;
    a list for the speakers, true for a checkbox."""
    given = {}
    for name in filters:
        if name in NON_FILTER_PARAMS:
            continue
        if name == "speaker":
            given[name] = list(dict.fromkeys(form.data.getlist(name)))
        elif filters[name] is True:
            given[name] = True
        else:
            given[name] = form.data.get(name)
    return given


def _filename(extension: str) -> str:
    return f"statements-{timezone.now():%Y%m%d-%H%M}.{extension}"


def _buffered(pieces: Iterator) -> Iterator:
    """The pieces (all text, or all bytes) joined into chunks of about BUFFER characters: one
    write to the client per chunk rather than one per row (tens of thousands of system calls
    for a large export)."""
    pieces = iter(pieces)
    yield next(pieces, "")  # the first at once (a CSV's header): the download begins
    buffer: list = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= BUFFER:
            yield piece[:0].join(buffer)
            buffer, size = [], 0
    if buffer:
        yield buffer[0][:0].join(buffer)


def _body(request: HttpRequest, chunks: Callable[[], Iterator[str]]) -> Iterator[str]:
    """The export's body; none for HEAD, which then costs no query (the headers are the same)."""
    return iter(()) if request.method == "HEAD" else _buffered(chunks())


def spreadsheet_safe(value):
    """A cell value a spreadsheet will show as text, never evaluate (see FORMULA_STARTS)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(request: HttpRequest, filters: dict) -> Iterator[str]:
    """The CSV written in Python, row by row (SQLite; and what the COPY's output matches)."""
    writer = csv.writer(_Echo())
    for row in export_rows(request, filters):
        row[TOPICS], row[GROUPS] = "; ".join(row[TOPICS]), "; ".join(row[GROUPS])
        yield writer.writerow([spreadsheet_safe(value) for value in row])


def copied_lines(request: HttpRequest, filters: dict) -> Iterator[bytes]:
    """The same lines, written by PostgreSQL (:mod:`.csv_copy`)."""
    links = Links()
    heads = {
        "document_head": request.build_absolute_uri(links.document[1]),
        "document_tail": links.document[2],
        "statement_head": request.build_absolute_uri(links.statement[1]),
        "statement_tail": links.statement[2],
    }
    return copy_rows(copy_sql(export_values(filters), heads, FORMULA_STARTS))


@reader_view
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    header = BOM + csv.writer(_Echo()).writerow(COLUMNS)

    def lines() -> Iterator[str | bytes]:
        # A byte order mark: spreadsheets then read the file as UTF-8 (quotes, dashes, Urdu
        # names), not in the system's legacy code page.
        filters = filter_form(request)[1]
        if connection.vendor == "postgresql":
            yield header.encode()
            yield from copied_lines(request, filters)
        else:
            yield header
            yield from csv_lines(request, filters)

    response = StreamingHttpResponse(_body(request, lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@reader_view
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        form, filters = filter_form(request)
        # What was exported, and when: the filters as given (those understood), and any ignored.
        about = {
            "exported_at": timezone.now().isoformat(timespec="seconds"),
            "filters": export_filters(form, filters),
            "ignored": form.ignored(),
            "url": request.build_absolute_uri(),
        }
        yield json.dumps(about, ensure_ascii=False)[:-1] + ', "statements": ['
        for i, row in enumerate(export_rows(request, filters)):
            record = dict(zip(COLUMNS, row, strict=True))
            yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(_body(request, chunks), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
