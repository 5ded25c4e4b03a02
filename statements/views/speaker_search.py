"""The speaker filter's search box: matching speakers as a fragment (htmx) or as a page (the
same links, for a browser without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..speaker_finder import find_speakers
from .common import reader_view, wants_partial

MAX_QUERY = 100


@reader_view
def speaker_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:MAX_QUERY].replace("\x00", "")
    chosen = set(request.GET.getlist("speaker"))
    context = {"q": q, "results": find_speakers(q, exclude=chosen)}
    if wants_partial(request):
        return render(request, "statements/_speaker_options.html", context)
    return render(request, "statements/speaker_search.html", context)
