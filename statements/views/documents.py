"""The documents index: every document with its outlet, date, kind and statement count,
filtered by outlet and kind, and searched over the documents' whole text."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..documents import PAGE_SIZE, DocumentFilterForm, listed, matching_documents, with_snippets
from .common import reader_view, wants_partial


@reader_view
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET)
    filters = form.filters()
    q = filters.get("q")
    # The headlines and counts are computed for the page's rows only; counting the pages
    # leaves them out.
    paginator = Paginator(listed(matching_documents(filters), q), PAGE_SIZE)
    # A page number out of range or not a number gives the nearest page, never an error.
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = with_snippets(list(page.object_list), q)
    context = {
        "form": form,
        "filters": filters,
        "filtered": bool(filters),
        "page": page,
    }
    if wants_partial(request):
        return render(request, "statements/documents.html#results", context)
    return render(request, "statements/documents.html", context)
