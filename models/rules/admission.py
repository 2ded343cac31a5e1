"""Admission and probation timeline with deadlines and alerts (rules.md §2.1–2.2).

Deadlines (values are dated data, ``resources/rules/admission_deadlines.json``; defaults below):
  * political-awareness certificate valid 60 months; expired ⇒ re-attend before the cell votes
    (HD 06 §5.4) [S];
  * admission decision within 60 **working** days of the cell resolution, +30 in special cases
    (QĐ 29/24/232 §4.3.1, carried into QĐ 294) [C];
  * ceremony within 30 working days of **receiving** the decision (QĐ 294 §4.1) [C];
  * probation = 12 months counted from the ceremony date (Charter art. 5.1) [C];
  * recognition reviewed by the cell within 30 working days after the 12 months end, decided by the
    committee within 30 working days of the cell resolution; official **as of the end of the 12 months**
    even if late (rules.md §2.2 step 14) [C];
  * applicant aged 18 to 60 full years counted by month at the cell's review date (QĐ 294 art. 1) [C];
  * each introducer an official member who worked/studied/lived with the applicant ≥ 12 months
    (QĐ 294 §3.2.1) [C].

"End of the 12 months" is taken as ``add_months(ceremony, 12)``: ceremony 19/05/2025 → official from
19/05/2026, which is how roster books write "ngày chính thức".
Working days skip weekends and the holidays passed in (``frozenset[date]``, see ``dates.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.rules.dates import add_months, add_working_days, format_vn, whole_months_between

__all__ = [
    "AdmissionAlert",
    "AdmissionCase",
    "AdmissionRules",
    "AlertCode",
    "Introducer",
    "Severity",
    "Timeline",
    "admission_alerts",
    "age_months",
    "age_problem",
    "ceremony_deadline",
    "certificate_expiry",
    "decision_deadline",
    "introducer_problems",
    "probation_end",
    "recognition_decision_deadline",
    "recognition_review_deadline",
    "timeline",
]


@dataclass(frozen=True, slots=True)
class AdmissionRules:
    """Deadlines and limits in force from ``effective_from``: dated data (``resources/rules/
    admission_deadlines.json``, read by ``secretary_app.rules_data.admission_rules_on(day)``); no default here."""

    effective_from: date
    certificate_valid_months: int
    decision_working_days: int
    decision_extra_working_days: int
    ceremony_working_days: int
    probation_months: int
    recognition_review_working_days: int
    recognition_decision_working_days: int
    min_age_years: int
    max_age_years: int
    introducer_months: int
    probation_alert_days: tuple[int, ...]
    certificate_alert_days: int  # warn this long before the certificate expires (app choice)
    source: str = ""


_NONE: frozenset[date] = frozenset()


def certificate_expiry(issued: date, rules: AdmissionRules) -> date:
    """First day the certificate is no longer valid (valid on days before it)."""
    return add_months(issued, rules.certificate_valid_months)


def decision_deadline(
    cell_resolution: date,
    holidays: frozenset[date],
    *,
    special: bool = False,
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> date:
    """Last day for the committee's admission decision: 60 (+30 special) working days after the resolution."""
    days = rules.decision_working_days + (rules.decision_extra_working_days if special else 0)
    return add_working_days(cell_resolution, days, holidays, makeup_days)


def ceremony_deadline(
    decision_received: date,
    holidays: frozenset[date],
    *,
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> date:
    """Last day for the lễ kết nạp: 30 working days after the cell receives the decision."""
    return add_working_days(decision_received, rules.ceremony_working_days, holidays, makeup_days)


def probation_end(ceremony: date, rules: AdmissionRules) -> date:
    """The day the 12 months of probation are complete = the effective date of official membership."""
    return add_months(ceremony, rules.probation_months)


def recognition_review_deadline(
    ceremony: date,
    holidays: frozenset[date],
    *,
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> date:
    """Last day for the cell's recognition meeting: 30 working days after probation ends."""
    return add_working_days(
        probation_end(ceremony, rules), rules.recognition_review_working_days, holidays, makeup_days
    )


def recognition_decision_deadline(
    cell_resolution: date,
    holidays: frozenset[date],
    *,
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> date:
    """Last day for the committee's recognition decision: 30 working days after the cell's resolution."""
    return add_working_days(cell_resolution, rules.recognition_decision_working_days, holidays, makeup_days)


def age_months(birth: date, on: date) -> int:
    """Age in full months ("tính theo tháng")."""
    return whole_months_between(birth, on)


def age_problem(birth: date, review: date, rules: AdmissionRules) -> str | None:
    """Vietnamese problem text when the applicant is outside 18–60 full years (by month) at the review date.

    Over 60 is possible only with the approval of the provincial-level committee (QĐ 294 art. 1).
    """
    months = age_months(birth, review)
    years, rest = divmod(months, 12)
    if months < 12 * rules.min_age_years:
        return (
            f"Người xin vào Đảng chưa đủ {rules.min_age_years} tuổi ({years} tuổi {rest} tháng) tại ngày xét."
        )
    if months > 12 * rules.max_age_years:
        return (
            f"Người xin vào Đảng đã quá {rules.max_age_years} tuổi ({years} tuổi {rest} tháng) tại ngày xét; "
            "cần cấp ủy trực thuộc Trung ương đồng ý."
        )
    return None


@dataclass(frozen=True, slots=True)
class Introducer:
    """Người giới thiệu. ``official_since`` None = not (yet) an official member (or a Đoàn/Công đoàn
    introducer, see ``is_organisation``)."""

    name: str
    known_since: date  # worked/studied/lived with the applicant in the same unit since
    official_since: date | None = None
    is_organisation: bool = False  # BCH Đoàn cơ sở / BCH Công đoàn cơ sở introducing


def introducer_problems(
    introducers: Sequence[Introducer], on: date, rules: AdmissionRules
) -> tuple[str, ...]:
    """Problems with the introducers as of ``on`` (the cell's review date)."""
    problems: list[str] = []
    if len(introducers) < 2:
        problems.append(f"Cần 2 người giới thiệu, mới có {len(introducers)}.")
    for intro in introducers:
        if intro.is_organisation:
            continue
        if intro.official_since is None or intro.official_since > on:
            problems.append(f"Người giới thiệu {intro.name} chưa là đảng viên chính thức.")
        months = whole_months_between(intro.known_since, on)
        if months < rules.introducer_months:
            problems.append(
                f"Người giới thiệu {intro.name} mới cùng công tác, học tập với người xin vào Đảng "
                f"{max(months, 0)} tháng (cần ít nhất {rules.introducer_months} tháng)."
            )
    return tuple(problems)


@dataclass(frozen=True, slots=True)
class AdmissionCase:
    """Known dates of one applicant / probationary member. Unknown steps stay None."""

    birth: date
    certificate: date | None = None  # lớp bồi dưỡng nhận thức về Đảng
    cell_resolution: date | None = None  # chi bộ biểu quyết đề nghị kết nạp
    special_case: bool = False  # +30 working days for the decision
    decision: date | None = None  # quyết định kết nạp (signed)
    decision_received: date | None = None  # defaults to the decision date when not recorded
    ceremony: date | None = None
    recognition_resolution: date | None = None  # chi bộ đề nghị công nhận chính thức
    recognition_decision: date | None = None
    introducers: tuple[Introducer, ...] = ()


@dataclass(frozen=True, slots=True)
class Timeline:
    certificate_expiry: date | None
    decision_deadline: date | None
    ceremony_deadline: date | None
    probation_end: date | None  # = official from
    recognition_review_deadline: date | None
    recognition_decision_deadline: date | None


def timeline(
    case: AdmissionCase,
    holidays: frozenset[date],
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> Timeline:
    received = case.decision_received or case.decision
    return Timeline(
        certificate_expiry=certificate_expiry(case.certificate, rules) if case.certificate else None,
        decision_deadline=(
            decision_deadline(
                case.cell_resolution,
                holidays,
                special=case.special_case,
                rules=rules,
                makeup_days=makeup_days,
            )
            if case.cell_resolution
            else None
        ),
        ceremony_deadline=(
            ceremony_deadline(received, holidays, rules=rules, makeup_days=makeup_days) if received else None
        ),
        probation_end=probation_end(case.ceremony, rules) if case.ceremony else None,
        recognition_review_deadline=(
            recognition_review_deadline(case.ceremony, holidays, rules=rules, makeup_days=makeup_days)
            if case.ceremony
            else None
        ),
        recognition_decision_deadline=(
            recognition_decision_deadline(
                case.recognition_resolution, holidays, rules=rules, makeup_days=makeup_days
            )
            if case.recognition_resolution
            else None
        ),
    )


class AlertCode(enum.StrEnum):
    CERTIFICATE_MISSING = "certificate_missing"
    CERTIFICATE_EXPIRING = "certificate_expiring"
    CERTIFICATE_EXPIRED = "certificate_expired"
    APPLICANT_AGE = "applicant_age"
    INTRODUCER = "introducer"
    DECISION_OVERDUE = "decision_overdue"
    CEREMONY_DUE = "ceremony_due"
    CEREMONY_OVERDUE = "ceremony_overdue"
    PROBATION_ENDING = "probation_ending"
    RECOGNITION_DUE = "recognition_due"
    RECOGNITION_OVERDUE = "recognition_overdue"
    RECOGNITION_DECISION_OVERDUE = "recognition_decision_overdue"


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class AdmissionAlert:
    code: AlertCode
    severity: Severity
    due: date | None
    message: str  # Vietnamese


def admission_alerts(
    case: AdmissionCase,
    today: date,
    holidays: frozenset[date],
    rules: AdmissionRules,
    makeup_days: frozenset[date] = _NONE,
) -> tuple[AdmissionAlert, ...]:
    """Every alert for the case on ``today``, in pipeline order. Alerts inform; they never block."""
    t = timeline(case, holidays, rules, makeup_days)
    out: list[AdmissionAlert] = []

    def add(code: AlertCode, severity: Severity, due: date | None, message: str) -> None:
        out.append(AdmissionAlert(code, severity, due, message))

    # Before the cell votes: certificate, age and introducers are checked at the review date.
    if case.decision is None and case.ceremony is None:
        review = case.cell_resolution or today
        if t.certificate_expiry is None:
            add(
                AlertCode.CERTIFICATE_MISSING,
                Severity.WARNING,
                None,
                "Chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng.",
            )
        elif t.certificate_expiry <= review:
            add(
                AlertCode.CERTIFICATE_EXPIRED,
                Severity.OVERDUE,
                t.certificate_expiry,
                "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng hết hạn ngày "
                f"{format_vn(t.certificate_expiry)}; "
                "phải học lại trước khi chi bộ xét.",
            )
        elif (
            case.cell_resolution is None
            and (t.certificate_expiry - today).days <= rules.certificate_alert_days
        ):
            add(
                AlertCode.CERTIFICATE_EXPIRING,
                Severity.WARNING,
                t.certificate_expiry,
                "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng hết hạn ngày "
                f"{format_vn(t.certificate_expiry)}.",
            )
        problem = age_problem(case.birth, review, rules)
        if problem:
            add(AlertCode.APPLICANT_AGE, Severity.WARNING, None, problem)
        for text in introducer_problems(case.introducers, review, rules):
            add(AlertCode.INTRODUCER, Severity.WARNING, None, text)

    if t.decision_deadline and case.decision is None and today > t.decision_deadline:
        add(
            AlertCode.DECISION_OVERDUE,
            Severity.OVERDUE,
            t.decision_deadline,
            f"Quá hạn ra quyết định kết nạp (hạn {format_vn(t.decision_deadline)}, "
            f"{rules.decision_working_days} ngày làm việc kể từ nghị quyết chi bộ).",
        )

    if t.ceremony_deadline and case.ceremony is None:
        if today > t.ceremony_deadline:
            add(
                AlertCode.CEREMONY_OVERDUE,
                Severity.OVERDUE,
                t.ceremony_deadline,
                f"Quá hạn tổ chức lễ kết nạp (hạn {format_vn(t.ceremony_deadline)}); "
                "cần cấp ủy cấp trên đồng ý.",
            )
        else:
            add(
                AlertCode.CEREMONY_DUE,
                Severity.INFO,
                t.ceremony_deadline,
                f"Tổ chức lễ kết nạp trước ngày {format_vn(t.ceremony_deadline)} "
                f"({rules.ceremony_working_days} ngày làm việc kể từ khi nhận quyết định).",
            )

    if t.probation_end and case.recognition_resolution is None and case.recognition_decision is None:
        days_left = (t.probation_end - today).days
        marks = sorted(rules.probation_alert_days)
        if 0 <= days_left <= marks[-1]:
            mark = next(m for m in marks if days_left <= m)
            add(
                AlertCode.PROBATION_ENDING,
                Severity.WARNING if mark == marks[0] else Severity.INFO,
                t.probation_end,
                f"Còn {days_left} ngày hết thời hạn dự bị ({format_vn(t.probation_end)}) — mốc T-{mark}; "
                "chuẩn bị hồ sơ xét công nhận đảng viên chính thức.",
            )
        if t.recognition_review_deadline and days_left < 0:
            if today > t.recognition_review_deadline:
                add(
                    AlertCode.RECOGNITION_OVERDUE,
                    Severity.OVERDUE,
                    t.recognition_review_deadline,
                    f"Quá hạn chi bộ xét công nhận đảng viên chính thức (hạn "
                    f"{format_vn(t.recognition_review_deadline)}); vẫn công nhận từ ngày "
                    f"{format_vn(t.probation_end)} nếu đủ điều kiện.",
                )
            else:
                add(
                    AlertCode.RECOGNITION_DUE,
                    Severity.WARNING,
                    t.recognition_review_deadline,
                    f"Chi bộ xét công nhận đảng viên chính thức trước ngày "
                    f"{format_vn(t.recognition_review_deadline)}.",
                )

    if (
        t.recognition_decision_deadline
        and case.recognition_decision is None
        and today > t.recognition_decision_deadline
    ):
        add(
            AlertCode.RECOGNITION_DECISION_OVERDUE,
            Severity.OVERDUE,
            t.recognition_decision_deadline,
            f"Quá hạn cấp ủy ra quyết định công nhận đảng viên chính thức (hạn "
            f"{format_vn(t.recognition_decision_deadline)}).",
        )
    return tuple(out)
