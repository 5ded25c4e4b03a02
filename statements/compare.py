"""Compare: several filtered series of statements on one axis of months.

A series is a filter query string exactly as the timeline writes it (``side=us&q=TTP``), so
any timeline URL can be pasted in as a series, and each series links back to its timeline.
The compare page's own URL lists the series (``?s=side%3Dus&s=side%3Dpk``) with optional
labels in the same order (``&label=US&label=Pakistan``): shareable as it stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.http import QueryDict

from .cache import cached, filter_key
from .forms import NON_FILTER_PARAMS, StatementFilterForm
from .models import Side
from .queries import PALETTE, month_range
from .summary_reads import timeline_counts

MAX_SERIES = 6
MAX_QUERY = 1000  # characters of one series' query string
# Shown when the page is opened without series: the question analysts ask first.
EXAMPLE = [("side=us", "US officials"), ("side=pk", "Pakistani officials")]


@dataclass
class Series:
    """One series: its query string, label, the filters understood, and its monthly counts."""

    query: str
    label: str
    filters: dict = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    total: int = 0
    by_month: dict[str, int] = field(default_factory=dict)
    color: str = PALETTE[0]

    @property
    def undated(self) -> int:
        """Statements in the total that no month holds (undated, or a date out of range)."""
        return self.total - sum(self.by_month.values())


def query_of(raw: str) -> str:
    """The filter query string in ``raw``: a query string, or a pasted timeline URL."""
    raw = raw.strip()[:MAX_QUERY]
    if "://" in raw or raw.startswith("/"):
        raw = urlsplit(raw).query
    raw = raw.lstrip("?")
    params = QueryDict(raw, mutable=True)
    for name in list(params):  # paging, order and anything else no filter
        if name in NON_FILTER_PARAMS or name not in StatementFilterForm.base_fields:
            params.pop(name)
    return params.urlencode()


def requested(params: QueryDict) -> list[tuple[str, str]]:
    """(query, label) pairs from the page's parameters, blanks dropped, at most MAX_SERIES; the
    example pair when none is given."""
    queries, labels = params.getlist("s"), params.getlist("label")
    labels += [""] * (len(queries) - len(labels))
    pairs = [
        (query_of(q), label.strip()[:80])
        for q, label in zip(queries, labels, strict=False)
        if q.strip()
    ]
    if not pairs and "s" not in params:
        return list(EXAMPLE)
    return pairs[:MAX_SERIES]


def describe(filters: dict, form: StatementFilterForm) -> str:
    """A short label for a series from its filters, when none was given."""
    parts = []
    if side := filters.get("side"):
        parts.append(str(Side(side).label))
    names = dict(form.fields["speaker"].widget.choices)
    for slug in form["speaker"].value() or []:
        parts.append(names.get(slug, slug).rsplit(" (", 1)[0])
    for name in ("topic", "group"):
        if filters.get(name):
            parts.append(dict(form.fields[name].widget.choices).get(form[name].value(), ""))
    if q := filters.get("q"):
        parts.append(f"“{q}”")
    if filters.get("pledges"):
        parts.append("pledges")
    if filters.get("verified"):
        parts.append("verified")
    if filters.get("since") or filters.get("until"):
        parts.append(f"{filters.get('since') or '…'} to {filters.get('until') or '…'}")
    return ", ".join(p for p in parts if p) or "All statements"


def build(pairs: list[tuple[str, str]]) -> list[Series]:
    """Each series with its filters and counts: from the monthly summary where it answers, and
    cached until the data changes (the timeline shares the summary, not the cache entry)."""
    out = []
    for i, (query, label) in enumerate(pairs):
        form = StatementFilterForm(QueryDict(query))
        filters = {k: v for k, v in form.filters().items() if k not in NON_FILTER_PARAMS}
        total, chart = cached(
            "compare-series", filter_key(filters), lambda f=filters: timeline_counts(f)
        )
        by_month: dict[str, int] = {}
        for j, month in enumerate(chart["labels"]):
            by_month[month] = sum(d["data"][j] for d in chart["datasets"])
        out.append(
            Series(
                query=query,
                label=label or describe(filters, form),
                filters=filters,
                ignored=form.ignored(),
                total=total,
                by_month=by_month,
                color=PALETTE[i % len(PALETTE)],
            )
        )
    return out


def months_of(series: list[Series]) -> list[str]:
    """Every month from the first to the last any series has (empty months included)."""
    keys = sorted({m for s in series for m, n in s.by_month.items() if n})
    if not keys:
        return []
    first, last = (_first_day(keys[0]), _first_day(keys[-1]))
    return month_range(first, last)


def _first_day(month: str) -> dt.date:
    return dt.date.fromisoformat(f"{month}-01")


def chart_of(series: list[Series], months: list[str]) -> dict:
    """One line per series on the same months (Chart.js data)."""
    return {
        "labels": months,
        "datasets": [
            {
                "label": s.label,
                "data": [s.by_month.get(m, 0) for m in months],
                "borderColor": s.color,
                "backgroundColor": s.color,
                "tension": 0,
            }
            for s in series
        ],
    }


def table_of(series: list[Series], months: list[str]) -> list[dict]:
    """The chart as rows: one per month with a count per series, months with none left out."""
    rows = []
    for m in months:
        counts = [s.by_month.get(m, 0) for s in series]
        if any(counts):
            rows.append({"month": m, "name": _month_name(m), "counts": counts})
    return rows


def _month_name(month: str) -> str:
    day = _first_day(month)
    return f"{day:%b} {day.year}"
