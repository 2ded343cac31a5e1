"""Meeting frequency and planned duration (documents.md §5.1–5.2; rules.md §7).

* Chi bộ meets **once a month** (Điều lệ art. 24.2) [C]; a thematic meeting (sinh hoạt chuyên đề) is held
  **at least once per quarter** and does not replace the monthly one (HD 12-HD/BTCTW 2018 §II.2.2) [C].
* Duration **≥ 90 minutes**; **≥ 120 minutes** when the thematic and regular meetings are held in one
  session (HD 42 / HD 12 §3.3) [C]. For very small cells the competent committee sets the duration, so the
  minimums are settings. A local rule (≥ 120 min when the cell has ≥ 30 members, Đảng ủy phường An Phú)
  is [R] and off by default.
* No central minimum is given for a thematic meeting on its own or for an extraordinary meeting [?]:
  no warning unless a local minimum is set.

All results are warnings (code + Vietnamese text); nothing here blocks the secretary.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = [
    "MeetingKind",
    "MeetingPlan",
    "MeetingRules",
    "MeetingWarning",
    "duration_warnings",
    "months_missing_regular",
    "quarter_of",
    "quarters_missing_thematic",
]


class MeetingKind(enum.StrEnum):
    REGULAR = "regular"  # sinh hoạt chi bộ thường kỳ
    THEMATIC = "thematic"  # sinh hoạt chuyên đề
    REGULAR_AND_THEMATIC = "regular_and_thematic"  # thường kỳ kết hợp chuyên đề trong một buổi
    EXTRAORDINARY = "extraordinary"  # sinh hoạt bất thường


@dataclass(frozen=True, slots=True)
class MeetingRules:
    """Minimum durations in force from ``effective_from``: dated data (``resources/rules/meeting_durations.json``,
    read by ``secretary_app.rules_data.meeting_rules_on(meeting_day)``); no default here."""

    effective_from: date
    regular_min_minutes: int
    combined_min_minutes: int
    thematic_min_minutes: int | None  # [?] no central figure
    large_cell_members: int | None  # [R] local: e.g. 30 → large cells need large_cell_min_minutes
    large_cell_min_minutes: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class MeetingPlan:
    day: date
    kind: MeetingKind
    planned_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class MeetingWarning:
    code: str
    message: str  # Vietnamese


def duration_warnings(
    kind: MeetingKind,
    planned_minutes: int | None,
    rules: MeetingRules,
    *,
    member_count: int | None = None,
) -> tuple[MeetingWarning, ...]:
    """Warnings when the planned duration is below the minimum for this kind of meeting."""
    if planned_minutes is None:
        return (MeetingWarning("duration_missing", "Chưa dự kiến thời lượng buổi sinh hoạt."),)
    minimum: int | None
    label: str
    if kind is MeetingKind.REGULAR:
        minimum, label = rules.regular_min_minutes, "sinh hoạt thường kỳ"
    elif kind is MeetingKind.REGULAR_AND_THEMATIC:
        minimum, label = rules.combined_min_minutes, "sinh hoạt thường kỳ kết hợp chuyên đề"
    elif kind is MeetingKind.THEMATIC:
        minimum, label = rules.thematic_min_minutes, "sinh hoạt chuyên đề"
    else:
        minimum, label = None, "sinh hoạt bất thường"
    if (
        kind in (MeetingKind.REGULAR, MeetingKind.REGULAR_AND_THEMATIC)
        and rules.large_cell_members is not None
        and member_count is not None
        and member_count >= rules.large_cell_members
    ):
        minimum = max(minimum or 0, rules.large_cell_min_minutes)
        label += f" (chi bộ từ {rules.large_cell_members} đảng viên)"
    if minimum is None or planned_minutes >= minimum:
        return ()
    return (
        MeetingWarning(
            "duration_short",
            f"Thời lượng dự kiến {planned_minutes} phút, dưới mức tối thiểu {minimum} phút cho {label}.",
        ),
    )


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _quarter_started(year: int, quarter: int, until: date | None) -> bool:
    return until is None or date(year, 3 * quarter - 2, 1) <= until


def quarters_missing_thematic(
    meetings: Iterable[MeetingPlan], year: int, *, until: date | None = None
) -> tuple[int, ...]:
    """Quarters (1–4) of ``year`` with no thematic meeting (alone or combined with the regular one).

    With ``until``, quarters that have not started by then are not reported (they can still be planned).
    """
    have = {
        quarter_of(m.day)
        for m in meetings
        if m.day.year == year and m.kind in (MeetingKind.THEMATIC, MeetingKind.REGULAR_AND_THEMATIC)
    }
    return tuple(q for q in range(1, 5) if q not in have and _quarter_started(year, q, until))


def months_missing_regular(
    meetings: Iterable[MeetingPlan], year: int, *, until: date | None = None
) -> tuple[int, ...]:
    """Months (1–12) of ``year`` with no regular meeting (Điều lệ art. 24.2: chi bộ meets monthly)."""
    have = {
        m.day.month
        for m in meetings
        if m.day.year == year and m.kind in (MeetingKind.REGULAR, MeetingKind.REGULAR_AND_THEMATIC)
    }
    return tuple(
        month
        for month in range(1, 13)
        if month not in have and (until is None or date(year, month, 1) <= until)
    )
