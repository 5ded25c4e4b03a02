"""Context: the violence figures documents cite, on the same months as the statement counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..cache import cached, filter_key
from ..dates import in_range, month_key
from ..models import Document, Statistic
from ..queries import PALETTE, month_range
from ..summary import timeline_counts
from .common import filter_form, reader_view, renamed_redirect

MAX_SERIES = 6


@dataclass
class Figure:
    """One cited figure (source, period, metric, value) and every document citing it."""

    statistic: Statistic
    documents: list[Document] = field(default_factory=list)
    # (document, the figure's id in it): each links to the sentence giving it (#f<id>).
    cited: list[tuple[Document, int]] = field(default_factory=list)


def figures(statistics: list[Statistic]) -> list[Figure]:
    found: dict[tuple, Figure] = {}
    for s in statistics:
        key = (s.source.lower(), s.period, s.period_start, s.metric.lower(), s.value)
        figure = found.setdefault(key, Figure(s))
        if all(d.pk != s.document_id for d in figure.documents):
            figure.documents.append(s.document)
            figure.cited.append((s.document, s.pk))
    return list(found.values())


def context_chart(counts: dict, found: list[Figure]) -> dict:
    """Statement counts as bars and each cited series (source + metric) as points, one axis
    of months for both."""
    # A period outside the accepted range (a typo) stays in the table, not on the chart.
    dated = [f.statistic for f in found if in_range(f.statistic.period_start)]
    months = list(counts["labels"])
    if dated:
        first = min([s.period_start for s in dated] + ([_day(months[0])] if months else []))
        last = max([s.period_start for s in dated] + ([_day(months[-1])] if months else []))
        months = month_range(first, last)
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
    series: dict[str, list] = defaultdict(lambda: [None] * len(months))
    for s in dated:
        if "%" in s.metric:  # shares do not belong on an axis of counts
            continue
        name = f"{s.metric} ({s.source})" if s.source else s.metric
        series[name][index[month_key(s.period_start)]] = float(s.value)
    # The series with the most points; every figure stays in the table below the chart.
    busiest = sorted(series.items(), key=lambda kv: (-sum(v is not None for v in kv[1]), kv[0]))
    for i, (name, data) in enumerate(busiest[:MAX_SERIES]):
        color = PALETTE[(i + 2) % len(PALETTE)]
        datasets.append(
            {
                "type": "line",
                "label": name,
                "data": data,
                "borderColor": color,
                "backgroundColor": color,
                "yAxisID": "y2",
                "spanGaps": True,
                "order": 1,
            }
        )
    return {"labels": months, "datasets": datasets}


def _day(month: str) -> dt.date:
    return dt.date.fromisoformat(f"{month}-01")


@reader_view
def statistics(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    if moved := renamed_redirect(request, form):
        return moved
    found = figures(
        list(
            Statistic.objects.select_related("document", "document__outlet").order_by(
                "period_start", "source", "metric", "document_id"
            )
        )
    )
    # The monthly summary answers most filters; the result is cached until the data changes.
    counts = cached("context-counts", filter_key(filters), lambda: timeline_counts(filters)[1])
    context = {
        "form": form,
        "figures": found,
        "chart": context_chart(counts, found) if found or counts["labels"] else None,
    }
    return render(request, "statements/context.html", context)
