"""A document with its statements highlighted, and one statement with its other reports."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..highlight import segments
from ..models import Document, Statement
from ..queries import visible_statements, with_card_data
from .common import reader_view


@reader_view
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    statements = list(visible_statements().filter(document=document))
    context = {
        "document": document,
        "statements": statements,
        "segments": segments(document.text, statements),
        "statistics": document.statistics.all(),
    }
    return render(request, "statements/document.html", context)


@reader_view
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(
        # This page shows the sentence in its source: the document's text is wanted here.
        with_card_data(Statement.objects.all()).select_related("reviewed_by").defer(None),
        pk=pk,
    )
    # A rejected statement stays reachable for the editors who review it, no one else.
    is_rejected = statement.review_status == Statement.Review.REJECTED
    if is_rejected and not request.user.has_perm("statements.change_statement"):
        raise Http404("No such statement.")
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
