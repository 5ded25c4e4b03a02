"""Events (attacks and incidents) and the reactions to them: the events list, one event's page
and the reactions table across events. Tolls are ranges over every source, never averages;
dates and lags are shown at the precision both dates are known to."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..cache import cached, filter_key
from ..event_forms import EventFilterForm
from ..event_models import Event, EventFigure, Reaction
from ..event_reads import (
    METRICS,
    Lag,
    Toll,
    event_rows,
    filter_events,
    in_event_order,
    lag_of,
    rows_of,
    said_order,
    visible_reactions,
)
from .common import reader_view, wants_partial

PAGE_SIZE = 30  # as the timeline: a row costs more to render than to read
# Columns of a linked document no event page shows; its text above all.
DOCUMENT_DEFERRED = ("text", "places", "error", "content_hash")


def event_form(request: HttpRequest) -> tuple[EventFilterForm, dict]:
    """The bound filter form and its valid values (bad parameters are dropped)."""
    form = EventFilterForm(request.GET)
    return form, form.filters()


def filtered_events(filters: dict) -> QuerySet[Event]:
    return in_event_order(event_rows(filter_events(Event.objects.all(), filters)))


class NewestFirst:
    """Filtered events newest first, undated last, for a Paginator: the dated ones in the order
    of the index (occurred_on DESC, id DESC), which a page reads without sorting them all, then
    the undated ones. Their counts are cached per filters until the data changes, so a page
    usually costs only its own rows."""

    ordered = True

    def __init__(self, filters: dict) -> None:
        events = event_rows(filter_events(Event.objects.all(), filters))
        self.dated = events.filter(occurred_on__isnull=False).order_by("-occurred_on", "-id")
        self.undated = events.filter(occurred_on__isnull=True).order_by("-id")
        self.key = filter_key(filters)

    def counts(self) -> tuple[int, int]:
        return cached("event-counts", self.key, lambda: (self.dated.count(), self.undated.count()))

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[Event]:
        dated = self.counts()[0]
        start, stop = part.start or 0, part.stop
        rows = list(self.dated[start : min(stop, dated)]) if start < dated else []
        if stop > dated:
            rows += list(self.undated[max(start - dated, 0) : stop - dated])
        return rows


def _listing(request: HttpRequest, template: str) -> HttpResponse:
    form, filters = event_form(request)
    page = Paginator(NewestFirst(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "rows": rows_of(list(page.object_list)),
    }
    if wants_partial(request):
        return render(request, f"{template}#results", context)
    return render(request, template, context)


@reader_view
def event_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, "statements/events.html")


@reader_view
def reactions_table(request: HttpRequest) -> HttpResponse:
    return _listing(request, "statements/reactions.html")


# One event -----------------------------------------------------------------------------------


@dataclass
class ReactionView:
    reaction: Reaction
    lag: Lag


def _figures(event: Event) -> list[EventFigure]:
    """Every source's figure, each with the sentence giving it (read from the document's text
    in the database: a page needs a sentence, not the whole text)."""
    return list(
        event.figures.select_related("document", "document__outlet")
        .defer(*(f"document__{name}" for name in DOCUMENT_DEFERRED))
        .annotate(sentence_text=Substr("document__text", F("start") + 1, F("end") - F("start")))
        .order_by("metric", "value", "document__published_on", "pk")
    )


def _tolls(figures: list[EventFigure]) -> list[dict]:
    """Per measure: the range over the sources and every figure, in METRICS order."""
    by_metric: dict[str, list[EventFigure]] = defaultdict(list)
    for f in figures:
        by_metric[f.metric].append(f)
    order = {m: i for i, m in enumerate(METRICS)}
    tolls = []
    for metric in sorted(by_metric, key=lambda m: order.get(m, len(order))):
        rows = by_metric[metric]
        values = [f.value for f in rows]
        sources = len({f.document_id for f in rows})
        tolls.append({"toll": Toll(metric, min(values), max(values), sources), "figures": rows})
    return tolls


def _reactions(event: Event) -> list[ReactionView]:
    reactions = list(
        visible_reactions()
        .filter(event=event)
        .select_related("statement__speaker", "statement__document__outlet")
        .defer(*(f"statement__document__{name}" for name in DOCUMENT_DEFERRED))
    )
    reactions.sort(
        key=lambda r: said_order(r.statement.said_on, r.statement.date_precision, r.statement_id)
    )
    return [
        ReactionView(
            r,
            lag_of(
                event.occurred_on,
                event.date_precision,
                r.statement.said_on,
                r.statement.date_precision,
            ),
        )
        for r in reactions
    ]


@reader_view
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("armed_group"), slug=slug)
    figures = _figures(event)
    mentions = list(
        event.mentions.select_related("document", "document__outlet")
        .defer(*(f"document__{name}" for name in DOCUMENT_DEFERRED))
        .annotate(sentence_text=Substr("document__text", F("start") + 1, F("end") - F("start")))
        .order_by("document__published_on", "document_id", "start")
    )
    context = {
        "event": event,
        "tolls": _tolls(figures),
        "mentions": mentions,
        "reactions": _reactions(event),
    }
    return render(request, "statements/event.html", context)
