"""Rules written out for the pure ``models.rules`` tests, which take the rule as an argument.

The app never uses these: it asks ``secretary_app.rules_data.*_on(day)`` for the rule in force on the day
in question. ``tests/models/test_rules_data.py`` checks that the shipped data in force in 2026 is exactly
these values, so the model tests exercise the real rules."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from models.rules.meetings import MeetingRules
from models.rules.votes import AttendanceBand, DecisionKind, Threshold, VoteRules

VOTE_RULES = VoteRules(
    effective_from=date(2025, 7, 1),
    thresholds=MappingProxyType({
        DecisionKind.RESOLUTION: Threshold.MORE_THAN_HALF,
        DecisionKind.ADMISSION: Threshold.AT_LEAST_TWO_THIRDS,
        DecisionKind.RECOGNITION: Threshold.AT_LEAST_TWO_THIRDS,
        DecisionKind.DISCIPLINE: Threshold.MORE_THAN_HALF,
        DecisionKind.REMOVAL: Threshold.AT_LEAST_TWO_THIRDS,
        DecisionKind.EXPULSION: Threshold.AT_LEAST_TWO_THIRDS,
    }),
)

ATTENDANCE_BANDS = (
    AttendanceBand(90, "attendance_good", ""),
    AttendanceBand(75, "attendance_fair", "Tỷ lệ đảng viên dự họp từ 75% đến dưới 90%."),
    AttendanceBand(65, "attendance_low", "Tỷ lệ đảng viên dự họp thấp (từ 65% đến dưới 75%)."),
    AttendanceBand(0, "attendance_very_low", "Tỷ lệ đảng viên dự họp dưới 65%."),
)

MEETING_RULES = MeetingRules(effective_from=date(2018, 7, 6), regular_min_minutes=90, combined_min_minutes=120,
                             thematic_min_minutes=None, large_cell_members=None, large_cell_min_minutes=120)
