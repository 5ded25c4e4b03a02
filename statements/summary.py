"""Monthly counts kept current on write, so aggregates cost the same at 10k and 1M statements.

The timeline's total and chart, a speaker's summary, the speakers index and the speaker
choices all count *timeline rows*: statements that are not rejected, with re-reports folded
into the first report (see :func:`statements.queries.timeline_base`). Counting them live means
reading every matching statement (over a second at a million statements). Instead,
:class:`~statements.models.MonthlyCount` holds those counts per speaker and month ("cells"),
and every write recomputes the cells it touched from the statements themselves. Within a cell
the rows are split by date precision too, so that a statement known only to its year (whose
month is January) is not read as a January one, and first and last dates keep their precision:

- the pipeline and the services that write in bulk pass the cells they touched to
  :func:`summary_refresh`;
- single saves and deletes (the admin) reach it through signals (:mod:`statements.signals`);
- inside :func:`collecting`, refreshes are gathered and done once at the end of the block.

Recomputing a cell reads one speaker's statements of one month (an index range scan) and is
idempotent, so a cell refreshed twice is simply right twice. Its cost grows with the cell,
though, and a backfill adds a few statements at a time to ever larger cells: so statements the
pipeline has just created (and that are timeline rows) are *added* to their cells instead
(:func:`count_created`), an update of the counts in place on PostgreSQL, whatever the cell's
size. A cell that is also refreshed is only recomputed. Concurrent writers serialize on a
transaction-level advisory lock per cell, taken in a fixed order. Filters the summary cannot
answer (full-text search, a topic and a group at once) fall back to a live count, which the
caller caches per data version (:mod:`statements.summary_reads`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import (
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth

from .dates import month_end
from .models import MonthlyCount, Statement
from .queries import timeline_base

Cell = tuple[int, dt.date | None]  # (speaker id, first day of the month or None for undated)

VERIFIED = [Statement.Review.VERIFIED, Statement.Review.EDITED]
LOCK_NAMESPACE = 0x5C0  # advisory lock keys are (namespace + speaker id, yyyymm)

_local = threading.local()


def month_of(day: dt.date | None) -> dt.date | None:
    return day.replace(day=1) if day else None


def cells_of(rows: Iterable[tuple[int, dt.date | None]]) -> set[Cell]:
    """The cells of (speaker id, said_on) pairs."""
    return {(speaker_id, month_of(said_on)) for speaker_id, said_on in rows}


def cells_of_statements(statements: QuerySet[Statement]) -> set[Cell]:
    """The cells of these statements and of their re-reports (whose visibility follows theirs)."""
    pks = list(statements.values_list("pk", flat=True))
    if not pks:
        return set()
    return cells_of(
        Statement.objects.filter(Q(pk__in=pks) | Q(canonical_id__in=pks)).values_list(
            "speaker_id", "said_on"
        )
    )


# Writing -------------------------------------------------------------------------------------


@contextlib.contextmanager
def collecting(*, by_caller: bool = False) -> Iterator[set[Cell]]:
    """Gather the refreshes asked for inside the block and do them once, at its end.

    Yields the set of pending cells, to which the caller may add its own. With ``by_caller``
    the caller promises to add every cell it touches, so single-row signals need not look
    them up (the pipeline deletes and creates rows by the hundred).
    """
    outer = getattr(_local, "pending", None)
    if outer is not None:  # nested: the outermost block refreshes
        yield outer
        return
    _local.pending, _local.by_caller, _local.created = pending, _, created = set(), by_caller, []
    try:
        yield pending
        _refresh_now(pending, created)
    finally:
        _local.pending, _local.by_caller, _local.created = None, False, []


def signals_wanted() -> bool:
    """Whether single-row signals should look up and refresh the cells they touch."""
    return not getattr(_local, "by_caller", False)


def summary_refresh(*, cells: Iterable[Cell] = (), speakers: Iterable[int] = ()) -> None:
    """Recompute these cells, and every cell of these speakers, from the statements."""
    cells = set(cells)
    if speakers := list(speakers):
        cells |= set(
            Statement.objects.filter(speaker_id__in=speakers)
            .annotate(month=TruncMonth("said_on"))
            .order_by()
            .values_list("speaker_id", "month")
            .distinct()
        )
        # Cells of theirs that no longer hold any statement must go too.
        cells |= set(
            MonthlyCount.objects.filter(speaker_id__in=speakers).values_list("speaker_id", "month")
        )
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending |= cells
    else:
        _refresh_now(cells)


def count_created(rows: Iterable[tuple]) -> None:
    """Add these new statements, each a timeline row, to their cells (inside ``collecting``,
    whose block must not refresh their cells for them). Each row: (speaker id, said_on,
    is_pledge, review status, topic ids, armed group ids, date precision)."""
    created = getattr(_local, "created", None)
    if getattr(_local, "pending", None) is None or created is None:
        raise RuntimeError("count_created() belongs inside summary.collecting()")
    created.extend(rows)


def _cell_filter(cells: list[Cell], speaker: str, day: str, *, by_month: bool) -> Q:
    q = Q()
    for speaker_id, month in cells:
        if month is None:
            q |= Q(**{speaker: speaker_id, f"{day}__isnull": True})
        elif by_month:
            q |= Q(**{speaker: speaker_id, day: month})
        else:
            # Up to the month's last day, not before the next month's first: December 9999
            # has none.
            q |= Q(**{speaker: speaker_id, f"{day}__gte": month, f"{day}__lte": month_end(month)})
    return q


def _lock(cells: list[Cell]) -> None:
    """Take the cells' advisory locks, which the transaction holds until it ends."""
    if connection.vendor != "postgresql":  # SQLite runs one writer at a time anyway
        return
    keys = [
        (LOCK_NAMESPACE + speaker_id, month.year * 100 + month.month if month else 0)
        for speaker_id, month in cells
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_advisory_xact_lock(k1, k2)) FROM"
            " (SELECT k1, k2 FROM unnest(%s::int[], %s::int[]) AS t(k1, k2) ORDER BY k1, k2) AS s",
            [[k for k, _ in keys], [m for _, m in keys]],
        )


def _refresh_now(cells: set[Cell], created: list[tuple] = ()) -> None:
    """Recompute ``cells`` and add the ``created`` rows to theirs (cells in both are only
    recomputed: the new statements are already there to count)."""
    added = _tally(created)
    more = {(speaker_id, month) for month, speaker_id, *_ in added} - cells
    if connection.vendor != "postgresql":  # the demo's database: recompute those cells too
        cells, more = cells | more, set()
    if not cells and not more:
        return
    ordered = sorted(cells | more, key=lambda c: (c[0], c[1] or dt.date.min))
    with transaction.atomic():
        for start in range(0, len(ordered), 500):  # bounded OR lists
            _lock(ordered[start : start + 500])
        recompute = [cell for cell in ordered if cell in cells]
        for start in range(0, len(recompute), 500):
            chunk = recompute[start : start + 500]
            MonthlyCount.objects.filter(
                _cell_filter(chunk, "speaker_id", "month", by_month=True)
            ).delete()
            rows = timeline_base().filter(
                _cell_filter(chunk, "speaker_id", "said_on", by_month=False)
            )
            _insert(_count_rows(rows))
        if more:
            _add({key: count for key, count in added.items() if (key[1], key[0]) in more})


def _insert(rows: Iterator[MonthlyCount]) -> None:
    while batch := list(itertools.islice(rows, 5000)):
        MonthlyCount.objects.bulk_create(batch)


# The columns that identify a summary row, and their SQL types.
KEY = {
    "month": "date",
    "speaker_id": "bigint",
    "is_pledge": "boolean",
    "verified": "boolean",
    "has_topic": "boolean",
    "topic_id": "bigint",
    "armed_group_id": "bigint",
    "precision": "text",
}
KEY_COLUMNS = tuple(KEY)

# Matches the expressions of the unique index monthlycount_key_unique, so that ON CONFLICT
# finds the row a delta belongs to by that index.
_ADD_SQL = """
INSERT INTO {table} AS m ({columns}, n, first_said, last_said)
SELECT * FROM unnest({arrays}, %s::integer[], %s::date[], %s::date[])
ON CONFLICT (speaker_id, (COALESCE(month, '-infinity'::date)), is_pledge, verified, has_topic,
             (COALESCE(topic_id, 0)), (COALESCE(armed_group_id, 0)), precision)
DO UPDATE SET n = m.n + excluded.n,
              first_said = LEAST(m.first_said, excluded.first_said),
              last_said = GREATEST(m.last_said, excluded.last_said)
"""


def _add(counts: dict[tuple, list]) -> None:
    """Add counts to their summary rows, creating the rows that are missing: one statement on
    PostgreSQL, each row found through the unique index. The caller holds the cells' locks."""
    if not counts:
        return
    sql = _ADD_SQL.format(
        table=MonthlyCount._meta.db_table,
        columns=", ".join(KEY_COLUMNS),
        arrays=", ".join(f"%s::{kind}[]" for kind in KEY.values()),
    )
    keys = list(counts)
    columns = [[key[i] for key in keys] for i in range(len(KEY_COLUMNS))]
    totals = [[counts[key][i] for key in keys] for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*columns, *totals])


def _count_rows(statements: QuerySet[Statement]) -> Iterator[MonthlyCount]:
    """The summary rows of these statements (whole cells of them, to be exact): the rows and
    their topic and group links are read once and counted here, which costs one scan of the
    cells' statements instead of one per slice."""
    rows = list(
        statements.order_by().values_list(
            "pk", "speaker_id", "said_on", "is_pledge", "review_status", "date_precision"
        )
    )
    topics: dict[int, list[int]] = defaultdict(list)
    groups: dict[int, list[int]] = defaultdict(list)
    through = (
        (Statement.topics.through, "topic_id", topics),
        (Statement.armed_groups.through, "armedgroup_id", groups),
    )
    for start in range(0, len(rows), 10_000):
        ids = [row[0] for row in rows[start : start + 10_000]]
        for model, field, links in through:
            for statement_id, label in model.objects.filter(statement_id__in=ids).values_list(
                "statement_id", field
            ):
                links[statement_id].append(label)
    counted = _tally(
        (speaker_id, said_on, is_pledge, status, topics.get(pk, ()), groups.get(pk, ()), period)
        for pk, speaker_id, said_on, is_pledge, status, period in rows
    )
    for key, (n, first, last) in counted.items():
        yield MonthlyCount(
            **dict(zip(KEY_COLUMNS, key, strict=True)), n=n, first_said=first, last_said=last
        )


def _tally(rows: Iterable[tuple]) -> dict[tuple, list]:
    """Summary counts of timeline rows given as (speaker id, said_on, is_pledge, review
    status, topic ids, armed group ids, date precision): {KEY_COLUMNS values: [n, first said,
    last said]}."""
    counts: dict[tuple, list] = {}
    for speaker_id, said_on, is_pledge, status, topic_ids, group_ids, period in rows:
        cell = (month_of(said_on), speaker_id, is_pledge, status in VERIFIED, bool(topic_ids))
        keys = [(*cell, None, None, period)]
        keys += [(*cell, topic_id, None, period) for topic_id in topic_ids]
        keys += [(*cell, None, group_id, period) for group_id in group_ids]
        for key in keys:
            count = counts.setdefault(key, [0, said_on, said_on])
            count[0] += 1
            if said_on is not None:
                count[1] = min(count[1] or said_on, said_on)
                count[2] = max(count[2] or said_on, said_on)
    return counts


def rebuild_sql(vendor: str, *, precision: bool = True) -> list[str]:
    """Statements that recompute the whole summary inside the database (a million statements
    in seconds). Plain SQL, so that the migration creating the table can run it too (without
    ``precision``: the column came later)."""
    month = {
        "postgresql": "CAST(date_trunc('month', s.said_on) AS date)",
        "sqlite": "date(s.said_on, 'start of month')",
    }[vendor]
    verified = ", ".join(f"'{status}'" for status in VERIFIED)
    rejected = Statement.Review.REJECTED.value
    visible = (
        "FROM statements_statement s"
        " LEFT JOIN statements_statement c ON c.id = s.canonical_id {join}"
        f" WHERE s.review_status <> '{rejected}'"
        f" AND (s.canonical_id IS NULL OR c.review_status = '{rejected}')"
    )
    # The precision leads the key's columns here, so that GROUP BY numbers stay put.
    lead, by = ("precision, ", "s.date_precision, ") if precision else ("", "")
    insert = (
        f"INSERT INTO statements_monthlycount ({lead}month, speaker_id, is_pledge, verified,"
        " has_topic, topic_id, armed_group_id, n, first_said, last_said)"
        f" SELECT {by}{month}, s.speaker_id, s.is_pledge, s.review_status IN ({verified}),"
        " EXISTS (SELECT 1 FROM statements_statement_topics t WHERE t.statement_id = s.id),"
    )
    counts = " COUNT(*), MIN(s.said_on), MAX(s.said_on) "
    shift = 1 if precision else 0

    def group_by(*columns: int) -> str:
        return " GROUP BY " + ", ".join(str(c + shift) for c in (*range(1 - shift, 6), *columns))

    return [
        "DELETE FROM statements_monthlycount",
        insert + " NULL, NULL," + counts + visible.format(join="") + group_by(),
        insert
        + " l.topic_id, NULL,"
        + counts
        + visible.format(join="JOIN statements_statement_topics l ON l.statement_id = s.id")
        + group_by(6),
        insert
        + " NULL, l.armedgroup_id,"
        + counts
        + visible.format(join="JOIN statements_statement_armed_groups l ON l.statement_id = s.id")
        + group_by(7),
    ]


def summary_rebuild() -> int:
    """Recompute every cell from scratch; returns how many summary rows there are."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # writers wait; readers keep the old rows
            cursor.execute(f"LOCK TABLE {MonthlyCount._meta.db_table} IN EXCLUSIVE MODE")
        for sql in rebuild_sql(connection.vendor):
            cursor.execute(sql)
        return MonthlyCount.objects.count()
