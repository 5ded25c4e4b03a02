"""Who speaks: an index with counts and first and last dates, and a page per speaker."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..cache import cached
from ..models import Speaker, Statement, Topic
from ..queries import monthly_counts, timeline_base, with_card_data
from .common import reader_view

LATEST = 10
PLEDGES = 20


def _visible(prefix: str = "statements__") -> Q:
    return ~Q(**{f"{prefix}review_status": Statement.Review.REJECTED})


@reader_view
def speaker_list(request: HttpRequest) -> HttpResponse:
    visible = _visible()
    speakers = (
        Speaker.objects.annotate(
            total=Count("statements", filter=visible),
            pledges=Count("statements", filter=visible & Q(statements__is_pledge=True)),
            first=Min("statements__said_on", filter=visible),
            last=Max("statements__said_on", filter=visible),
        )
        .filter(total__gt=0)
        .order_by("-total", "name")
    )
    # One aggregate over every statement: cached until the data changes.
    speakers = cached("speaker-index", None, lambda: list(speakers))
    return render(request, "statements/speakers.html", {"speakers": speakers})


@reader_view
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases", "tenures"), slug=slug)
    said = timeline_base().filter(speaker=speaker)
    topics = (
        Topic.objects.filter(statements__in=said)
        .annotate(
            n=Count("statements", distinct=True),
            pledges=Count("statements", filter=Q(statements__is_pledge=True), distinct=True),
        )
        .order_by("-n", "name")
    )
    # The counts, chart and topics aggregate all of the speaker's statements: cached until the
    # data changes. The cards below are a few rows by index.
    summary = cached("speaker-summary", speaker.pk, lambda: _summary(said, topics))
    context = {
        "speaker": speaker,
        **summary,
        "pledges": with_card_data(said.filter(is_pledge=True))[:PLEDGES],
        "latest": with_card_data(said)[:LATEST],
    }
    return render(request, "statements/speaker.html", context)


def _summary(said, topics) -> dict:
    return {
        "total": said.count(),
        "chart": monthly_counts(said),
        "topics": list(topics),
        "pledge_total": said.filter(is_pledge=True).count(),
    }
