"""Calendar arithmetic the Party rules need: whole months, month shifts and working days.

Pure functions over ``datetime.date``. ``python-dateutil`` is not a dependency, and the two month
operations needed here are small enough to own (and to test exhaustively).

Working days (ngày làm việc) exclude Saturdays, Sundays and public holidays. The holiday set is data
(``resources/rules/holidays_vn.json``, read by ``secretary_app.rules_data``) and is passed in as a
``frozenset[date]``; swapped working Saturdays (ngày làm bù) may be passed as ``makeup_days``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "add_months",
    "add_working_days",
    "format_vn",
    "is_working_day",
    "whole_months_between",
    "working_days_between",
]

_NO_DAYS: frozenset[date] = frozenset()


def add_months(day: date, months: int) -> date:
    """``day`` shifted by ``months`` calendar months, clamped to the last day of a shorter month.

    31/01 + 1 month = 28/02 (29/02 in a leap year); 29/02/2024 + 12 months = 28/02/2025.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def whole_months_between(start: date, end: date) -> int:
    """Number of full months from ``start`` to ``end``: the largest n with ``add_months(start, n) <= end``.

    This is how Party texts count "đủ … tháng" / "đủ … tuổi (tính theo tháng)". Negative when ``end``
    is before ``start`` (the largest n, which is then negative, with the same property).
    """
    months = (end.year - start.year) * 12 + (end.month - start.month)
    while add_months(start, months) > end:
        months -= 1
    while add_months(start, months + 1) <= end:
        months += 1
    return months


def is_working_day(day: date, holidays: frozenset[date], makeup_days: frozenset[date] = _NO_DAYS) -> bool:
    """Monday–Friday and not a public holiday; a swapped working Saturday (làm bù) counts as working."""
    if day in makeup_days:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: date, count: int, holidays: frozenset[date], makeup_days: frozenset[date] = _NO_DAYS
) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted).

    "Trong thời hạn 60 ngày làm việc kể từ ngày chi bộ có nghị quyết" → the deadline is
    ``add_working_days(resolution_date, 60, holidays)``. ``count`` must be ≥ 0; 0 returns ``start``.
    """
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, holidays, makeup_days):
            remaining -= 1
    return day


def working_days_between(
    start: date, end: date, holidays: frozenset[date], makeup_days: frozenset[date] = _NO_DAYS
) -> int:
    """Working days in the half-open interval (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start, holidays, makeup_days)
    total = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, holidays, makeup_days):
            total += 1
    return total


def format_vn(day: date) -> str:
    """dd/mm/yyyy, the form used in Party documents and in the UI."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
