"""The events list and the reactions table as CSV or JSON, streamed batch by batch.

Events are read through one server-side cursor; each batch of BATCH events costs two more
queries (its figures, its reactions), so memory and the number of queries per row stay flat
however many events are exported. Dates are given at their precision (2025, 2025-03,
2025-03-11), tolls as ranges and per source, and text cells are guarded against spreadsheet
formulas as in the statement exports.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import islice

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from ..dates import as_said
from ..event_models import Event, EventFigure
from ..event_reads import METRICS, Brief, Reactions, Toll, reactions_of
from .common import reader_view
from .events import event_form, filtered_events
from .exports import BOM, CHUNK, _body, _Echo, spreadsheet_safe

BATCH = 500
FIRST_PARTS = ("speaker", "said_on", "lag", "lag_days")
EVENT_COLUMNS = [
    "id",
    "name",
    "occurred_on",
    "date_precision",
    "country",
    "province",
    "district",
    "place",
    "kind",
    "target",
    "armed_group",
    "group_basis",
    *(f"{m}_{part}" for m in METRICS for part in ("min", "max", "sources")),
    "figures_by_source",
    "us_reactions",
    "pk_reactions",
    "all_reactions",
    "event_url",
]
REACTION_COLUMNS = [
    "event_id",
    "event",
    "occurred_on",
    "date_precision",
    "province",
    "district",
    "kind",
    "armed_group",
    *(f"first_{side}_{part}" for side in ("us", "pk") for part in FIRST_PARTS),
    "us_reactions",
    "pk_reactions",
    "other_reactions",
    "event_url",
]


def _batches(request: HttpRequest) -> Iterator[list[Event]]:
    events = filtered_events(event_form(request)[1]).iterator(chunk_size=CHUNK)
    while batch := list(islice(events, BATCH)):
        yield batch


def _figures_of(batch: list[Event]) -> dict[int, list[dict]]:
    rows = (
        EventFigure.objects.filter(event__in=[e.pk for e in batch])
        .order_by("metric", "value", "document__published_on", "pk")
        .values(
            "pk",
            "event_id",
            "metric",
            "value",
            "qualifier",
            "source",
            "document_id",
            "document__title",
            "document__outlet__name",
            "document__published_on",
        )
    )
    found: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        found[row["event_id"]].append(row)
    return found


def _tolls(figures: list[dict]) -> dict[str, Toll]:
    tolls = {}
    for metric in METRICS:
        mine = [f for f in figures if f["metric"] == metric]
        if mine:
            values = [f["value"] for f in mine]
            sources = len({f["document_id"] for f in mine})
            tolls[metric] = Toll(metric, min(values), max(values), sources)
    return tolls


def _figure_record(request: HttpRequest, f: dict) -> dict:
    published = f["document__published_on"]
    return {
        "metric": f["metric"],
        "value": f["value"],
        "qualifier": f["qualifier"],
        "attributed_to": f["source"],
        "document": f["document__title"],
        "outlet": f["document__outlet__name"] or "",
        "published_on": published.isoformat() if published else "",
        # The document's page with the sentence giving the figure highlighted.
        "sentence_url": request.build_absolute_uri(
            reverse("statements:document", args=[f["document_id"]]) + f"#t{f['pk']}"
        ),
    }


def _figure_text(f: dict) -> str:
    value = f"{f['qualifier']} {f['value']}".strip()
    by = f["document__outlet__name"] or f["document__title"]
    source = f"{f['source']}, " if f["source"] else ""
    return f"{f['metric']} {value} ({source}{by})"


def event_records(request: HttpRequest) -> Iterator[dict]:
    """Each filtered event as a record: its tolls as ranges, its figures per source."""
    for batch in _batches(request):
        figures, reactions = _figures_of(batch), reactions_of(batch)
        for e in batch:
            mine, said = figures.get(e.pk, []), reactions[e.pk]
            tolls = _tolls(mine)
            record = _event_head(request, e)
            for metric in METRICS:
                toll = tolls.get(metric)
                record[f"{metric}_min"] = toll.low if toll else None
                record[f"{metric}_max"] = toll.high if toll else None
                record[f"{metric}_sources"] = toll.sources if toll else 0
            record["figures"] = mine
            record |= {"us_reactions": said.us, "pk_reactions": said.pk}
            record["all_reactions"] = len(said.all)
            yield record


def _event_head(request: HttpRequest, e: Event) -> dict:
    return {
        "id": e.pk,
        "name": e.name,
        "occurred_on": as_said(e.occurred_on, e.date_precision),
        "date_precision": e.date_precision if e.occurred_on else "",
        "country": e.country,
        "province": e.province,
        "district": e.district,
        "place": e.place,
        "kind": e.kind,
        "target": e.target,
        "armed_group": e.armed_group.short_name if e.armed_group else "",
        "group_basis": e.group_basis,
        "event_url": request.build_absolute_uri(e.get_absolute_url()),
    }


def _first(prefix: str, brief: Brief | None) -> dict:
    if brief is None:
        return {f"{prefix}_{part}": None if part == "lag_days" else "" for part in FIRST_PARTS}
    return {
        f"{prefix}_speaker": brief.speaker,
        f"{prefix}_said_on": as_said(brief.said_on, brief.precision),
        f"{prefix}_lag": brief.lag.label,
        f"{prefix}_lag_days": brief.lag.days,
    }


def reaction_records(request: HttpRequest) -> Iterator[tuple[dict, Reactions]]:
    """Each filtered event as a row of the reactions table, with all its reactions."""
    for batch in _batches(request):
        reactions = reactions_of(batch)
        for e in batch:
            said = reactions[e.pk]
            head = _event_head(request, e)
            row = {
                "event_id": e.pk,
                "event": e.name,
                **{k: head[k] for k in ("occurred_on", "date_precision", "province", "district")},
                "kind": e.kind,
                "armed_group": head["armed_group"],
                **_first("first_us", said.first_us),
                **_first("first_pk", said.first_pk),
                "us_reactions": said.us,
                "pk_reactions": said.pk,
                "other_reactions": said.others,
                "event_url": head["event_url"],
            }
            yield row, said


def _filename(what: str, extension: str) -> str:
    return f"{what}-{timezone.now():%Y%m%d-%H%M}.{extension}"


def _csv(request: HttpRequest, what: str, columns: list[str], rows: Callable) -> object:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield BOM + writer.writerow(columns)
        for row in rows():
            yield writer.writerow([spreadsheet_safe(row.get(c, "")) for c in columns])

    response = StreamingHttpResponse(_body(request, lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(what, "csv")}"'
    return response


def _json(request: HttpRequest, what: str, records: Callable[[], Iterator[dict]]) -> object:
    def chunks() -> Iterator[str]:
        form, _ = event_form(request)
        about = {
            "exported_at": timezone.now().isoformat(timespec="seconds"),
            "filters": {k: form.data.get(k) for k in form.filters()},
            "ignored": form.ignored(),
            "url": request.build_absolute_uri(),
        }
        yield json.dumps(about, ensure_ascii=False)[:-1] + f', "{what}": ['
        for i, record in enumerate(records()):
            yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(_body(request, chunks), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename(what, "json")}"'
    return response


@reader_view
def events_csv(request: HttpRequest) -> StreamingHttpResponse:
    def rows() -> Iterator[dict]:
        for record in event_records(request):
            record["figures_by_source"] = "; ".join(_figure_text(f) for f in record["figures"])
            yield record

    return _csv(request, "events", EVENT_COLUMNS, rows)


@reader_view
def events_json(request: HttpRequest) -> StreamingHttpResponse:
    def records() -> Iterator[dict]:
        for record in event_records(request):
            record["figures"] = [_figure_record(request, f) for f in record["figures"]]
            yield record

    return _json(request, "events", records)


@reader_view
def reactions_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv(
        request, "reactions", REACTION_COLUMNS, lambda: (r for r, _ in reaction_records(request))
    )


@reader_view
def reactions_json(request: HttpRequest) -> StreamingHttpResponse:
    def records() -> Iterator[dict]:
        for row, said in reaction_records(request):
            row["reactions"] = [
                {
                    "speaker": r.speaker,
                    "side": r.side,
                    "said_on": as_said(r.said_on, r.precision),
                    "lag": r.lag.label,
                    "lag_days": r.lag.days,
                    "statement_url": request.build_absolute_uri(
                        reverse("statements:statement", args=[r.statement_id])
                    ),
                }
                for r in said.all
            ]
            yield row

    return _json(request, "reactions", records)
