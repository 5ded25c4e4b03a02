"""Reads the event pages share: events narrowed by the filters, tolls as ranges over every
source's figure (never an average), reactions in time order with their lag after the event,
and each side's first reaction.

A page reads its events, then their figures and their reactions in one query each: the number
of queries does not grow with the number of events or of reactions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, Min, OuterRef, QuerySet

from .cards import said_when
from .dates import BREADTH, as_said, ends_after, period_end
from .event_models import Event, EventFigure, Reaction
from .models import DatePrecision, Side, Statement

METRICS = ("killed", "injured", "hostages")
# The sides a reaction filter and the reactions table name; "joint" and others are counted.
SIDES = (Side.US, Side.PK)
NO_REACTION = {"no_us": Side.US, "no_pk": Side.PK}


# Filters -------------------------------------------------------------------------------------


def visible_reactions() -> QuerySet[Reaction]:
    """Reactions whose statement an analyst may see (a rejected statement is no reaction)."""
    return Reaction.objects.exclude(statement__review_status=Statement.Review.REJECTED)


def _reacted(side: str | None = None) -> Exists:
    reactions = visible_reactions().filter(event=OuterRef("pk"))
    if side:
        reactions = reactions.filter(statement__speaker__side=side)
    return Exists(reactions)


def filter_events(events: QuerySet[Event], filters: dict) -> QuerySet[Event]:
    """Narrow events by the cleaned values of :class:`~statements.event_forms.EventFilterForm`."""
    for name in ("province", "kind", "target"):
        if value := filters.get(name):
            events = events.filter(**{name: value})
    if group := filters.get("group"):
        events = events.filter(armed_group=group)
    if year := filters.get("year"):
        events = events.filter(occurred_on__year=year)
    if since := filters.get("since"):
        events = events.filter(occurred_on__gte=since)  # a period's first day: all of it after
    if until := filters.get("until"):
        events = events.filter(occurred_on__lte=until).exclude(ends_after(until, "occurred_on"))
    reaction = filters.get("reaction")
    if reaction in NO_REACTION:
        events = events.filter(~_reacted(NO_REACTION[reaction]))
    elif reaction == "none":
        events = events.filter(~_reacted())
    elif reaction == "any":
        events = events.filter(_reacted())
    elif reaction:
        events = events.filter(_reacted(reaction))
    return events


def in_event_order(events: QuerySet[Event]) -> QuerySet[Event]:
    """Newest first, undated last."""
    return events.order_by(F("occurred_on").desc(nulls_last=True), "-id")


def event_rows(events: QuerySet[Event]) -> QuerySet[Event]:
    """What a row of the events list or the reactions table shows of the event itself."""
    return events.select_related("armed_group")


# Tolls ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Toll:
    """One measure of an event over its sources: the lowest and highest figure given, and how
    many documents give one."""

    metric: str
    low: int
    high: int
    sources: int

    @property
    def span(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"

    def __str__(self) -> str:
        plural = "" if self.sources == 1 else "s"
        return f"{self.metric} {self.span} ({self.sources} source{plural})"


def tolls_of(event_ids: Iterable[int]) -> dict[int, list[Toll]]:
    """Each event's tolls, in METRICS order, from one grouped query."""
    rows = (
        EventFigure.objects.filter(event__in=list(event_ids))
        .order_by()
        .values("event_id", "metric")
        .annotate(low=Min("value"), high=Max("value"), sources=Count("document", distinct=True))
    )
    found: dict[int, list[Toll]] = defaultdict(list)
    for row in rows:
        found[row["event_id"]].append(Toll(row["metric"], row["low"], row["high"], row["sources"]))
    order = {m: i for i, m in enumerate(METRICS)}
    for tolls in found.values():
        tolls.sort(key=lambda t: order.get(t.metric, len(order)))
    return found


# Lags ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lag:
    """How long after the event a statement came, at the coarser of the two precisions:
    ``days`` only when both dates are known to the day."""

    label: str
    days: int | None = None


UNKNOWN_LAG = Lag("timing unknown")


def lag_of(
    event_on: dt.date | None, event_precision: str, said_on: dt.date | None, said_precision: str
) -> Lag:
    """The lag of a statement after an event, never finer than what both dates know."""
    precisions = {event_precision, said_precision}
    if event_on is None or event_precision == DatePrecision.UNKNOWN:
        return Lag("the event's date is unknown")
    if said_on is None or said_precision == DatePrecision.UNKNOWN:
        return UNKNOWN_LAG
    if precisions == {DatePrecision.DAY}:
        days = (said_on - event_on).days
        if days == 0:
            return Lag("same day", 0)
        word = "day" if abs(days) == 1 else "days"
        return Lag(f"{abs(days)} {word} {'after' if days > 0 else 'before'}", days)
    if DatePrecision.YEAR in precisions:
        return _apart(said_on.year - event_on.year, "year")
    months = (said_on.year * 12 + said_on.month) - (event_on.year * 12 + event_on.month)
    return _apart(months, "month")


def _apart(n: int, unit: str) -> Lag:
    if n == 0:
        return Lag(f"within the {unit}")
    if n == 1:
        return Lag(f"the {unit} after")
    if n == -1:
        return Lag(f"the {unit} before")
    return Lag(f"{abs(n)} {unit}s {'after' if n > 0 else 'before'}")


def said_order(said_on: dt.date | None, precision: str, pk: int) -> tuple:
    """Reactions in time order: by date (the wider period first on the same first day), then
    by id; undated last."""
    if said_on is None:
        return (1, dt.date.max, 0, pk)
    return (0, said_on, BREADTH.get(precision, 2), pk)


# Reactions per event -------------------------------------------------------------------------


def _soonest(r: Brief) -> tuple:
    if r.said_on is None or r.precision == DatePrecision.UNKNOWN:
        return (1, dt.date.max, 0, r.statement_id)
    return (0, period_end(r.said_on, r.precision), -BREADTH.get(r.precision, 2), r.statement_id)


@dataclass
class Brief:
    """One reaction as the reactions table shows it."""

    statement_id: int
    speaker: str
    speaker_slug: str
    side: str
    said_on: dt.date | None
    precision: str
    lag: Lag

    @property
    def when(self) -> str:
        return said_when(self.said_on, self.precision, "date unknown")


@dataclass
class Reactions:
    """An event's reactions, in time order, with each side's first and count."""

    all: list[Brief] = field(default_factory=list)

    def first(self, side: str) -> Brief | None:
        """The side's reaction known to have come soonest: the one whose date, at its
        precision, ends first (a remark of "11 March" before one of "March", which may have
        come on the 31st); undated ones only when there is no other."""
        mine = [r for r in self.all if r.side == side]
        return min(mine, key=_soonest, default=None)

    def count(self, side: str) -> int:
        return sum(r.side == side for r in self.all)

    @property
    def first_us(self) -> Brief | None:
        return self.first(Side.US)

    @property
    def first_pk(self) -> Brief | None:
        return self.first(Side.PK)

    @property
    def us(self) -> int:
        return self.count(Side.US)

    @property
    def pk(self) -> int:
        return self.count(Side.PK)

    @property
    def others(self) -> int:
        return len(self.all) - self.us - self.pk


def reactions_of(events: list[Event]) -> dict[int, Reactions]:
    """Each event's visible reactions in time order, from one query."""
    by_id = {e.pk: e for e in events}
    rows = (
        visible_reactions()
        .filter(event__in=list(by_id))
        .order_by()
        .values_list(
            "event_id",
            "statement_id",
            "statement__speaker__name",
            "statement__speaker__slug",
            "statement__speaker__side",
            "statement__said_on",
            "statement__date_precision",
        )
    )
    found: dict[int, Reactions] = {pk: Reactions() for pk in by_id}
    for event_id, pk, speaker, slug, side, said_on, precision in rows:
        event = by_id[event_id]
        lag = lag_of(event.occurred_on, event.date_precision, said_on, precision)
        found[event_id].all.append(Brief(pk, speaker, slug, side, said_on, precision, lag))
    for reactions in found.values():
        reactions.all.sort(key=lambda r: said_order(r.said_on, r.precision, r.statement_id))
    return found


@dataclass
class Row:
    """An event with its tolls and reactions: a row of the events list or reactions table,
    its date and place worked out here once (fifty rows of template includes cost more than
    the page's queries)."""

    event: Event
    tolls: list[Toll]
    reactions: Reactions

    @property
    def when(self) -> str:
        return said_when(self.event.occurred_on, self.event.date_precision, "Date unknown")

    @property
    def iso(self) -> str:
        return as_said(self.event.occurred_on, self.event.date_precision)

    @property
    def where(self) -> str:
        """Town and district ("Turbat, Kech"), or the district, or the province."""
        e = self.event
        places = [p for p in dict.fromkeys((e.place, e.district)) if p]
        return ", ".join(places) or e.province or e.get_country_display()

    @property
    def region(self) -> str:
        """The province (and the country outside Pakistan) under the town, when named."""
        e = self.event
        if not (e.place or e.district):
            return "" if e.country == "PK" else str(e.get_country_display())
        country = "" if e.country == "PK" else str(e.get_country_display())
        return ", ".join(p for p in (e.province, country) if p)


def rows_of(events: list[Event]) -> list[Row]:
    """The rows for a page of events: two queries whatever the page holds."""
    tolls = tolls_of(e.pk for e in events)
    reactions = reactions_of(events)
    return [Row(e, tolls.get(e.pk, []), reactions[e.pk]) for e in events]


def province_choices() -> list[str]:
    """The provinces events are known in, sorted."""
    names = Event.objects.exclude(province="").order_by().values_list("province", flat=True)
    return sorted(set(names.distinct()))
