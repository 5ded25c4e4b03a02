"""The home page: statements by month with filters, a chart and keyset paging."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from ..cache import cached, filter_key
from ..event_models import Event
from ..forms import NON_FILTER_PARAMS
from ..queries import (
    Cursor,
    apply_filters,
    by_relevance,
    cut_periods,
    in_timeline_order,
    month_links,
    page_of,
    timeline_base,
)
from ..summary_reads import timeline_counts
from .alerts import SaveSearchForm
from .common import filter_form, reader_view, renamed_redirect, wants_partial


@reader_view
def timeline(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    if moved := renamed_redirect(request, form):
        return moved
    partial = wants_partial(request)
    section = "page" if "cursor" in request.GET and partial else "results"
    save_form = _save_form(request)
    if save_form is None:
        # The results (chart, months, a page of cards), rendered once and cached until the
        # data changes, keyed by the query string as given: its links repeat it. Only for
        # readers who are not signed in: a signed-in reader's results hold their own form
        # (saving the search, with its CSRF token).
        shown = cached(
            "timeline-section",
            [section, request.META.get("QUERY_STRING", "")],
            lambda: _section(request, filters, section, None),
        )
    else:
        shown = _section(request, filters, section, save_form)
    context = shown["context"] | {
        "form": form,
        "section": shown["html"],
        # The event whose reactions these are (the filter ``event=<slug>``).
        "event": Event.objects.filter(pk=filters["event"]).first() if "event" in filters else None,
    }
    if partial:
        return render(request, "statements/_section.html", context)
    return render(request, "statements/timeline.html", context)


def _section(request: HttpRequest, filters: dict, section: str, save_form) -> dict:
    """The HTML of the results (or, for "Load more", of the next page alone), and the values
    it shows."""
    relevance = filters.get("sort") == "relevance" and "q" in filters
    statements = apply_filters(timeline_base(), filters)
    statements = by_relevance(statements) if relevance else in_timeline_order(statements)
    cursor = Cursor.decode(request.GET.get("cursor"))
    if cursor and not cursor.fits(relevance=relevance):  # e.g. a rank cursor without a search
        cursor = None
    page = page_of(statements, cursor, relevance=relevance, q=filters.get("q"))
    context = {
        "filters": filters,
        # Whether the rows are narrowed at all (an order or a chart stacking is no filter).
        "filtered": not filters.keys() <= NON_FILTER_PARAMS,
        "page": page,
        "stack_label": "speaker" if filters.get("stack") == "speaker" else "side",
    }
    if section == "results":
        stack = filters.get("stack", "side")
        # Read from the monthly summary (or counted live for a search), then cached until the
        # data changes, with the chart's months as a list.
        total, chart, months = cached(
            "timeline-chart", filter_key(filters), lambda: _counts(filters, stack)
        )
        # Statements whose month or year the date range cuts: left out, and said so.
        cut = (
            cut_periods(timeline_base(), filters)
            if filters.get("since") or filters.get("until")
            else 0
        )
        context |= {
            "save_form": save_form,
            "cut": cut,
            "year_only": sum(n for _, n in chart.get("years", [])),
            "total": total,
            "chart": chart,
            "months": month_hrefs(request, months),
            # Says which empty state to show: nothing matches, or nothing was ingested yet.
            "corpus_empty": not total and not (context["filtered"] and timeline_base().exists()),
        }
    html = render_to_string(f"statements/timeline.html#{section}", context, request)
    return {"html": html, "context": context}


def _save_form(request: HttpRequest) -> SaveSearchForm | None:
    """The form that saves these filters as a search (signed-in users only)."""
    if not request.user.is_authenticated:
        return None
    return SaveSearchForm(initial={"query": request.GET.urlencode()}, auto_id="save-%s")


def _counts(filters: dict, stack: str) -> tuple[int, dict, list[dict]]:
    total, chart = timeline_counts(filters, stack)
    return total, chart, month_links(chart)


def month_hrefs(request: HttpRequest, months: list[dict]) -> list[dict]:
    """The chart's months, each with a link narrowing the current filters to it (built here:
    the ``querystring`` tag for each of a decade's months costs ten times as much)."""
    timeline = reverse("statements:timeline")
    query = request.GET.copy()
    query.pop("cursor", None)
    linked = []
    for month in months:
        query["since"], query["until"] = month["first"].isoformat(), month["last"].isoformat()
        linked.append(month | {"href": f"{timeline}?{query.urlencode()}"})
    return linked
