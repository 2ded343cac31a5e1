"""The dated rule data in resources/rules/*.json, loaded by secretary_app.rules_data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.rules.admission import DEFAULT_ADMISSION_RULES, decision_deadline
from models.rules.meetings import DEFAULT_MEETING_RULES
from models.rules.party_age import DEFAULT_BADGE_RULES, DEFAULT_DUES_AGE_RULE
from models.rules.votes import DEFAULT_ATTENDANCE_BANDS, DEFAULT_VOTE_RULES, DecisionKind, Threshold
from secretary_app import rules_data


def test_data_in_force_today_matches_the_code_defaults() -> None:
    today = date(2026, 3, 1)
    votes = rules_data.vote_rules_on(today)
    assert votes.thresholds == DEFAULT_VOTE_RULES.thresholds
    assert votes.effective_from == date(2025, 7, 1)
    assert "[?]" in votes.sources[DecisionKind.DISCIPLINE]
    badge = rules_data.badge_rules_on(today)
    assert replace(badge, source="") == replace(DEFAULT_BADGE_RULES, source="")
    admission = rules_data.admission_rules_on(today)
    assert replace(admission, source="") == replace(DEFAULT_ADMISSION_RULES, source="")
    meetings = rules_data.meeting_rules_on(today)
    assert replace(meetings, source="") == replace(DEFAULT_MEETING_RULES, source="")
    assert rules_data.attendance_bands_on(today) == DEFAULT_ATTENDANCE_BANDS
    dues = rules_data.dues_age_rule_on(today)
    assert dues is not None and replace(dues, source="") == replace(DEFAULT_DUES_AGE_RULE, source="")


def test_entries_are_picked_by_effective_date() -> None:
    assert rules_data.vote_rules_on(date(2024, 1, 1)).effective_from == date(2021, 7, 30)
    assert (
        rules_data.vote_rules_on(date(2024, 1, 1)).thresholds[DecisionKind.ADMISSION]
        is Threshold.AT_LEAST_TWO_THIRDS
    )
    assert rules_data.dues_age_rule_on(date(2026, 1, 31)) is None  # QĐ 342 era: no exemption by age
    with pytest.raises(rules_data.RuleDataError):
        rules_data.vote_rules_on(date(2000, 1, 1))
    with pytest.raises(rules_data.RuleDataError):
        rules_data.admission_rules_on(date(2025, 6, 30))


def test_holiday_calendar() -> None:
    days = rules_data.holidays()
    assert date(2026, 2, 17) in days  # mùng 1 Tết Bính Ngọ
    assert date(2026, 4, 27) in days  # Giỗ Tổ nghỉ bù
    assert date(2025, 9, 2) in days and date(2024, 1, 1) in days
    certain = rules_data.holidays(include_uncertain=False)
    assert date(2026, 2, 17) in certain
    assert date(2027, 2, 8) in days and date(2027, 2, 8) not in certain  # Tết 2027 is [U]
    assert certain < days
    assert date(2024, 5, 4) in rules_data.makeup_working_days()
    # Shipped calendar in a real deadline: 60 working days from 05/01/2026 across Tết Bính Ngọ.
    assert decision_deadline(date(2026, 1, 5), days) == date(2026, 4, 6)
