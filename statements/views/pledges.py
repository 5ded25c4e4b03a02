"""The pledge ledger: per commitment area, every pledge and reaffirmation over time, by whom."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Speaker, Statement
from ..queries import apply_filters, timeline_base, with_card_data
from .common import filter_form, reader_view, wants_partial

UNFILED = "No topic assigned"


@dataclass
class Commitment:
    """One commitment area and its pledges, oldest first: the first is when it was made."""

    name: str
    slug: str | None
    pledges: list[Statement] = field(default_factory=list)

    @property
    def first(self) -> Statement:
        return self.pledges[0]

    @property
    def latest(self) -> Statement:
        return self.pledges[-1]

    @property
    def reaffirmations(self) -> int:
        return len(self.pledges) - 1

    @property
    def speakers(self) -> list[tuple[Speaker, int]]:
        counts = Counter(p.speaker for p in self.pledges)
        return counts.most_common()

    @property
    def sides(self) -> list[str]:
        return sorted({p.speaker.get_side_display() for p in self.pledges})


def ledger(pledges: list[Statement]) -> list[Commitment]:
    """Group pledges by topic (a pledge with several topics counts in each), busiest first."""
    areas: dict[str, Commitment] = {}
    for pledge in pledges:
        topics = list(pledge.topics.all()) or [None]
        for topic in topics:
            key = topic.slug if topic else ""
            if key not in areas:
                areas[key] = Commitment(topic.name if topic else UNFILED, key or None)
            areas[key].pledges.append(pledge)
    return sorted(areas.values(), key=lambda c: (c.slug is None, -len(c.pledges), c.name))


@reader_view
def pledge_ledger(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    filters = {**filters, "pledges": True}
    pledges = apply_filters(with_card_data(timeline_base()), filters).order_by(
        F("said_on").asc(nulls_last=True), "id"
    )
    commitments = ledger(list(pledges))
    context = {"form": form, "filters": filters, "commitments": commitments}
    if wants_partial(request):
        return render(request, "statements/pledges.html#ledger", context)
    return render(request, "statements/pledges.html", context)
