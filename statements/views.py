"""Pages analysts read. Everything from documents is rendered escaped."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .highlight import segments
from .models import Document, Speaker, Statement

PAGE_SIZE = 50


def visible_statements() -> QuerySet[Statement]:
    """Statements an analyst may see, with everything a card shows loaded up front."""
    return (
        Statement.objects.exclude(review_status=Statement.Review.REJECTED)
        .select_related("speaker", "document", "document__outlet")
        .prefetch_related("topics", "armed_groups")
        .order_by(F("said_on").desc(nulls_last=True), "-id")
    )


def _reader_gate(request: HttpRequest) -> HttpResponse | None:
    if settings.READ_REQUIRES_LOGIN and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    if gate := _reader_gate(request):
        return gate
    page = Paginator(visible_statements(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "statements/timeline.html", {"page": page})


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if gate := _reader_gate(request):
        return gate
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    statements = list(visible_statements().filter(document=document))
    context = {
        "document": document,
        "statements": statements,
        "segments": segments(document.text, statements),
        "statistics": document.statistics.all(),
    }
    return render(request, "statements/document.html", context)


@require_GET
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if gate := _reader_gate(request):
        return gate
    statement = get_object_or_404(
        Statement.objects.select_related("speaker", "document", "reviewed_by"), pk=pk
    )
    document = statement.document
    return render(
        request,
        "statements/statement.html",
        {
            "statement": statement,
            "before": document.text[max(0, statement.start - 300) : statement.start],
            "after": document.text[statement.end : statement.end + 300],
        },
    )


@require_GET
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if gate := _reader_gate(request):
        return gate
    speaker = get_object_or_404(
        Speaker.objects.prefetch_related("aliases", Prefetch("tenures")), slug=slug
    )
    page = Paginator(visible_statements().filter(speaker=speaker), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "statements/speaker.html", {"speaker": speaker, "page": page})


def health(request: HttpRequest) -> HttpResponse:
    Document.objects.exists()  # touches the database
    return HttpResponse("ok", content_type="text/plain")
