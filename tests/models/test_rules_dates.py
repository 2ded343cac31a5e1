"""Month arithmetic and working days (models/rules/dates.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.rules.dates import (
    add_months,
    add_working_days,
    format_vn,
    is_working_day,
    whole_months_between,
    working_days_between,
)

TET_2026 = frozenset(date(2026, 2, d) for d in range(14, 23))


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)
    assert add_months(date(2021, 3, 10), 60) == date(2026, 3, 10)


def test_whole_months() -> None:
    assert whole_months_between(date(2025, 5, 19), date(2026, 5, 18)) == 11
    assert whole_months_between(date(2025, 5, 19), date(2026, 5, 19)) == 12
    assert whole_months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months_between(date(2026, 3, 1), date(2026, 1, 1)) == -2


def test_working_days_skip_weekends_holidays_and_count_makeup_saturdays() -> None:
    assert is_working_day(date(2026, 2, 13), TET_2026)  # Friday before Tết
    assert not is_working_day(date(2026, 2, 16), TET_2026)
    assert not is_working_day(date(2026, 2, 21), frozenset())  # Saturday
    assert is_working_day(date(2024, 5, 4), frozenset(), frozenset({date(2024, 5, 4)}))
    # Monday 05/01/2026 + 60 working days = 12 weeks → Monday 30/03/2026; Tết (5 weekdays) adds a week.
    assert add_working_days(date(2026, 1, 5), 60, frozenset()) == date(2026, 3, 30)
    assert add_working_days(date(2026, 1, 5), 60, TET_2026) == date(2026, 4, 6)
    assert working_days_between(date(2026, 1, 5), date(2026, 4, 6), TET_2026) == 60
    assert add_working_days(date(2026, 1, 5), 0, TET_2026) == date(2026, 1, 5)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1, TET_2026)


def test_format_vn() -> None:
    assert format_vn(date(2026, 2, 3)) == "03/02/2026"


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.integers(-1200, 1200))
def test_whole_months_inverts_add_months(day: date, months: int) -> None:
    later = add_months(day, months)
    if later.day == day.day:  # not clamped
        assert whole_months_between(day, later) == months


@given(days, days)
def test_whole_months_is_the_largest_fitting_shift(a: date, b: date) -> None:
    n = whole_months_between(a, b)
    assert add_months(a, n) <= b < add_months(a, n + 1)


@given(days.filter(lambda d: d.year < 2099), st.integers(0, 120))
def test_add_working_days_lands_on_a_working_day(start: date, n: int) -> None:
    holidays = frozenset(start + timedelta(days=k) for k in range(3, 40, 7))
    end = add_working_days(start, n, holidays)
    assert working_days_between(start, end, holidays) == n
    if n:
        assert is_working_day(end, holidays)
