"""Events on the context page's time axis: per month, how many attacks and the people killed
in them, as a range (the sum of each event's lowest figure to the sum of its highest: the
sources are never averaged). Only events known to their day or month have a month; those
known only to their year are counted per year beside the chart, never put in January.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from .dates import in_range, month_key
from .event_models import Event, EventFigure
from .event_reads import filter_events
from .models import DatePrecision

KILLED_COLOR = "#b8336a"


@dataclass
class EventMonth:
    """The events of one month: how many, how many give a death toll, the killed range."""

    month: str  # YYYY-MM
    events: int
    with_toll: int
    killed_low: int
    killed_high: int

    @property
    def first(self) -> dt.date:
        return dt.date.fromisoformat(f"{self.month}-01")

    @property
    def killed(self) -> str:
        if not self.with_toll:
            return "—"
        low, high = self.killed_low, self.killed_high
        return str(low) if low == high else f"{low}–{high}"


def _killed(aggregate) -> Subquery:
    figures = (
        EventFigure.objects.filter(event=OuterRef("pk"), metric="killed")
        .order_by()
        .values("event")
        .annotate(v=aggregate("value"))
        .values("v")
    )
    return Subquery(figures, output_field=IntegerField())


def event_months(filters: dict) -> tuple[list[EventMonth], list[tuple[int, int]]]:
    """The events' months (oldest first) under the province and group filters, and the
    count of events known only to their year, per year. Two grouped queries."""
    wanted = {k: filters[k] for k in ("province", "group", "since", "until") if k in filters}
    events = filter_events(Event.objects.all(), wanted).filter(occurred_on__isnull=False)
    dated = events.filter(date_precision__in=[DatePrecision.DAY, DatePrecision.MONTH])
    rows = (
        dated.annotate(low=_killed(Min), high=_killed(Max))
        .annotate(month=TruncMonth("occurred_on"))
        .order_by()
        .values("month")
        .annotate(
            n=Count("id"),
            tolls=Count("id", filter=Q(high__isnull=False)),
            low_sum=Sum("low"),
            high_sum=Sum("high"),
        )
        .order_by("month")
    )
    months = [
        EventMonth(month_key(r["month"]), r["n"], r["tolls"], r["low_sum"] or 0, r["high_sum"] or 0)
        for r in rows
        if in_range(r["month"])
    ]
    years: Counter[int] = Counter()
    for day in events.filter(date_precision=DatePrecision.YEAR).values_list(
        "occurred_on", flat=True
    ):
        if in_range(day):
            years[day.year] += 1
    return months, sorted(years.items())


def killed_datasets(months: list[str], found: list[EventMonth]) -> list[dict]:
    """Two lines on the right axis: the killed range's low and high ends per month; none when
    no month's attacks give a toll."""
    index = {m: i for i, m in enumerate(months)}
    low: list[int | None] = [None] * len(months)
    high: list[int | None] = [None] * len(months)
    for m in found:
        if m.with_toll and m.month in index:
            low[index[m.month]] = m.killed_low
            high[index[m.month]] = m.killed_high
    if all(v is None for v in high):
        return []
    line = {"type": "line", "yAxisID": "y2", "spanGaps": False, "order": 0, "pointRadius": 3}
    return [
        line
        | {
            "label": "Killed, highest figures",
            "data": high,
            "borderColor": KILLED_COLOR,
            "backgroundColor": KILLED_COLOR,
        },
        line
        | {
            "label": "Killed, lowest figures",
            "data": low,
            "borderColor": KILLED_COLOR,
            "backgroundColor": "#ffffff",
            "borderDash": [6, 4],
        },
    ]
