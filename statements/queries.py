"""Reads analysts' pages share: visible statements, filters, keyset pages, chart series."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from . import search
from .cards import cards_of, date_label
from .dates import ends_after, in_range, month_end, month_key
from .models import DatePrecision, Side, Statement
from .reports import with_outlets

PAGE_SIZE = 30
TOP_SPEAKERS = 8


# Columns of a card's document that no card shows; large ones above all.
CARD_DEFERRED = (
    "document__text",
    "document__places",
    "document__error",
    "document__content_hash",
)


def with_card_data(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """Everything a statement card shows, loaded up front, in timeline order.

    ``outlets`` is how many documents reported the remark: this one plus its reports. The
    document's text is left out (a transcript is tens of kilobytes, a card shows none of it).
    """
    return in_timeline_order(
        with_outlets(
            queryset.select_related("speaker", "document", "document__outlet")
            .defer(*CARD_DEFERRED)
            .prefetch_related("topics", "armed_groups")
        )
    )


def visible_statements() -> QuerySet[Statement]:
    """Statements an analyst may see (all but rejected ones), ready for cards."""
    return with_card_data(Statement.objects.exclude(review_status=Statement.Review.REJECTED))


def timeline_base() -> QuerySet[Statement]:
    """One row per remark: a report of a visible canonical statement is folded into it."""
    return Statement.objects.exclude(review_status=Statement.Review.REJECTED).filter(
        Q(canonical__isnull=True) | Q(canonical__review_status=Statement.Review.REJECTED)
    )


def apply_filters(
    queryset: QuerySet[Statement], filters: dict, *, annotate: bool = True
) -> QuerySet[Statement]:
    """Narrow statements by the cleaned values of :class:`~statements.forms.StatementFilterForm`."""
    if speakers := filters.get("speaker"):
        queryset = queryset.filter(speaker__in=list(speakers))
    if side := filters.get("side"):
        queryset = queryset.filter(speaker__side=side)
    if topic := filters.get("topic"):
        queryset = queryset.filter(topics=topic)
    if group := filters.get("group"):
        queryset = queryset.filter(armed_groups=group)
    if outlet := filters.get("outlet"):
        queryset = queryset.filter(document__outlet=outlet)
    if event := filters.get("event"):
        queryset = queryset.filter(reactions__event=event)  # unique: one row per statement
    if filters.get("pledges"):
        queryset = queryset.filter(is_pledge=True)
    if filters.get("verified"):
        queryset = queryset.filter(
            review_status__in=[Statement.Review.VERIFIED, Statement.Review.EDITED]
        )
    if since := filters.get("since"):
        queryset = queryset.filter(said_on__gte=since)  # a period's first day: all of it after
    if until := filters.get("until"):
        queryset = queryset.filter(said_on__lte=until).exclude(ends_after(until, "said_on"))
    if q := filters.get("q"):
        queryset = search.search(queryset, q, annotate=annotate)
    return queryset


def cut_periods(queryset: QuerySet[Statement], filters: dict) -> int:
    """How many statements the date range leaves out because it cuts their period (a month or
    a year that begins before ``since`` or ends after ``until``), under the other filters."""
    since, until = filters.get("since"), filters.get("until")
    if not since and not until:
        return 0
    cut = Q(pk__in=[])
    if since:
        for precision in (DatePrecision.MONTH, DatePrecision.YEAR):
            start = (
                since.replace(day=1)
                if precision == DatePrecision.MONTH
                else since.replace(month=1, day=1)
            )
            cut |= Q(date_precision=precision, said_on__gte=start, said_on__lt=since)
    if until:
        cut |= Q(said_on__lte=until) & ends_after(until, "said_on")
    if since and until:
        cut &= Q(said_on__lte=until)
    rest = {k: v for k, v in filters.items() if k not in ("since", "until")}
    return apply_filters(queryset, rest, annotate=False).filter(cut).count()


# Keyset paging -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the last row's (said_on, id), or (rank, id) when sorted by relevance."""

    said_on: dt.date | None = None
    rank: float | None = None
    id: int = 0
    # The last row's date precision, "year" or empty: which group the next page continues.
    period: str = ""

    @property
    def group(self) -> str:
        return group_key(self.said_on, self.period)

    def encode(self) -> str:
        if self.rank is not None:
            return f"r{self.rank!r}_{self.id}"
        year = "y" if self.said_on and self.period == DatePrecision.YEAR else ""
        return f"{self.said_on.isoformat() if self.said_on else 'none'}{year}_{self.id}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        """The cursor in ``raw``, or None when it is missing or malformed."""
        if not raw or "_" not in raw or len(raw) > 60:
            return None
        head, _, tail = raw.rpartition("_")
        try:
            pk = int(tail)
            if not 0 <= pk < 2**63:  # a primary key is a bigint
                return None
            if head.startswith("r"):
                rank = float(head[1:])
                return cls(rank=rank, id=pk) if math.isfinite(rank) else None
            if head == "none":
                return cls(id=pk)
            year = head.endswith("y")
            return cls(
                said_on=dt.date.fromisoformat(head.removesuffix("y")),
                id=pk,
                period=_year_only("year" if year else ""),
            )
        except ValueError:
            return None

    def fits(self, *, relevance: bool) -> bool:
        """Whether this cursor belongs to a page in that order: a rank cursor only to a
        ranked search, a date cursor only to the timeline's order."""
        return (self.rank is not None) == relevance


def by_relevance(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    return queryset.order_by(F("rank").desc(), "-id")


def after(queryset: QuerySet[Statement], cursor: Cursor | None) -> QuerySet[Statement]:
    """Rows after ``cursor`` in the queryset's order (date desc nulls last, or rank desc)."""
    if cursor is None:
        return queryset
    if cursor.rank is not None:
        return queryset.filter(Q(rank__lt=cursor.rank) | Q(rank=cursor.rank, id__lt=cursor.id))
    if cursor.said_on is None:
        return queryset.filter(said_on__isnull=True, id__lt=cursor.id)
    return queryset.filter(
        Q(said_on__lt=cursor.said_on)
        | Q(said_on=cursor.said_on, id__lt=cursor.id)
        | Q(said_on__isnull=True)
    )


@dataclass
class Page:
    cards: list[dict]
    next_cursor: str | None
    previous_month: str | None = None


def in_timeline_order(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """Newest first, undated last; the order of the keyset index (said_on, id)."""
    return queryset.order_by(F("said_on").desc(nulls_last=True), "-id")


def page_of(
    queryset: QuerySet[Statement],
    cursor: Cursor | None,
    *,
    relevance: bool = False,
    q: str | None = None,
) -> Page:
    """One page of cards (:mod:`statements.cards`) after ``cursor``, in the queryset's order;
    each card is marked ``new_month`` where a month heading goes. ``q`` highlights a search."""
    size = PAGE_SIZE
    cards = cards_of(after(queryset, cursor)[: size + 1], q=q)
    more, cards = len(cards) > size, cards[:size]
    next_cursor = None
    if more:
        last = cards[-1]
        next_cursor = (
            Cursor(rank=last["rank"], id=last["pk"])
            if relevance
            else Cursor(last["said_on"], id=last["pk"], period=_year_only(last["period"]))
        ).encode()
    previous = cursor.group if cursor and not relevance and cursor.id else None
    current = previous
    for card in cards:
        group = group_key(card["said_on"], card["period"])
        card["new_month"] = not relevance and group != current
        card["month_name"] = group_name(card["said_on"], card["period"], date_label)
        current = group
    return Page(cards=cards, next_cursor=next_cursor, previous_month=previous)


def _year_only(precision: str) -> str:
    return str(DatePrecision.YEAR) if precision == DatePrecision.YEAR else ""


def group_key(day: dt.date | None, precision: str) -> str:
    """The timeline group of a statement: its month (``2024-05``); its year alone
    (``2024-year``) when the source gives only the year, a group that follows the year's
    months (newest first, 1 January comes last); ``undated``."""
    if day is None:
        return "undated"
    return f"{day.year:04d}-year" if precision == DatePrecision.YEAR else month_key(day)


def group_name(day: dt.date | None, precision: str, label=None) -> str:
    """A group's heading: "May 2024", "2024, month unknown" or "Undated"."""
    if day is None:
        return "Undated"
    if precision == DatePrecision.YEAR:
        return f"{day.year}, month unknown"
    return label(day, "F Y") if label else f"{day:%B} {day.year}"


# Charts --------------------------------------------------------------------------------------

SIDE_COLORS = {
    "us": "#2b5fa8",
    "pk": "#1f7a4d",
    "joint": "#7a4f9e",
    "af": "#9a5b12",
    "other": "#8a93a3",
}
PALETTE = ["#2b5fa8", "#1f7a4d", "#c2571a", "#7a4f9e", "#b8336a", "#2a8c8c", "#9a5b12", "#4d5b7a"]


def month_range(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_counts(queryset: QuerySet[Statement], stack: str = "side") -> dict:
    """Statements per month as a chart, counted live in one query (see :func:`chart_of`)."""
    key = "speaker__name" if stack == "speaker" else "speaker__side"
    rows = list(
        queryset.filter(said_on__isnull=False)
        .order_by()
        .annotate(month=TruncMonth("said_on"))
        .values("month", key, "date_precision")
        # No DISTINCT: the filters join at most one topic and one group row per statement.
        .annotate(n=Count("id"))
        .values_list("month", key, "n", "date_precision")
    )
    return chart_of(rows, stack)


def chart_of(rows: list[tuple], stack: str = "side") -> dict:
    """Chart data from (month, side or speaker name, count[, date precision]) rows: one
    stacked series per side (or per speaker: the top few and "other speakers"). Rows known
    only to the year make no January bar: ``years`` holds their count per year, which the
    page states beside the chart and lists after the year's months. Undated rows are left
    out, and so are months outside the accepted range (a stored typo such as year 24 would
    otherwise stretch the axis over twenty centuries)."""
    rows = [
        (m.date() if isinstance(m, dt.datetime) else m, name, n, *rest)
        for m, name, n, *rest in rows
        if m is not None
    ]
    rows = [row for row in rows if in_range(row[0])]
    # Known only to the year: no month's bar, a count per year beside the chart instead.
    years: Counter[int] = Counter()
    for m, _, n, *rest in rows:
        if rest and rest[0] == DatePrecision.YEAR:
            years[m.year] += n
    rows = [(m, name, n) for m, name, n, *rest in rows if not rest or rest[0] != "year"]
    year_only = [[year, n] for year, n in sorted(years.items())]
    if not rows:
        return {"labels": [], "datasets": [], "years": year_only}
    months = [m for m, _, _ in rows]
    labels = month_range(min(months), max(months))
    totals: Counter[str] = Counter()
    for _, name, n in rows:
        totals[name] += n
    if stack == "speaker":
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))  # ties by name
        keep = [name for name, _ in ranked[:TOP_SPEAKERS]]
        names = {name: name for name in keep}
        colors = dict(zip(keep, PALETTE, strict=False))
        other = "Other speakers"
    else:
        keep = [s for s in SIDE_COLORS if s in totals]
        names = {s: str(Side(s).label) for s in keep}
        colors = SIDE_COLORS
        other = None
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(labels))
    index = {label: i for i, label in enumerate(labels)}
    for month, name, n in rows:
        target = name if name in names else other
        series[target][index[month_key(month)]] += n
    datasets = [
        {"label": names[k], "data": series[k], "backgroundColor": colors.get(k, "#8a93a3")}
        for k in keep
        if k in series
    ]
    if other and other in series:
        datasets.append({"label": other, "data": series[other], "backgroundColor": "#b7bfcc"})
    return {"labels": labels, "datasets": datasets, "years": year_only}


def month_links(chart: dict) -> list[dict]:
    """The chart's months with their totals and date bounds: the chart as a list of links,
    for keyboards and screen readers. Empty months are left out. Statements known only to
    the year follow their year's months, as "2024, month unknown", bounded by the year."""
    months = []
    years = dict(chart.get("years", []))
    for i, label in enumerate(chart.get("labels", [])):
        total = sum(d["data"][i] or 0 for d in chart["datasets"])
        if total:
            first = dt.date.fromisoformat(f"{label}-01")
            last = month_end(first)
            name = f"{first:%b} {first.year}"
            months.append(
                {"label": label, "name": name, "first": first, "last": last, "total": total}
            )
    for year, total in years.items():
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        name, label = group_name(first, DatePrecision.YEAR), f"{year:04d}"
        months.append({"label": label, "name": name, "first": first, "last": last, "total": total})
    # Each year's months, then the year's month-unknown entry ("2024-12" < "2024~").
    return sorted(months, key=lambda m: m["label"] if len(m["label"]) > 4 else m["label"] + "~")
