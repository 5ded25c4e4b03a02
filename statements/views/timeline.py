"""The home page: statements by month with filters, a chart and keyset paging."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
    relevance = filters.get("sort") == "relevance" and "q" in filters
    statements = apply_filters(timeline_base(), filters)
    statements = by_relevance(statements) if relevance else in_timeline_order(statements)
    cursor = Cursor.decode(request.GET.get("cursor"))
    if cursor and not cursor.fits(relevance=relevance):  # e.g. a rank cursor without a search
        cursor = None
    page = page_of(statements, cursor, relevance=relevance, q=filters.get("q"))
    context = {
        "form": form,
        "filters": filters,
        # Whether the rows are narrowed at all (an order or a chart stacking is no filter).
        "filtered": not filters.keys() <= NON_FILTER_PARAMS,
        "page": page,
        "stack_label": "speaker" if filters.get("stack") == "speaker" else "side",
        # The event whose reactions these are (the filter ``event=<slug>``).
        "event": Event.objects.filter(pk=filters["event"]).first() if "event" in filters else None,
    }
    if "cursor" in request.GET and wants_partial(request):
        return render(request, "statements/timeline.html#page", context)

    stack = filters.get("stack", "side")
    # Read from the monthly summary (or counted live for a search), then cached until the
    # data changes, with the chart's months as a list (new name: the entry changed shape).
    total, chart, months = cached(
        "timeline-chart", filter_key(filters), lambda: _counts(filters, stack)
    )
    # Statements whose month or year the date range cuts: left out, and said so.
    cut = (
        cached("timeline-cut", filter_key(filters), lambda: cut_periods(timeline_base(), filters))
        if filters.get("since") or filters.get("until")
        else 0
    )
    context |= {
        "save_form": _save_form(request),
        "cut": cut,
        "year_only": sum(n for _, n in chart.get("years", [])),
        "total": total,
        "chart": chart,
        "months": months,
        "month_chips": month_chips(request, months),
        # Says which empty state to show: nothing matches, or nothing was ingested yet.
        "corpus_empty": not total and not (context["filtered"] and timeline_base().exists()),
    }
    if wants_partial(request):
        return render(request, "statements/timeline.html#results", context)
    return render(request, "statements/timeline.html", context)


def _save_form(request: HttpRequest) -> SaveSearchForm | None:
    """The form that saves these filters as a search (signed-in users only)."""
    if not request.user.is_authenticated:
        return None
    return SaveSearchForm(initial={"query": request.GET.urlencode()}, auto_id="save-%s")


def _counts(filters: dict, stack: str) -> tuple[int, dict, list[dict]]:
    total, chart = timeline_counts(filters, stack)
    return total, chart, month_links(chart)


def month_chips(request: HttpRequest, months: list[dict]) -> SafeString:
    """The chart's months as links, each narrowing the current filters to that month. Built
    here in one pass rather than in the template: a decade of months is hundreds of template
    variables. The link is encoded and escaped once; each month fills in its two dates."""
    query = request.GET.copy()
    query.pop("cursor", None)
    query["since"] = query["until"] = ""  # where they were, or appended in this order
    slots = {"since=": "since={since}", "until=": "until={until}"}
    href = "&amp;".join(slots.get(part) or _literal(part) for part in query.urlencode().split("&"))
    chip = (
        f'<li><a class="badge" href="{_literal(reverse("statements:timeline"))}?{href}"{{title}}>'
        "{name} · {total}</a></li>"
    )
    whole_year = ' title="The whole year: its months, then the statements known only to it"'
    return mark_safe(  # noqa: S308 - the link is escaped above; the rest are dates and numbers
        "".join(
            chip.format(
                since=m["first"].isoformat(),
                until=m["last"].isoformat(),
                name=escape(m["name"]),
                total=int(m["total"]),
                title=whole_year if len(m["label"]) == 4 else "",
            )
            for m in months
        )
    )


def _literal(text: str) -> str:
    """``text`` escaped, and safe inside a ``str.format`` template."""
    return escape(text).replace("{", "{{").replace("}", "}}")
