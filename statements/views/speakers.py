"""Who speaks: an index with counts and first and last dates, and a page per speaker."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from ..cache import cached
from ..cards import cards_of, shortened
from ..models import Speaker, SpeakerSlug
from ..queries import chart_of, in_timeline_order, timeline_base
from ..summary_reads import speaker_summary, speaker_totals
from .common import reader_view

LATEST = 10
PLEDGES = 20


@reader_view
def speaker_list(request: HttpRequest) -> HttpResponse:
    def compute() -> list[Speaker]:
        totals = {row["speaker_id"]: row for row in speaker_totals()}
        speakers = list(Speaker.objects.filter(pk__in=totals))
        for speaker in speakers:
            row = totals[speaker.pk]
            speaker.total, speaker.pledges = row["total"], row["pledges"]
            speaker.first, speaker.last = row["first"], row["last"]
        return sorted(speakers, key=lambda s: (-s.total, s.name))

    # From the monthly summary, then cached until the data changes (new name: first and last
    # became (day, precision) pairs, which an entry cached before could not give).
    speakers = cached("speaker-index-precision", None, compute)
    return render(request, "statements/speakers.html", {"speakers": speakers})


@reader_view
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = Speaker.objects.prefetch_related("aliases", "tenures").filter(slug=slug).first()
    if speaker is None:
        # A slug the speaker had before a merge leads to the speaker now; any other, 404.
        moved = get_object_or_404(SpeakerSlug.objects.select_related("speaker"), slug=slug)
        return redirect(moved.speaker, permanent=True)
    # The counts, chart and topics come from the monthly summary; the cards are a few rows
    # by index, the latest rendered once: all cached until the data changes.
    summary = cached("speaker-summary", speaker.pk, lambda: _summary(speaker))
    shown = cached("speaker-cards", speaker.pk, lambda: _cards(speaker))
    return render(request, "statements/speaker.html", {"speaker": speaker, **summary, **shown})


def _cards(speaker: Speaker) -> dict:
    said = timeline_base().filter(speaker=speaker)
    latest = cards_of(in_timeline_order(said)[:LATEST])
    return {
        "pledges": [
            card | {"short_text": shortened(card["quote"] or card["text"], 220)}
            for card in cards_of(in_timeline_order(said.filter(is_pledge=True))[:PLEDGES])
        ],
        "latest": latest,
        "latest_html": render_to_string("statements/_cards.html", {"cards": latest}),
    }


def _summary(speaker: Speaker) -> dict:
    found = speaker_summary(speaker)
    return {
        "total": found["total"],
        "chart": chart_of(found["months"]),
        "topics": found["topics"],
        "pledge_total": found["pledge_total"],
        "first": found["first"],
        "last": found["last"],
    }
