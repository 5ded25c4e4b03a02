"""Counts read from the monthly summary (:mod:`statements.summary` keeps it current): the
timeline's total and chart, a speaker's summary, the speakers index and the pledge ledger's
areas. Filters the summary cannot answer (full-text search, a topic and a group at once) fall
back to a live count, which the caller caches per data version."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from .dates import earliest, last_whole_start, latest, month_end, next_month
from .models import DatePrecision, MonthlyCount, Speaker, Statement, Topic
from .queries import apply_filters, chart_of, timeline_base

# Filters the summary answers; any other (full-text search) needs a live count.
SUMMARY_FILTERS = {"speaker", "side", "topic", "group", "pledges", "verified", "since", "until"}


def answers(filters: dict) -> bool:
    """Whether the summary can count the timeline rows matching ``filters``."""
    keys = set(filters) - {"sort", "stack"}
    return keys <= SUMMARY_FILTERS and not ("topic" in keys and "group" in keys)


def _narrowed(filters: dict) -> QuerySet[MonthlyCount]:
    rows = MonthlyCount.objects.all()
    if topic := filters.get("topic"):
        rows = rows.filter(topic=topic)
    elif group := filters.get("group"):
        rows = rows.filter(armed_group=group)
    else:
        rows = rows.filter(topic__isnull=True, armed_group__isnull=True)
    if speakers := filters.get("speaker"):
        rows = rows.filter(speaker__in=list(speakers))
    if side := filters.get("side"):
        rows = rows.filter(speaker__side=side)
    if filters.get("pledges"):
        rows = rows.filter(is_pledge=True)
    if filters.get("verified"):
        rows = rows.filter(verified=True)
    return rows


def _ranges(since: dt.date | None, until: dt.date | None):
    """Split a date range into whole months (read from the summary) and at most two partial
    months at its ends (counted live): (first month, last month or None, partial ranges)."""
    partial: list[tuple[dt.date, dt.date]] = []
    first = last = None
    if since is not None:
        first = since.replace(day=1)
        if since.day != 1:
            end = month_end(since) if until is None else min(until, month_end(since))
            partial.append((since, end))
            first = next_month(first) or dt.date.max
    if until is not None:
        last = until.replace(day=1)
        if until != month_end(until):
            begin = last if since is None else max(last, since)
            if (begin, until) not in partial:
                partial.append((begin, until))
            # None before January of year 1: no whole month up to ``until``.
            last = (last - dt.timedelta(days=1)).replace(day=1) if last > dt.date.min else None
            if last is None:
                first = last = dt.date.max
    if first and last and first > last:
        first = last = dt.date.max  # no whole month inside the range
    return first, last, partial


def in_whole_months(rows: QuerySet[MonthlyCount], first, last) -> QuerySet[MonthlyCount]:
    """Summary rows whose period lies within the months ``first`` to ``last`` (first days;
    None: unbounded): a month's rows when the month does, a year-only row when its whole
    year does."""
    if first is not None:
        rows = rows.filter(month__gte=first)
    if last is not None:
        rows = rows.filter(month__lte=last)
        year = last_whole_start(month_end(last), DatePrecision.YEAR)
        rows = rows.exclude(Q(precision=DatePrecision.YEAR) & (Q(month__gt=year) if year else Q()))
    return rows


def monthly_rows(filters: dict, key: str) -> list[tuple[dt.date | None, object, int, str]]:
    """(month, key value, count, precision) for the timeline rows matching ``filters``, where
    ``key`` is a field path from the statement (``speaker__side``, ``speaker__name``); month
    is None for undated rows, January for rows known only to the year (precision ``year``).
    ``answers(filters)`` must hold."""
    since, until = filters.get("since"), filters.get("until")
    first, last, partial = _ranges(since, until)
    rows = in_whole_months(_narrowed(filters), first, last)
    found = list(
        rows.order_by()
        .values("month", key, "precision")
        .annotate(total=Sum("n"))
        .values_list("month", key, "total", "precision")
    )
    for begin, end in partial:
        live = apply_filters(timeline_base(), {**filters, "since": begin, "until": end})
        found += _live_rows(live, key)
    return found


def speaker_totals() -> list[dict]:
    """Per speaker with timeline rows: total, pledges, and first and last date said, each a
    (first day, precision) pair or None (see :func:`earliest`)."""
    rows = (
        MonthlyCount.objects.filter(topic__isnull=True, armed_group__isnull=True)
        .order_by()
        .values("speaker_id", "precision")
        .annotate(
            total=Sum("n"),
            pledges=Sum("n", filter=Q(is_pledge=True), default=0),
            first=Min("first_said"),
            last=Max("last_said"),
        )
    )
    speakers: dict[int, dict] = {}
    for row in rows:
        found = speakers.setdefault(
            row["speaker_id"],
            {"speaker_id": row["speaker_id"], "total": 0, "pledges": 0, "firsts": [], "lasts": []},
        )
        found["total"] += row["total"]
        found["pledges"] += row["pledges"]
        if row["first"]:
            found["firsts"].append((row["first"], row["precision"]))
            found["lasts"].append((row["last"], row["precision"]))
    for found in speakers.values():
        found["first"], found["last"] = earliest(found.pop("firsts")), latest(found.pop("lasts"))
    return [row for row in speakers.values() if row["total"]]


def speaker_summary(speaker: Speaker) -> dict:
    """A speaker's total, pledge total, monthly rows by side, and topics with counts."""
    rows = list(
        MonthlyCount.objects.filter(speaker=speaker, topic__isnull=True, armed_group__isnull=True)
        .order_by()
        .values("month", "is_pledge", "precision")
        .annotate(total=Sum("n"))
        .values_list("month", "is_pledge", "total", "precision")
    )
    topics = (
        Topic.objects.filter(monthly_counts__speaker=speaker)
        .annotate(
            n=Sum("monthly_counts__n"),
            pledges=Sum("monthly_counts__n", filter=Q(monthly_counts__is_pledge=True), default=0),
        )
        .order_by("-n", "name")
    )
    return {
        "total": sum(n for _, _, n, _ in rows),
        "pledge_total": sum(n for _, pledge, n, _ in rows if pledge),
        "months": [(month, speaker.side, n, period) for month, _, n, period in rows],
        "first": earliest((r[0], r[3]) for r in rows if r[0]),
        "last": latest((r[0], r[3]) for r in rows if r[0]),
        "topics": list(topics),
    }


def timeline_counts(filters: dict, stack: str = "side") -> tuple[int, dict]:
    """The total and the monthly chart of the timeline rows matching ``filters``: from the
    summary where it answers them, counted live otherwise."""
    key = "speaker__name" if stack == "speaker" else "speaker__side"
    if answers(filters):
        rows = monthly_rows(filters, key)
        return sum(row[2] for row in rows), chart_of(rows, stack)
    # Counted live in one grouped query: undated rows count in the total, not in the chart.
    rows = _live_rows(apply_filters(timeline_base(), filters, annotate=False), key)
    return sum(row[2] for row in rows), chart_of(rows, stack)


def _live_rows(statements: QuerySet[Statement], key: str) -> list[tuple]:
    return list(
        statements.order_by()
        .annotate(month=TruncMonth("said_on"))
        .values("month", key, "date_precision")
        # No DISTINCT: the filters join at most one topic and one group row per statement.
        .annotate(total=Count("id"))
        .values_list("month", key, "total", "date_precision")
    )


# Filters under which the pledge ledger can be read from the summary: its areas are topics, so
# a topic or group filter would need topic co-occurrences, which the summary does not keep.
LEDGER_FILTERS = {"speaker", "side", "pledges", "verified", "since", "until"}


def pledge_areas(filters: dict) -> dict | None:
    """The pledge ledger's aggregates from the summary, or None where it cannot answer.

    ``topics``: per topic id, pledges, first and last day; ``unfiled``: the same for pledges
    with no topic; ``speakers``: (topic id or None, name, slug, side, pledges), most first.
    """
    since, until = filters.get("since"), filters.get("until")
    if not set(filters) - {"sort", "stack"} <= LEDGER_FILTERS:
        return None
    if (since and since.day != 1) or (until and until != month_end(until)):
        return None  # partial months: counted live
    rows = MonthlyCount.objects.filter(is_pledge=True)
    if speakers := filters.get("speaker"):
        rows = rows.filter(speaker__in=list(speakers))
    if side := filters.get("side"):
        rows = rows.filter(speaker__side=side)
    if filters.get("verified"):
        rows = rows.filter(verified=True)
    rows = in_whole_months(rows, since, until.replace(day=1) if until else None)
    dates = {"n": Sum("n", default=0), "first": Min("first_said"), "last": Max("last_said")}
    by_topic = rows.filter(topic__isnull=False).order_by()
    unfiled = rows.filter(topic__isnull=True, armed_group__isnull=True, has_topic=False)
    who = ("speaker__name", "speaker__slug", "speaker__side")
    speakers = [
        (row["topic_id"], *(row[k] for k in who), row["n"])
        for row in by_topic.values("topic_id", *who).annotate(n=Sum("n"))
    ] + [
        (None, *(row[k] for k in who), row["n"])
        for row in unfiled.order_by().values(*who).annotate(n=Sum("n"))
    ]
    speakers.sort(key=lambda row: (-row[4], row[1]))
    return {
        "topics": {row["topic_id"]: row for row in by_topic.values("topic_id").annotate(**dates)},
        "unfiled": unfiled.aggregate(**dates),
        "speakers": speakers,
    }
