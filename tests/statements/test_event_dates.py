"""Lags between an attack and a statement at the precision both dates are known."""

import datetime as dt

from statements.event_dates import lag_range, may_follow, partial_date, span

D = dt.date


def test_a_day_is_itself_a_month_its_days_a_year_its_days_and_unknown_nothing():
    assert span(D(2025, 3, 4), "day") == (D(2025, 3, 4), D(2025, 3, 4))
    assert span(D(2025, 2, 1), "month") == (D(2025, 2, 1), D(2025, 2, 28))
    assert span(D(2024, 1, 1), "year") == (D(2024, 1, 1), D(2024, 12, 31))
    assert span(None, "day") is None and span(D(2025, 1, 1), "unknown") is None


def test_the_lag_is_exact_for_two_days_and_a_range_otherwise():
    assert lag_range(D(2025, 3, 4), "day", D(2025, 3, 5), "day") == (1, 1)
    assert lag_range(D(2023, 9, 1), "month", D(2023, 10, 2), "day") == (2, 31)
    assert lag_range(None, "unknown", D(2023, 10, 2), "day") is None


def test_a_statement_may_follow_within_the_window_or_not():
    assert may_follow(D(2025, 3, 4), "day", D(2025, 3, 11), "day", 7)
    assert not may_follow(D(2025, 3, 4), "day", D(2025, 3, 12), "day", 7)
    assert not may_follow(D(2025, 3, 4), "day", D(2025, 3, 3), "day", 7)  # before the attack
    assert may_follow(D(2023, 9, 1), "month", D(2023, 10, 2), "day", 7)  # late September
    assert partial_date("2025-03") == (D(2025, 3, 1), "month")
    assert partial_date("0024-05-10") == (None, "unknown")  # a typo, not year 24
