"""Meeting frequency and duration warnings (documents.md §5.1–5.2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from models.rules.meetings import (
    MeetingKind,
    MeetingPlan,
    MeetingRules,
    MeetingWarning,
    months_missing_regular,
    quarters_missing_thematic,
)
from models.rules.meetings import duration_warnings as _duration_warnings
from tests.rule_defaults import MEETING_RULES


def duration_warnings(kind: MeetingKind, minutes: int | None, rules: MeetingRules = MEETING_RULES,
                      *, member_count: int | None = None) -> tuple[MeetingWarning, ...]:
    return _duration_warnings(kind, minutes, rules, member_count=member_count)


def test_duration_minimums_90_and_120() -> None:
    assert duration_warnings(MeetingKind.REGULAR, 90) == ()
    short = duration_warnings(MeetingKind.REGULAR, 89)
    assert [w.code for w in short] == ["duration_short"]
    assert (
        short[0].message == "Thời lượng dự kiến 89 phút, dưới mức tối thiểu 90 phút cho sinh hoạt thường kỳ."
    )
    assert duration_warnings(MeetingKind.REGULAR_AND_THEMATIC, 120) == ()
    combined = duration_warnings(MeetingKind.REGULAR_AND_THEMATIC, 100)
    assert "120 phút" in combined[0].message
    assert duration_warnings(MeetingKind.THEMATIC, 45) == ()  # no central minimum [?]
    assert duration_warnings(MeetingKind.EXTRAORDINARY, 30) == ()
    assert [w.code for w in duration_warnings(MeetingKind.REGULAR, None)] == ["duration_missing"]


def test_local_settings_small_and_large_cells() -> None:
    small = replace(MEETING_RULES, regular_min_minutes=60)
    assert duration_warnings(MeetingKind.REGULAR, 60, small) == ()
    large = replace(MEETING_RULES, large_cell_members=30)
    assert duration_warnings(MeetingKind.REGULAR, 100, large, member_count=29) == ()
    warned = duration_warnings(MeetingKind.REGULAR, 100, large, member_count=30)
    assert "120 phút" in warned[0].message and "chi bộ từ 30 đảng viên" in warned[0].message
    thematic = replace(MEETING_RULES, thematic_min_minutes=60)
    assert duration_warnings(MeetingKind.THEMATIC, 45, thematic)


def test_thematic_at_least_once_per_quarter() -> None:
    meetings = [
        MeetingPlan(date(2026, 2, 10), MeetingKind.THEMATIC),
        MeetingPlan(date(2026, 5, 5), MeetingKind.REGULAR),
        MeetingPlan(date(2026, 8, 4), MeetingKind.REGULAR_AND_THEMATIC, 120),
        MeetingPlan(date(2025, 11, 4), MeetingKind.THEMATIC),
    ]
    assert quarters_missing_thematic(meetings, 2026) == (2, 4)
    assert quarters_missing_thematic(meetings, 2026, until=date(2026, 6, 30)) == (2,)
    assert quarters_missing_thematic([], 2026, until=date(2026, 1, 15)) == (1,)


def test_regular_meeting_every_month() -> None:
    meetings = [MeetingPlan(date(2026, m, 5), MeetingKind.REGULAR, 90) for m in (1, 2, 4)]
    meetings.append(MeetingPlan(date(2026, 3, 20), MeetingKind.THEMATIC, 90))  # does not replace March
    assert months_missing_regular(meetings, 2026, until=date(2026, 5, 31)) == (3, 5)
