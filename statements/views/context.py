"""Context: the violence figures documents cite, on the same months as the statement counts.

Figures are shown under their own period ("2023", "Q1 2024", never a day or a first month),
grouped by one vocabulary of measures (:mod:`statements.metrics`) so each measure reads as a
series, and a figure several documents report is one figure citing all of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..cache import cached, filter_key
from ..dates import in_range, month_end
from ..event_context import EventMonth, event_months, killed_datasets
from ..event_forms import ContextFilterForm
from ..metrics import Period, is_share, metric_of
from ..models import Document, Statistic
from ..queries import PALETTE, month_range
from ..summary_reads import timeline_counts
from .common import reader_view, renamed_redirect

MAX_SERIES = 6


@dataclass
class Figure:
    """One cited figure (source, period, measure, value) and every document citing it."""

    statistic: Statistic
    metric: str
    period: Period
    documents: list[Document] = field(default_factory=list)
    # (document, the figure's id in it): each links to the sentence giving it (#f<id>).
    cited: list[tuple[Document, int]] = field(default_factory=list)
    citations: list[Statistic] = field(default_factory=list)
    change: float | None = None  # per cent, against the previous figure of its series

    @property
    def written(self) -> list[str]:
        """The metric as each citing document wrote it, where that differs from the term."""
        seen = dict.fromkeys(c.metric.strip() for c in self.citations)
        return [m for m in seen if m.lower() != self.metric]

    @property
    def series(self) -> tuple[str, str, str]:
        return (self.metric, self.statistic.source.lower(), self.period.kind)


def figures(statistics: list[Statistic]) -> list[Figure]:
    """The figures, each once: the same source, period, measure and value from several
    documents is one figure citing them all."""
    found: dict[tuple, Figure] = {}
    for s in statistics:
        metric = metric_of(s.metric)
        period = Period(s.period_start, s.period_end)
        key = (s.source.strip().lower(), period.start, period.end, metric, s.value)
        figure = found.setdefault(key, Figure(s, metric, period))
        figure.citations.append(s)
        if all(d.pk != s.document_id for d in figure.documents):
            figure.documents.append(s.document)
            figure.cited.append((s.document, s.pk))
    ordered = sorted(
        found.values(), key=lambda f: (f.metric, f.statistic.source.lower(), f.period.sort_key)
    )
    previous: dict[tuple, Figure] = {}
    for f in ordered:  # the change against the last figure of the same series
        before = previous.get(f.series)
        value = f.statistic.value
        if before and before.statistic.value and before.period.start != f.period.start:
            f.change = float((value - before.statistic.value) / before.statistic.value * 100)
        if f.period.start:
            previous[f.series] = f
    return ordered


def by_metric(found: list[Figure]) -> list[dict]:
    """The figures grouped under their measure, the most cited measures first."""
    groups: dict[str, list[Figure]] = defaultdict(list)
    for f in found:
        groups[f.metric].append(f)
    return [
        {"metric": metric, "figures": rows}
        for metric, rows in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def context_chart(counts: dict, found: list[Figure], events: list[EventMonth] = ()) -> dict:
    """Statement counts as bars, the people killed in the month's attacks as a range (two
    lines) and each series of figures (measure, source, kind of period) as a line of its
    monthly average over each figure's whole period: a year's figure is a flat step over its
    twelve months, never a point in January."""
    dated = [
        f
        for f in found
        if in_range(f.period.start)
        and in_range(f.period.end or f.period.start)
        and not is_share(f.metric)
    ]
    months = list(counts["labels"])
    spans = [m for f in dated for m in f.period.month_keys] + [e.month for e in events]
    if spans:
        keys = sorted(spans + months)
        months = month_range(_day(keys[0]), _day(keys[-1]))
    index = {m: i for i, m in enumerate(months)}
    bars = [0] * len(months)
    for dataset in counts["datasets"]:
        for label, n in zip(counts["labels"], dataset["data"], strict=True):
            bars[index[label]] += n
    datasets = [
        {
            "type": "bar",
            "label": "Statements",
            "data": bars,
            "backgroundColor": "#b7c7e0",
            "yAxisID": "y",
            "order": 2,
        }
    ]
    datasets += killed_datasets(months, list(events))
    series: dict[tuple, list] = defaultdict(lambda: [None] * len(months))
    for f in dated:
        per_month = round(float(f.statistic.value) / f.period.months, 1)
        for key in f.period.month_keys:
            series[f.series][index[key]] = per_month
    sources = {f.series: f.statistic.source for f in dated}  # as written, for the legend
    busiest = sorted(series.items(), key=lambda kv: (-sum(v is not None for v in kv[1]), kv[0]))
    for i, (key, data) in enumerate(busiest[:MAX_SERIES]):
        metric, _, kind = key
        source = sources[key]
        color = PALETTE[(i + 2) % len(PALETTE)]
        name = f"{metric} per month ({source or 'no source'}"
        name += ")" if kind == "month" else f", from {_KIND[kind]} figures)"
        datasets.append(
            {
                "type": "line",
                "label": name,
                "data": data,
                "borderColor": color,
                "backgroundColor": color,
                "yAxisID": "y2",
                "spanGaps": False,
                "order": 1,
                # A period's average is one level across its months: a step, no dots per month.
                "stepped": kind != "month",
                "pointRadius": 3 if kind == "month" else 0,
            }
        )
    return {"labels": months, "datasets": datasets}


_KIND = {
    "quarter": "quarterly",
    "half": "half-yearly",
    "year": "yearly",
    "months": "several months'",
    "month": "monthly",
}


def _day(month: str) -> dt.date:
    return dt.date.fromisoformat(f"{month}-01")


@reader_view
def statistics(request: HttpRequest) -> HttpResponse:
    form = ContextFilterForm(request.GET)
    filters = form.filters()
    if moved := renamed_redirect(request, form):
        return moved
    found = figures(
        list(
            Statistic.objects.select_related("document", "document__outlet")
            .defer("document__text", "document__places", "document__error")
            .order_by("period_start", "source", "metric", "document_id")
        )
    )
    # Statements are narrowed by the timeline's filters; a province narrows the events only.
    said = {k: v for k, v in filters.items() if k != "province"}
    # The monthly summary answers most filters; the result is cached until the data changes.
    counts = cached("context-counts", filter_key(said), lambda: timeline_counts(said)[1])
    events, event_years = cached(
        "context-events", filter_key(filters), lambda: event_months(filters)
    )
    chart = None
    if found or counts["labels"] or events:
        chart = context_chart(counts, found, events)
    context = {
        "form": form,
        "filters": filters,
        "figures": found,
        "groups": by_metric(found),
        "chart": chart,
        "months": month_rows(request, chart, events),
        "event_years": event_years,
    }
    return render(request, "statements/context.html", context)


# What each page linked from a month's row understands of the context page's filters.
_TIMELINE_KEYS = ("side", "speaker", "group", "topic", "outlet", "q", "pledges", "verified")
_EVENT_KEYS = ("province", "group")


def month_rows(request: HttpRequest, chart: dict | None, events: list[EventMonth]) -> list[dict]:
    """The chart's months as rows linking to their sources: the month's statements on the
    timeline, its attacks in the events list; months with neither are left out."""
    if not chart:
        return []
    statements = chart["datasets"][0]["data"]
    by_month = {e.month: e for e in events}
    said = _query(request, _TIMELINE_KEYS)
    happened = _query(request, _EVENT_KEYS)
    rows = []
    for i, label in enumerate(chart["labels"]):
        event = by_month.get(label)
        if not statements[i] and not event:
            continue
        first = _day(label)
        dates = f"since={first.isoformat()}&until={month_end(first).isoformat()}"
        rows.append(
            {
                "first": first,
                "statements": statements[i],
                "events": event,
                "timeline": f"{said}&{dates}" if said else dates,
                "events_query": f"{happened}&{dates}" if happened else dates,
            }
        )
    return rows


def _query(request: HttpRequest, keys: tuple[str, ...]) -> str:
    query = request.GET.copy()
    for key in list(query):
        if key not in keys:
            del query[key]
    return query.urlencode()
