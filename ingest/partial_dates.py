"""The extractor's dates as written ("2024-05", "2024-Q1", "2022-01/2022-04") made into the
first day of what they name with its precision, or a period's first and last days."""

from __future__ import annotations

import calendar
import re
from datetime import date

from statements import dates
from statements.models import DatePrecision


def parse_partial_date(value: str | None) -> tuple[date | None, str]:
    """'2024-05-13' / '2024-05' / '2024' -> (first day of that period, precision)."""
    if not value:
        return None, DatePrecision.UNKNOWN
    parts = str(value).split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        day = date(numbers[0], *(numbers[1:] + [1, 1])[:2])
    except (ValueError, TypeError):
        return None, DatePrecision.UNKNOWN
    if not dates.in_range(day):  # a typo such as year 24: undated rather than stored
        return None, DatePrecision.UNKNOWN
    precision = {1: DatePrecision.YEAR, 2: DatePrecision.MONTH}.get(len(numbers), DatePrecision.DAY)
    return day, precision


def period_bounds(period: str | None) -> tuple[date | None, date | None]:
    """'2024-Q1' / '2021' / '2022-01/2022-04' -> (first day, last day) of the period."""
    if not period:
        return None, None
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if quarter:
        year, q = int(quarter[1]), int(quarter[2])
        start = dates.within(date(max(year, 1), 3 * q - 2, 1))
        return start, _last_day(date(year, 3 * q, 1), DatePrecision.MONTH) if start else None
    first, _, last = period.partition("/")
    start, _ = parse_partial_date(first)
    end, precision = parse_partial_date(last or first)
    return start, _last_day(end, precision) if end else None


def _last_day(day: date, precision: str) -> date:
    if precision == DatePrecision.YEAR:
        return date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day
