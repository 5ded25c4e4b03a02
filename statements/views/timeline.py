"""The home page: statements by month with filters, a chart and keyset paging."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ..cache import cached, filter_key
from ..queries import (
    Cursor,
    apply_filters,
    by_relevance,
    month_links,
    page_of,
    timeline_base,
    with_card_data,
)
from ..search import headline
from ..summary import timeline_counts
from .common import filter_form, reader_view, wants_partial


@reader_view
def timeline(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    relevance = filters.get("sort") == "relevance" and "q" in filters
    statements = apply_filters(with_card_data(timeline_base()), filters)
    if relevance:
        statements = by_relevance(statements)
    page = page_of(statements, Cursor.decode(request.GET.get("cursor")), relevance=relevance)
    if q := filters.get("q"):
        for statement in page.statements:
            statement.headline = headline(statement, q)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "stack_label": "speaker" if filters.get("stack") == "speaker" else "side",
    }
    if "cursor" in request.GET and wants_partial(request):
        return render(request, "statements/timeline.html#page", context)

    stack = filters.get("stack", "side")
    # Read from the monthly summary (or counted live for a search), then cached until the
    # data changes.
    total, chart = cached(
        "timeline-counts", filter_key(filters), lambda: timeline_counts(filters, stack)
    )
    context |= {
        "total": total,
        "chart": chart,
        "months": _with_hrefs(request, month_links(chart)),
        # Says which empty state to show: nothing matches, or nothing was ingested yet.
        "corpus_empty": not total and not (filters and timeline_base().exists()),
    }
    if wants_partial(request):
        return render(request, "statements/timeline.html#results", context)
    return render(request, "statements/timeline.html", context)


def _with_hrefs(request: HttpRequest, months: list[dict]) -> list[dict]:
    """Each month's link: the current filters narrowed to that month. Built here rather than
    in the template, since a decade of months would cost hundreds of template tag calls.
    The query string is encoded once; each month only fills in its two dates."""
    base = reverse("statements:timeline")
    query = request.GET.copy()
    query.pop("cursor", None)
    query["since"] = query["until"] = ""  # where they were, or appended in this order
    parts = query.urlencode().split("&")
    for month in months:
        dates = {
            "since=": f"since={month['first'].isoformat()}",
            "until=": f"until={month['last'].isoformat()}",
        }
        month["href"] = f"{base}?{'&'.join(dates.get(part, part) for part in parts)}"
        month["name"] = month["first"].strftime("%b %Y")
    return months
