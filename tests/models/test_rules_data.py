"""The dated rule data in resources/rules/*.json, loaded by secretary_app.rules_data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from models.rules.admission import ceremony_deadline, decision_deadline
from models.rules.votes import DecisionKind, Threshold
from secretary_app import rules_data
from secretary_app.settings import Settings
from tests.rule_defaults import (
    ADMISSION_RULES,
    ATTENDANCE_BANDS,
    BADGE_RULES,
    DUES_AGE_RULE,
    MEETING_RULES,
    VOTE_RULES,
)


def test_data_in_force_in_2026_matches_the_rules_the_model_tests_use() -> None:
    today = date(2026, 3, 1)
    votes = rules_data.vote_rules_on(today)
    assert votes.thresholds == VOTE_RULES.thresholds
    assert votes.effective_from == date(2025, 7, 1)
    assert "[?]" in votes.sources[DecisionKind.DISCIPLINE]
    badge = rules_data.badge_rules_on(today)
    assert replace(badge, source="") == replace(BADGE_RULES, source="")
    admission = rules_data.admission_rules_on(today)
    assert replace(admission, source="") == replace(ADMISSION_RULES, source="")
    meetings = rules_data.meeting_rules_on(today)
    assert replace(meetings, source="") == replace(MEETING_RULES, source="")
    assert rules_data.attendance_bands_on(today) == ATTENDANCE_BANDS
    dues = rules_data.dues_age_rule_on(today)
    assert dues is not None and replace(dues, source="") == replace(DUES_AGE_RULE, source="")


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
    days = rules_data.holidays(include_uncertain=True)
    assert date(2026, 2, 17) in days  # mùng 1 Tết Bính Ngọ
    assert date(2026, 4, 27) in days  # Giỗ Tổ nghỉ bù
    assert date(2025, 9, 2) in days and date(2024, 1, 1) in days
    certain = rules_data.holidays(include_uncertain=False)
    assert date(2026, 2, 17) in certain
    assert date(2027, 2, 8) in days and date(2027, 2, 8) not in certain  # Tết 2027 is [U]
    assert certain < days
    assert date(2024, 5, 4) in rules_data.makeup_working_days()
    # Shipped calendar in a real deadline: 60 working days from 05/01/2026 across Tết Bính Ngọ.
    assert decision_deadline(date(2026, 1, 5), days, rules=rules_data.admission_rules_on(date(2026, 1, 5))) == date(2026, 4, 6)


def test_expulsion_is_a_dated_unverified_rule() -> None:
    rules = rules_data.vote_rules_on(date(2026, 3, 1))
    assert rules.thresholds[DecisionKind.EXPULSION] is Threshold.AT_LEAST_TWO_THIRDS
    assert "rules.md §7" in rules.sources[DecisionKind.EXPULSION]
    assert rules.sources[DecisionKind.EXPULSION].endswith("[?]")


def test_every_rule_citing_qd_294_notes_it_may_be_replaced() -> None:
    folder = rules_data.rules_dir()
    citing = []
    for name in ("vote_thresholds.json", "admission_deadlines.json", "badges.json", "meeting_durations.json",
                 "dues_age_exemption.json"):
        for entry in json.loads((folder / name).read_text(encoding="utf-8"))["entries"]:
            if "294" in json.dumps(entry, ensure_ascii=False):
                citing.append(name)
                assert "Quy định 20-QĐ/TW" in entry["note"] and "chưa kiểm chứng" in entry["note"]
    assert sorted(set(citing)) == ["admission_deadlines.json", "badges.json", "vote_thresholds.json"]


def test_new_year_2026_was_moved_and_unconfirmed_days_are_tagged() -> None:
    certain = rules_data.holidays()  # the default leaves unconfirmed days out
    assert date(2026, 1, 2) in certain  # Friday 02/01/2026 off (CV 12729/VPCP-KGVX) …
    assert date(2026, 1, 10) in rules_data.makeup_working_days()  # … worked back on Saturday 10/01/2026
    assert date(2026, 9, 2) in certain  # 2/9 is fixed by the Labour Code
    for unconfirmed in (date(2026, 9, 1), date(2026, 11, 24), date(2027, 2, 8), date(2027, 9, 3)):
        assert unconfirmed not in certain
        assert unconfirmed in rules_data.holidays(include_uncertain=True)
    assert {h["tag"] for h in rules_data.holiday_entries()} <= {"C", "S", "L", "U"}


def test_deadlines_leave_unconfirmed_holidays_out_by_default() -> None:
    assert Settings().count_unconfirmed_holidays is False
    # 30 working days from Friday 14/08/2026: 31/08 is the 11th; 02/09 is off; is 01/09 (unconfirmed)?
    holidays, makeup = rules_data.working_calendar(Settings().count_unconfirmed_holidays)
    rules = rules_data.admission_rules_on(date(2026, 8, 14))
    safe = ceremony_deadline(date(2026, 8, 14), holidays, rules=rules, makeup_days=makeup)
    holidays, makeup = rules_data.working_calendar(True)
    counted = ceremony_deadline(date(2026, 8, 14), holidays, rules=rules, makeup_days=makeup)
    assert (safe, counted) == (date(2026, 9, 28), date(2026, 9, 29))  # the default is the earlier one


def test_rules_dir_can_be_pointed_elsewhere(rules_copy) -> None:
    assert rules_data.rules_dir() == rules_copy
    (rules_copy / "vote_thresholds.json").write_text("{", encoding="utf-8")
    with pytest.raises(rules_data.RuleDataError, match=r"Không đọc được tệp quy định vote_thresholds\.json"):
        rules_data.vote_rules_on(date(2026, 3, 1))
