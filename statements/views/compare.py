"""Compare: two or more filtered series of statements on one chart over time."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ..compare import MAX_SERIES, build, chart_of, months_of, requested, table_of
from .common import reader_view


def compare_url(pairs: list[tuple[str, str]]) -> str:
    """The compare page showing these (query, label) series; with none, an empty comparison
    (``?s=``) rather than the example."""
    params = [("s", query or "all") for query, _ in pairs]
    params += [("label", label) for _, label in pairs]
    return f"{reverse('statements:compare')}?{urlencode(params) or 's='}"


@reader_view
def compare(request: HttpRequest) -> HttpResponse:
    pairs = requested(request.GET)
    series = build(pairs)
    months = months_of(series)
    timeline = reverse("statements:timeline")
    rows = []
    for i, s in enumerate(series):
        rest = pairs[:i] + pairs[i + 1 :]
        rows.append(
            {
                "series": s,
                "timeline_url": f"{timeline}?{s.query}" if s.query else timeline,
                "remove_url": compare_url(rest),
            }
        )
    context = {
        "rows": rows,
        "series": series,
        "chart": chart_of(series, months) if months else None,
        "table": table_of(series, months),
        "share_url": request.build_absolute_uri(compare_url(pairs)) if pairs else None,
        "can_add": len(series) < MAX_SERIES,
        "max_series": MAX_SERIES,
        "example": not request.GET.getlist("s"),
    }
    return render(request, "statements/compare.html", context)
