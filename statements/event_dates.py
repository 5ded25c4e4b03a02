"""Dates known at a precision, as the days they may stand for: an event of "September 2023"
may be any day of that month, so a statement of 2 October may be two to 32 days after it.
Windows and lags are computed on those spans, never on an invented day."""

from __future__ import annotations

import calendar
import datetime as dt

from .dates import DatePrecision, in_range

DAY = dt.timedelta(days=1)


def span(day: dt.date | None, precision: str) -> tuple[dt.date, dt.date] | None:
    """(first, last) day a date at its precision may be; None when unknown."""
    if day is None or precision == DatePrecision.UNKNOWN:
        return None
    if precision == DatePrecision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def lag_range(
    event_day: dt.date | None, event_precision: str, said: dt.date | None, said_precision: str
) -> tuple[int, int] | None:
    """(fewest, most) days from the event to the statement that the two dates allow; None
    when either is unknown. Both day-precise: the exact lag twice."""
    event, statement = span(event_day, event_precision), span(said, said_precision)
    if event is None or statement is None:
        return None
    return (statement[0] - event[1]).days, (statement[1] - event[0]).days


def may_follow(
    event_day: dt.date | None,
    event_precision: str,
    said: dt.date | None,
    said_precision: str,
    days: int,
) -> bool:
    """Whether the statement may have been said from the event's day to ``days`` after it."""
    lags = lag_range(event_day, event_precision, said, said_precision)
    return lags is not None and lags[1] >= 0 and lags[0] <= days


def partial_date(value: str | None) -> tuple[dt.date | None, str]:
    """'2024-05-13' / '2024-05' / '2024' -> (first day of that period, precision)."""
    if not value:
        return None, DatePrecision.UNKNOWN
    parts = str(value).split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        day = dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2])
    except (ValueError, TypeError):
        return None, DatePrecision.UNKNOWN
    if not in_range(day):
        return None, DatePrecision.UNKNOWN
    precision = {1: DatePrecision.YEAR, 2: DatePrecision.MONTH}.get(len(numbers), DatePrecision.DAY)
    return day, precision
