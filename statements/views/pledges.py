"""The pledge ledger: per commitment area, every pledge and reaffirmation over time, by whom.

Each area's summary (first pledged, how often, latest, by whom) is aggregated in the database;
the page lists the first pledge and the latest ones of each area, and links to the full,
paged list in the timeline, so a large corpus does not make a page of megabytes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, IntegerField, Max, Min, QuerySet, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..cache import cached, filter_key
from ..dates import date_order
from ..models import Statement, Topic
from ..queries import apply_filters, cut_periods, timeline_base, with_card_data
from ..summary_reads import pledge_areas
from .common import filter_form, reader_view, renamed_redirect, wants_partial

UNFILED = "No topic assigned"
LATEST = 12  # rows per area besides the first pledge


@dataclass
class Commitment:
    """One commitment area: its pledges summarized, and the first and latest ones listed."""

    name: str
    slug: str | None
    total: int
    first_on: dt.date | None
    last_on: dt.date | None
    speakers: list[tuple[str, str, str, int]] = field(default_factory=list)
    pledges: list[Statement] = field(default_factory=list)  # oldest first

    @property
    def first(self) -> Statement | None:
        return self.pledges[0] if self.pledges else None

    @property
    def latest(self) -> Statement | None:
        """The most recent dated pledge (the list holds the newest ones, oldest first)."""
        dated = [p for p in self.pledges if p.said_on]
        return dated[-1] if dated else None

    @property
    def reaffirmations(self) -> int:
        return self.total - 1

    @property
    def not_shown(self) -> int:
        return self.total - len(self.pledges)

    @property
    def key(self) -> str:
        return self.slug or "none"


def _by_topic(pledges: QuerySet[Statement]) -> tuple[list[Commitment], dict[int, Commitment]]:
    rows = (
        Topic.objects.filter(statements__in=pledges)
        .annotate(
            n=Count("statements", distinct=True),
            first=Min("statements__said_on"),
            last=Max("statements__said_on"),
        )
        .order_by("-n", "name")
    )
    areas = {t.pk: Commitment(t.name, t.slug, t.n, t.first, t.last) for t in rows}
    return list(areas.values()), areas


def _speakers(pledges: QuerySet[Statement], areas: dict[int, Commitment], unfiled) -> None:
    counts = (
        pledges.order_by()
        .values("topics", "speaker__name", "speaker__slug", "speaker__side")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "speaker__name")
    )
    for row in counts:
        area = areas.get(row["topics"]) if row["topics"] else unfiled
        if area is not None:
            area.speakers.append(
                (row["speaker__name"], row["speaker__slug"], row["speaker__side"], row["n"])
            )


def _shown_ids(
    pledges: QuerySet[Statement], topic_ids: list[int], *, unfiled: bool
) -> list[tuple[int | None, int]]:
    """(topic id, statement id) of each area's first pledge and its latest ones: short index
    scans per area (in date order, stopping after a few rows), in one query. The first is the
    earliest dated pledge, or the first undated one; each is asked for separately, so that
    both read the pledges' keyset index (said_on DESC NULLS LAST, id DESC) backwards."""
    newest = [F("said_on").desc(nulls_last=True), "-id"]
    oldest = F("said_on").asc(nulls_first=True)  # no NULL here; the index's order backwards
    parts = []
    for topic_id in topic_ids:
        area = pledges.filter(topics=topic_id).annotate(area=Value(topic_id))
        area = area.values_list("area", "id")
        parts += [
            area.filter(said_on__isnull=False).order_by(oldest, "id")[:1],
            area.filter(said_on__isnull=True).order_by("id")[:1],
            area.order_by(*newest)[:LATEST],
        ]
    if unfiled:  # known from the counts; asking anyway costs a scan of every pledge
        loose = pledges.filter(topics__isnull=True).annotate(area=Value(None, IntegerField()))
        parts.append(loose.values_list("area", "id").order_by(*newest)[:LATEST])
    if not parts:
        return []
    if not connection.features.supports_slicing_ordering_in_compound:  # SQLite: the demo
        return [row for part in parts for row in part]
    first, *rest = parts
    return list(first.union(*rest, all=True)) if rest else list(first)


def _from_summary(found: dict) -> tuple[list[Commitment], dict[int, Commitment], Commitment]:
    names = Topic.objects.in_bulk(list(found["topics"]))
    areas = {
        pk: Commitment(names[pk].name, names[pk].slug, row["n"], row["first"], row["last"])
        for pk, row in sorted(
            found["topics"].items(), key=lambda item: (-item[1]["n"], names[item[0]].name)
        )
    }
    loose = found["unfiled"]
    unfiled = Commitment(UNFILED, None, loose["n"], loose["first"], loose["last"])
    for topic_id, *who in found["speakers"]:
        area = areas.get(topic_id) if topic_id else unfiled
        if area is not None:
            area.speakers.append(tuple(who))
    return list(areas.values()), areas, unfiled


def _counted_live(
    pledges: QuerySet[Statement],
) -> tuple[list[Commitment], dict[int, Commitment], Commitment]:
    commitments, areas = _by_topic(pledges)
    loose = pledges.filter(topics__isnull=True).aggregate(
        n=Count("id"), first=Min("said_on"), last=Max("said_on")
    )
    unfiled = Commitment(UNFILED, None, loose["n"], loose["first"], loose["last"])
    _speakers(pledges, areas, unfiled)
    return commitments, areas, unfiled


def ledger(pledges: QuerySet[Statement], filters: dict | None = None) -> list[Commitment]:
    """Commitment areas, busiest first, each with its first and latest pledges (oldest first).

    The counts come from the monthly summary when it answers ``filters``, else live."""
    found = pledge_areas(filters) if filters is not None else None
    commitments, areas, unfiled = _from_summary(found) if found else _counted_live(pledges)
    shown = _shown_ids(pledges, list(areas), unfiled=bool(unfiled.total))
    statements = with_card_data(Statement.objects.filter(pk__in={pk for _, pk in shown}))
    by_id = {s.pk: s for s in statements}
    listed: dict[int | None, list[Statement]] = defaultdict(list)
    for topic_id, pk in shown:
        listed[topic_id].append(by_id[pk])
    for topic_id, area in [*areas.items(), (None, unfiled)]:
        area.pledges = sorted(
            {s.pk: s for s in listed[topic_id]}.values(),  # the first may be among the latest
            # At its precision: "2024" before "May 2024" before a day of it, as on the timeline.
            key=lambda s: (
                s.said_on is None,
                date_order(s.said_on or dt.date.min, s.date_precision),
                s.pk,
            ),
        )
    return commitments + ([unfiled] if unfiled.total else [])


@reader_view
def pledge_ledger(request: HttpRequest) -> HttpResponse:
    form, filters = filter_form(request)
    if moved := renamed_redirect(request, form):
        return moved
    filters = {**filters, "pledges": True}
    pledges = apply_filters(timeline_base(), filters, annotate=False)
    context = {
        "form": form,
        "filters": filters,
        # From the monthly summary where it answers the filters, else counted live (seconds at
        # a million statements); cached until the data changes either way.
        "commitments": cached(
            "pledge-ledger", filter_key(filters), lambda: ledger(pledges, filters)
        ),
        "query": request.GET.urlencode(),
        # Pledges whose month or year the date range cuts: left out, and said so.
        "cut": cached(
            "pledge-cut", filter_key(filters), lambda: cut_periods(timeline_base(), filters)
        )
        if filters.get("since") or filters.get("until")
        else 0,
    }
    if wants_partial(request):
        return render(request, "statements/pledges.html#ledger", context)
    return render(request, "statements/pledges.html", context)
