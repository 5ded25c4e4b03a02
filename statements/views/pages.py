"""A document with its statements highlighted, and one statement with its other reports."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..event_models import EventFigure
from ..highlight import segments
from ..models import Document, RemovedStatement, Statement
from ..queries import visible_statements, with_card_data
from .common import reader_view


@reader_view
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    statements = list(visible_statements().filter(document=document))
    statistics = list(document.statistics.all())
    # The sentences giving an event's toll (#t<pk>), linked from the event's page.
    tolls = EventFigure.objects.filter(document=document).values_list("start", "end", "pk")
    marks = [(start, end, f"t{pk}") for start, end, pk in tolls]
    context = {
        "document": document,
        "statements": statements,
        "segments": segments(document.text, statements, statistics, marks),
        "statistics": statistics,
    }
    return render(request, "statements/document.html", context)


@reader_view
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # This page shows the sentence in its source: the document's text is wanted here.
    found = with_card_data(Statement.objects.all()).select_related("reviewed_by").defer(None)
    statement = found.filter(pk=pk).first()
    if statement is None:
        return _statement_gone(request, pk)
    # A rejected statement stays reachable for the editors who review it, no one else.
    is_rejected = statement.review_status == Statement.Review.REJECTED
    if is_rejected and not request.user.has_perm("statements.change_statement"):
        # Withdrawn on purpose, not lost: the link's reader is told so (410 Gone).
        context = {"rejected": statement, "document": statement.document}
        return render(request, "statements/statement_gone.html", context, status=410)
    root = statement.canonical_id or statement.pk
    # The same remark as printed elsewhere: its canonical statement and that one's reports.
    others = (
        visible_statements()
        .filter(Q(pk=root) | Q(canonical_id=root))
        .exclude(pk=statement.pk)
        .order_by("document__published_on", "id")
    )
    text = statement.document.text
    context = {
        "statement": statement,
        "others": others,
        "before": text[max(0, statement.start - 300) : statement.start],
        "within": text[statement.start : statement.end] or statement.text,
        "after": text[statement.end : statement.end + 300],
    }
    return render(request, "statements/statement.html", context)


def _statement_gone(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement a re-extraction removed answers 410 Gone, pointing at its document; an id
    that never was a statement answers 404."""
    removed = RemovedStatement.objects.select_related("document").filter(statement_id=pk).first()
    if removed is None:
        raise Http404("No such statement.")
    context = {"removed": removed, "document": removed.document}
    return render(request, "statements/statement_gone.html", context, status=410)
