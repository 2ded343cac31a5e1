"""Admission and probation deadlines and alerts (rules.md §2.2), with a fixed holiday set."""

from __future__ import annotations

from datetime import date
from functools import partial

from models.rules import admission as _rules
from models.rules.admission import (
    AdmissionCase,
    AlertCode,
    Introducer,
    Severity,
    age_months,
)
from tests.rule_defaults import ADMISSION_RULES

# The rules written out for these tests (the app passes the ones in force from the dated data).
admission_alerts = partial(_rules.admission_alerts, rules=ADMISSION_RULES)
age_problem = partial(_rules.age_problem, rules=ADMISSION_RULES)
ceremony_deadline = partial(_rules.ceremony_deadline, rules=ADMISSION_RULES)
certificate_expiry = partial(_rules.certificate_expiry, rules=ADMISSION_RULES)
decision_deadline = partial(_rules.decision_deadline, rules=ADMISSION_RULES)
introducer_problems = partial(_rules.introducer_problems, rules=ADMISSION_RULES)
probation_end = partial(_rules.probation_end, rules=ADMISSION_RULES)
recognition_decision_deadline = partial(_rules.recognition_decision_deadline, rules=ADMISSION_RULES)
recognition_review_deadline = partial(_rules.recognition_review_deadline, rules=ADMISSION_RULES)
timeline = partial(_rules.timeline, rules=ADMISSION_RULES)

# Fixed for the tests (not the shipped calendar): Tết 2026 and Giỗ Tổ / 30-4 / 1-5 2026.
HOLIDAYS = frozenset(
    [date(2026, 2, d) for d in range(14, 23)] + [date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)]
)


def test_certificate_valid_60_months() -> None:
    assert certificate_expiry(date(2021, 3, 10)) == date(2026, 3, 10)


def test_decision_within_60_working_days_plus_30_special() -> None:
    # Monday 05/01/2026: 12 weeks of working days, plus one week for Tết (16–20/02).
    assert decision_deadline(date(2026, 1, 5), frozenset()) == date(2026, 3, 30)
    assert decision_deadline(date(2026, 1, 5), HOLIDAYS) == date(2026, 4, 6)
    # +30 working days from 06/04: skipping 27/04, 30/04 and 01/05.
    assert decision_deadline(date(2026, 1, 5), HOLIDAYS, special=True) == date(2026, 5, 21)


def test_ceremony_within_30_working_days_of_receiving_the_decision() -> None:
    # Received Thursday 23/04/2026; 27/04, 30/04, 01/05 are holidays → Tuesday 09/06/2026.
    assert ceremony_deadline(date(2026, 4, 23), HOLIDAYS) == date(2026, 6, 9)
    assert ceremony_deadline(date(2026, 4, 23), frozenset()) == date(2026, 6, 4)


def test_probation_12_months_from_ceremony_and_recognition_deadlines() -> None:
    assert probation_end(date(2025, 5, 19)) == date(2026, 5, 19)
    assert probation_end(date(2024, 2, 29)) == date(2025, 2, 28)
    # 30 working days after Tuesday 19/05/2026 (no holidays until 02/09) → Tuesday 30/06/2026.
    assert recognition_review_deadline(date(2025, 5, 19), HOLIDAYS) == date(2026, 6, 30)
    assert recognition_decision_deadline(date(2026, 6, 2), HOLIDAYS) == date(2026, 7, 14)


def test_age_18_to_60_counted_by_month() -> None:
    assert age_months(date(2008, 6, 15), date(2026, 6, 14)) == 18 * 12 - 1
    assert age_problem(date(2008, 6, 15), date(2026, 6, 14)) == (
        "Người xin vào Đảng chưa đủ 18 tuổi (17 tuổi 11 tháng) tại ngày xét."
    )
    assert age_problem(date(2008, 6, 15), date(2026, 6, 15)) is None
    assert age_problem(date(1966, 1, 10), date(2026, 2, 9)) is None  # 60 years 0 months
    over = age_problem(date(1966, 1, 10), date(2026, 2, 10))  # 60 years 1 month
    assert over is not None and over.startswith("Người xin vào Đảng đã quá 60 tuổi (60 tuổi 1 tháng)")


def test_introducers_need_12_months_and_official_membership() -> None:
    good = Introducer("Trần Văn An", known_since=date(2025, 3, 1), official_since=date(2010, 1, 1))
    assert introducer_problems([good, good], date(2026, 3, 1)) == ()
    problems = introducer_problems([good, good], date(2026, 2, 28))
    assert problems[0] == (
        "Người giới thiệu Trần Văn An mới cùng công tác, học tập với người xin vào Đảng 11 tháng "
        "(cần ít nhất 12 tháng)."
    )
    probationer = Introducer("Lê Thị Bình", known_since=date(2020, 1, 1), official_since=None)
    assert introducer_problems([good, probationer], date(2026, 3, 1)) == (
        "Người giới thiệu Lê Thị Bình chưa là đảng viên chính thức.",
    )
    youth_union = Introducer("BCH Đoàn cơ sở", known_since=date(2026, 1, 1), is_organisation=True)
    assert introducer_problems([good, youth_union], date(2026, 3, 1)) == ()
    assert introducer_problems([good], date(2026, 3, 1)) == ("Cần 2 người giới thiệu, mới có 1.",)


def alert_codes(case: AdmissionCase, today: date) -> list[AlertCode]:
    return [a.code for a in admission_alerts(case, today, HOLIDAYS)]


def test_alerts_before_the_cell_vote() -> None:
    intro = Introducer("A", known_since=date(2024, 1, 1), official_since=date(2000, 1, 1))
    case = AdmissionCase(birth=date(1990, 1, 1), certificate=date(2021, 3, 10), introducers=(intro, intro))
    assert alert_codes(case, date(2025, 12, 1)) == []
    assert alert_codes(case, date(2026, 2, 1)) == [AlertCode.CERTIFICATE_EXPIRING]
    expired = admission_alerts(case, date(2026, 3, 10), HOLIDAYS)
    assert [a.code for a in expired] == [AlertCode.CERTIFICATE_EXPIRED]
    assert expired[0].severity is Severity.OVERDUE
    assert AlertCode.CERTIFICATE_MISSING in alert_codes(
        AdmissionCase(birth=date(1990, 1, 1)), date(2026, 1, 1)
    )
    too_old = AdmissionCase(birth=date(1960, 1, 1), certificate=date(2025, 1, 1), introducers=(intro, intro))
    assert alert_codes(too_old, date(2026, 1, 1)) == [AlertCode.APPLICANT_AGE]


def test_alerts_decision_and_ceremony() -> None:
    voted = AdmissionCase(
        birth=date(1990, 1, 1),
        certificate=date(2025, 1, 1),
        cell_resolution=date(2026, 1, 5),
        introducers=(Introducer("A", date(2020, 1, 1), date(2000, 1, 1)),) * 2,
    )
    assert alert_codes(voted, date(2026, 4, 6)) == []
    assert alert_codes(voted, date(2026, 4, 7)) == [AlertCode.DECISION_OVERDUE]
    decided = AdmissionCase(
        birth=date(1990, 1, 1), decision=date(2026, 4, 20), decision_received=date(2026, 4, 23)
    )
    due = admission_alerts(decided, date(2026, 5, 4), HOLIDAYS)
    assert [a.code for a in due] == [AlertCode.CEREMONY_DUE]
    assert due[0].due == date(2026, 6, 9)
    assert alert_codes(decided, date(2026, 6, 10)) == [AlertCode.CEREMONY_OVERDUE]


def test_alerts_probation_end_t30_t15_t7_and_recognition() -> None:
    case = AdmissionCase(birth=date(1990, 1, 1), decision=date(2025, 5, 5), ceremony=date(2025, 5, 19))
    assert alert_codes(case, date(2026, 4, 18)) == []  # 31 days before
    for today, mark in ((date(2026, 4, 19), 30), (date(2026, 5, 4), 15), (date(2026, 5, 12), 7)):
        alerts = admission_alerts(case, today, HOLIDAYS)
        assert [a.code for a in alerts] == [AlertCode.PROBATION_ENDING]
        assert f"T-{mark}" in alerts[0].message
    assert admission_alerts(case, date(2026, 4, 19), HOLIDAYS)[0].message.startswith(
        "Còn 30 ngày hết thời hạn dự bị (19/05/2026)"
    )
    assert alert_codes(case, date(2026, 5, 20)) == [AlertCode.RECOGNITION_DUE]
    assert alert_codes(case, date(2026, 6, 30)) == [AlertCode.RECOGNITION_DUE]
    overdue = admission_alerts(case, date(2026, 7, 1), HOLIDAYS)
    assert [a.code for a in overdue] == [AlertCode.RECOGNITION_OVERDUE]
    assert "vẫn công nhận từ ngày 19/05/2026" in overdue[0].message
    reviewed = AdmissionCase(
        birth=date(1990, 1, 1),
        decision=date(2025, 5, 5),
        ceremony=date(2025, 5, 19),
        recognition_resolution=date(2026, 6, 2),
    )
    assert alert_codes(reviewed, date(2026, 7, 14)) == []
    assert alert_codes(reviewed, date(2026, 7, 15)) == [AlertCode.RECOGNITION_DECISION_OVERDUE]


def test_timeline_collects_every_deadline() -> None:
    case = AdmissionCase(
        birth=date(1990, 1, 1),
        certificate=date(2024, 6, 1),
        cell_resolution=date(2026, 1, 5),
        decision=date(2026, 3, 2),
        ceremony=date(2026, 3, 20),
    )
    t = timeline(case, HOLIDAYS)
    assert t.certificate_expiry == date(2029, 6, 1)
    assert t.decision_deadline == date(2026, 4, 6)
    assert t.ceremony_deadline == ceremony_deadline(date(2026, 3, 2), HOLIDAYS)
    assert t.probation_end == date(2027, 3, 20)
    assert t.recognition_decision_deadline is None
