"""The range of dates the dashboard accepts, and month arithmetic that holds at its edges.

A date outside the range is a typo (``0024-05-10`` for ``2024-05-10``) or a placeholder
(``9999-12-31``): forms and the admin refuse it with a message, the pipeline stores the
statement undated instead. A row already stored out of range (written by hand, or before
the bounds) must still not break a page, so nothing here overflows at ``date.min`` or
``date.max``: charts leave such dates out, as they leave out undated rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


class DatePrecision(models.TextChoices):
    """How much of a date is known: a month-only date is stored as its first day."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


RANGE_TEXT = f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"

VALIDATORS = [
    MinValueValidator(EARLIEST, message=f"Enter a date {RANGE_TEXT}."),
    MaxValueValidator(LATEST, message=f"Enter a date {RANGE_TEXT}."),
]


def in_range(day: dt.date | None) -> bool:
    return day is not None and EARLIEST <= day <= LATEST


def within(day: dt.date | None) -> dt.date | None:
    """``day`` if it lies in the accepted range, else None (unknown)."""
    return day if in_range(day) else None


def month_key(day: dt.date) -> str:
    """``YYYY-MM``, zero-padded whatever the year (``strftime('%Y')`` does not pad year 24)."""
    return f"{day.year:04d}-{day.month:02d}"


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month; December 9999 included."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(month: dt.date) -> dt.date | None:
    """The first day of the following month; None after December 9999."""
    end = month_end(month)
    return None if end == dt.date.max else end + dt.timedelta(days=1)


# Dates at their precision ---------------------------------------------------------------------
# A statement's ``said_on`` is the first day of the period its source gives: the day itself,
# the first of the month, or 1 January. These helpers never turn a period into a day.


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the period starting at ``day``: the day, its month or its year."""
    if precision == "year":
        return day.replace(month=12, day=31)
    if precision == "month":
        return month_end(day)
    return day


def as_said(day: dt.date | None, precision: str) -> str:
    """The date as its source gives it, in ISO 8601 forms that are also valid in
    ``<time datetime>``: ``2024``, ``2024-05`` or ``2024-05-15``; empty when undated."""
    if day is None:
        return ""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return month_key(day)
    return day.isoformat()


def last_whole_start(until: dt.date, precision: str) -> dt.date | None:
    """The latest first day of a period (month or year) that ends on or before ``until``;
    None when there is none (the range ends before year 1 is over)."""
    if precision == "year":
        year = until.year if (until.month, until.day) == (12, 31) else until.year - 1
        return dt.date(year, 1, 1) if year >= 1 else None
    start = until.replace(day=1)
    if until == month_end(until):
        return start
    return (start - dt.timedelta(days=1)).replace(day=1) if start > dt.date.min else None


def ends_after(until: dt.date, field: str) -> models.Q:
    """Rows dated on ``field`` at month or year precision whose period ends after ``until``:
    a range that cuts their period does not hold them (never an invented day)."""
    cut = models.Q(pk__in=[])
    for precision in (DatePrecision.MONTH, DatePrecision.YEAR):
        start = last_whole_start(until, precision)
        if start is None:
            cut |= models.Q(date_precision=precision)
        else:
            cut |= models.Q(date_precision=precision, **{f"{field}__gt": start})
    return cut


# Among equal first days the wider period comes first, as on the timeline (newest first, the
# group "2024, month unknown" follows January 2024): "2024", then "May 2024", then a day.
BREADTH = {"year": 0, "month": 1}


def date_order(day: dt.date, precision: str) -> tuple:
    """A sort key for a date at its precision: its first day, the wider period first."""
    return (day, BREADTH.get(precision, 2))


def earliest(pairs: Iterable[tuple[dt.date, str]]) -> tuple[dt.date, str] | None:
    """The earliest of (first day, precision) pairs; None when there is none."""
    return min(pairs, key=lambda pair: date_order(*pair), default=None)


def latest(pairs: Iterable[tuple[dt.date, str]]) -> tuple[dt.date, str] | None:
    """The latest of (first day, precision) pairs, ordered as :func:`earliest` orders them."""
    return max(pairs, key=lambda pair: date_order(*pair), default=None)
