"""The current filtered view as CSV or JSON, streamed row by row from a chunked iterator."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from ..models import Statement
from ..queries import apply_filters, timeline_base, with_card_data
from .common import filter_form, reader_view

CHUNK = 500
COLUMNS = [
    "id",
    "said_on",
    "date_precision",
    "speaker",
    "role",
    "side",
    "direct",
    "text",
    "is_pledge",
    "topics",
    "armed_groups",
    "outlets_reporting",
    "review_status",
    "document_title",
    "outlet",
    "published_on",
    "document_url",
    "source_url",
]


def export_rows(request: HttpRequest, statements: Iterable[Statement]) -> Iterator[dict]:
    for s in statements:
        document = s.document
        yield {
            "id": s.pk,
            "said_on": s.said_on.isoformat() if s.said_on else "",
            "date_precision": s.date_precision,
            "speaker": s.speaker.name,
            "role": s.speaker.role,
            "side": s.speaker.side,
            "direct": s.direct,
            "text": s.text,
            "is_pledge": s.is_pledge,
            "topics": [t.name for t in s.topics.all()],
            "armed_groups": [g.short_name for g in s.armed_groups.all()],
            "outlets_reporting": s.outlets,
            "review_status": s.review_status,
            "document_title": document.title,
            "outlet": document.outlet.name if document.outlet else "",
            "published_on": document.published_on.isoformat() if document.published_on else "",
            "document_url": document.url,
            "source_url": request.build_absolute_uri(f"{document.get_absolute_url()}#s{s.pk}"),
        }


def _filtered(request: HttpRequest):
    _, filters = filter_form(request)
    queryset = apply_filters(with_card_data(timeline_base()), filters, annotate=False)
    return queryset.iterator(chunk_size=CHUNK)


def _filename(extension: str) -> str:
    return f"statements-{timezone.now():%Y%m%d-%H%M}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


@reader_view
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(COLUMNS)
        for row in export_rows(request, _filtered(request)):
            for key in ("topics", "armed_groups"):
                row[key] = "; ".join(row[key])
            yield writer.writerow([row[c] for c in COLUMNS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@reader_view
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        yield '{"statements": ['
        for i, row in enumerate(export_rows(request, _filtered(request))):
            yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
