"""Rules written out for the pure ``models.rules`` tests, which take the rule as an argument.

The app never uses these: it asks ``secretary_app.rules_data.*_on(day)`` for the rule in force on the day
in question. ``tests/models/test_rules_data.py`` checks that the shipped data in force in 2026 is exactly
these values, so the model tests exercise the real rules."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from models.rules.admission import AdmissionRules
from models.rules.meetings import MeetingRules
from models.rules.party_age import BadgeRules, DuesAgeExemptionRule, EarlyWindow, MonthCutoff, OccasionCutoff
from models.rules.status import DisciplineForm
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

ADMISSION_RULES = AdmissionRules(
    effective_from=date(2025, 7, 1), certificate_valid_months=60, decision_working_days=60,
    decision_extra_working_days=30, ceremony_working_days=30, probation_months=12,
    recognition_review_working_days=30, recognition_decision_working_days=30, min_age_years=18, max_age_years=60,
    introducer_months=12, probation_alert_days=(30, 15, 7), certificate_alert_days=60,
)

BADGE_RULES = BadgeRules(
    effective_from=date(2021, 9, 28),
    milestones=(30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
    occasions=((2, 3), (5, 19), (9, 2), (11, 7)),
    early_windows=(EarlyWindow(30, 65, 12), EarlyWindow(70, 90, 24)),
    posthumous_early_months=12,
    discipline_block_months=MappingProxyType(
        {DisciplineForm.REPRIMAND: 6, DisciplineForm.WARNING: 9, DisciplineForm.DISMISSAL: 12}
    ),
    cutoff=OccasionCutoff.REACHED_BY_OCCASION,
)

DUES_AGE_RULE = DuesAgeExemptionRule(effective_from=date(2026, 2, 1), years=50, cutoff=MonthCutoff.FIRST_DAY)
