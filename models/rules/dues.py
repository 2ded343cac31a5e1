"""Party dues (đảng phí) of one member for one month (rules.md §1): pure rules, rule data passed in.

The regime is chosen by month: Quyết định 342-QĐ/TW for months before 02/2026, Quy định 01-QĐ/TW from
02/2026 (its "other members" rates rise on 01/2028). ``secretary_app.rules_data`` reads the dated rates,
regional minimum wages, the retirement-age table and the settings from ``resources/rules/*.json`` and
passes them in; nothing here knows a date of a decree.

Decision order (rules.md §1.1, §1.2): exemption by 50 years of party age (decided by the caller with
``party_age.dues_exempt_for_month``), then an exemption decision (social pension, hardship), then the
amount of the member's category, then a reduction decision (30 / 50 / 70 %, ≤ 12 months each).

Amounts are integer VND. The exact amount is a fraction (1 % of 7.488.123 đ); ``Rounding`` turns it into
đồng: nearest đồng by default (rules.md §1.1 [U]), or up to a step such as 1.000 đ.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache

from models.rules.dates import add_months

__all__ = [
    "ADJUSTMENT_LABELS",
    "AMOUNT_CATEGORIES",
    "CATEGORY_LABELS",
    "MAX_DECISION_MONTHS",
    "REDUCTION_PERCENTS",
    "Adjustment",
    "AdjustmentKind",
    "DuesBasis",
    "DuesCategory",
    "DuesError",
    "DuesRates",
    "MemberFacts",
    "MinimumWages",
    "MonthlyDues",
    "RetirementAge",
    "RetirementTable",
    "RoundMode",
    "Rounding",
    "adjustment_problem",
    "basis_on",
    "first_of_month",
    "month_label",
    "monthly_dues",
    "months_between",
    "vnd",
]


class DuesError(ValueError):
    """Rule data or an input the rules cannot use; the message is Vietnamese and says what to fix."""


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of every month from ``first``'s month to ``last``'s month, both included."""
    months: list[date] = []
    month = first_of_month(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_label(month: date) -> str:
    return f"{month.month:02d}/{month.year}"


def vnd(amount: int) -> str:
    """Money as printed everywhere: "12.420 đ" (dots between thousands, integer VND)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"


class DuesCategory(enum.StrEnum):
    """The member's situation (rules.md §1.1 rows 1–7)."""

    INSURED = "insured"  # compulsory social insurance: 1 % of the previous month's BHXH salary base
    BENEFIT = "benefit"  # on sick / maternity leave: 1 % of the benefit paid by BHXH
    PENSION = "pension"  # 0.5 % of the pension
    STUDENT = "student"  # flat amount
    OTHER = "other"  # by the regional minimum wage, below / at-or-above retirement age
    ABROAD_ALLOWANCE = "abroad_allowance"  # 1 % of the monthly living allowance
    ABROAD_FIXED = "abroad_fixed"  # other members abroad: the amount set for them (30.000–400.000 đ)


CATEGORY_LABELS: dict[DuesCategory, str] = {
    DuesCategory.INSURED: "Tham gia BHXH bắt buộc (theo tiền lương đóng BHXH)",
    DuesCategory.BENEFIT: "Nghỉ ốm đau, thai sản (theo trợ cấp BHXH)",
    DuesCategory.PENSION: "Hưởng lương hưu",
    DuesCategory.STUDENT: "Học sinh, sinh viên",
    DuesCategory.OTHER: "Đảng viên khác (theo lương tối thiểu vùng)",
    DuesCategory.ABROAD_ALLOWANCE: "Ở nước ngoài, hưởng sinh hoạt phí",
    DuesCategory.ABROAD_FIXED: "Ở nước ngoài, mức cố định",
}
#: Categories whose dues are a rate of an amount the secretary enters (salary base, pension, …).
AMOUNT_CATEGORIES = frozenset({DuesCategory.INSURED, DuesCategory.BENEFIT, DuesCategory.PENSION,
                               DuesCategory.ABROAD_ALLOWANCE, DuesCategory.ABROAD_FIXED})


@dataclass(frozen=True, slots=True)
class DuesRates:
    """One dated entry of ``dues_rates.json``; rates in 1/10000 of the basis (100 = 1 %)."""

    effective_from: date
    document: str
    insured: int
    benefit: int
    pension: int
    abroad_allowance: int
    student_amount: int  # VND; 0 = students pay as "other" members (342)
    other_below_retirement: int  # of the regional minimum wage; 0 = the fixed amount below (342)
    other_at_retirement: int
    other_fixed_amount: int  # VND (342: set by the province)
    other_at_retirement_fixed_percent: int  # 342: members outside working age pay 50 % of it


@dataclass(frozen=True, slots=True)
class MinimumWages:
    effective_from: date
    decree: str
    by_region: Mapping[int, int]  # region 1–4 → VND per month

    def of(self, region: int) -> int:
        if region not in self.by_region:
            raise DuesError(f"Vùng lương tối thiểu “{region}” không có; chi bộ phải thuộc vùng I, II, III hoặc IV.")
        return self.by_region[region]


@dataclass(frozen=True, slots=True)
class RetirementAge:
    """One row of the Labour Code 2019 roadmap: born from/to (first days of months, both included)."""

    sex: str  # "Nam" / "Nữ"
    born_from: date
    born_to: date | None
    years: int
    months: int


@dataclass(frozen=True, slots=True)
class RetirementTable:
    rows: tuple[RetirementAge, ...]
    source: str = ""

    def age_for(self, sex: str, birth_date: date) -> RetirementAge | None:
        born = first_of_month(birth_date)
        for row in self.rows:
            if row.sex == sex and row.born_from <= born and (row.born_to is None or born <= row.born_to):
                return row
        return None

    def retirement_date(self, sex: str, birth_date: date) -> date | None:
        """The day the statutory retirement age is reached; None when sex or the table row is unknown."""
        row = self.age_for(sex, birth_date)
        return None if row is None else add_months(birth_date, 12 * row.years + row.months)


class RoundMode(enum.StrEnum):
    NEAREST = "nearest"
    UP = "up"


@dataclass(frozen=True, slots=True)
class Rounding:
    """How an exact amount becomes đồng. ``step`` 1 = exact VND (default); 1000 = up to the next 1.000 đ."""

    step: int = 1
    mode: RoundMode = RoundMode.NEAREST

    def apply(self, amount: Fraction) -> int:
        return self.apply_ratio(amount.numerator, amount.denominator)

    def apply_ratio(self, numerator: int, denominator: int) -> int:
        """``numerator / denominator`` đồng rounded by this rule (integers only: fast and exact)."""
        if self.step < 1:
            raise DuesError("Bước làm tròn đảng phí phải từ 1 đồng trở lên.")
        denominator *= self.step
        if self.mode is RoundMode.UP:
            return -(-numerator // denominator) * self.step
        return ((2 * numerator + denominator) // (2 * denominator)) * self.step


@dataclass(frozen=True, slots=True)
class DuesBasis:
    """The member's category and its amount (salary base, pension, …) from ``effective_month`` on."""

    category: DuesCategory
    effective_month: date
    amount: int = 0  # VND; the basis for AMOUNT_CATEGORIES, unused otherwise

    def problem(self) -> str | None:
        if self.amount < 0:
            return "Khoản làm căn cứ tính đảng phí không được âm."
        if self.category in AMOUNT_CATEGORIES and self.amount == 0:
            return f"Diện “{CATEGORY_LABELS[self.category]}” cần số tiền làm căn cứ (lớn hơn 0)."
        return None


def basis_on(history: Iterable[DuesBasis], month: date) -> DuesBasis | None:
    """The basis in force for ``month``: the latest one whose effective month is not after it."""
    chosen: DuesBasis | None = None
    for basis in sorted(history, key=lambda b: b.effective_month):
        if basis.effective_month <= month:
            chosen = basis
    return chosen


class AdjustmentKind(enum.StrEnum):
    SOCIAL_PENSION = "social_pension"  # receives trợ cấp hưu trí xã hội: exempt
    SPECIAL_HARDSHIP = "special_hardship"  # poor / near-poor household, serious illness: exempt, on application
    HARDSHIP = "hardship"  # other hardship: exempt or reduced 30/50/70 %, ≤ 12 months per decision
    DEFERRAL = "deferral"  # exempted from activities: may pay late or in advance (not a reduction)


ADJUSTMENT_LABELS: dict[AdjustmentKind, str] = {
    AdjustmentKind.SOCIAL_PENSION: "Miễn: hưởng trợ cấp hưu trí xã hội",
    AdjustmentKind.SPECIAL_HARDSHIP: "Miễn: hoàn cảnh đặc biệt khó khăn",
    AdjustmentKind.HARDSHIP: "Miễn, giảm: hoàn cảnh khó khăn",
    AdjustmentKind.DEFERRAL: "Nộp chậm, nộp trước (miễn sinh hoạt)",
}
REDUCTION_PERCENTS = (30, 50, 70, 100)
MAX_DECISION_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A decision about a member's dues for ``months`` months from ``start`` (None = until revoked)."""

    kind: AdjustmentKind
    start: date  # first day of the first month
    months: int | None
    percent: int = 100  # share waived: 100 = exempt, 30 / 50 / 70 = reduced
    decision: str = ""  # "Quyết định số …, ngày …" or "Đơn ngày …"

    def covers(self, month: date) -> bool:
        return self.start <= month and (self.months is None or month < add_months(self.start, self.months))


def adjustment_problem(adjustment: Adjustment) -> str | None:
    """A plain message when the decision breaks rules.md §1.2, else None."""
    if adjustment.start.day != 1:
        return "Quyết định miễn, giảm đảng phí tính theo tháng: ngày bắt đầu phải là ngày 1 của tháng."
    if adjustment.months is not None and adjustment.months < 1:
        return "Số tháng được miễn, giảm phải từ 1 tháng trở lên."
    if adjustment.kind is AdjustmentKind.HARDSHIP:
        if adjustment.percent not in REDUCTION_PERCENTS:
            return "Mức giảm đảng phí chỉ có 30%, 50%, 70% hoặc miễn (100%)."
        if adjustment.months is None or adjustment.months > MAX_DECISION_MONTHS:
            return "Mỗi quyết định miễn, giảm đảng phí vì khó khăn chỉ áp dụng tối đa 12 tháng."
    elif adjustment.kind is AdjustmentKind.DEFERRAL:
        if adjustment.months is None:
            return "Nộp chậm hoặc nộp trước chỉ trong thời gian được miễn sinh hoạt: hãy ghi số tháng."
    elif adjustment.percent != 100:
        return "Diện này được miễn đảng phí (100%), không phải giảm."
    if not adjustment.decision.strip():
        return "Hãy ghi số, ngày quyết định hoặc đơn của đảng viên."
    return None


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the rules need to know about the member for one month, besides the basis."""

    retirement_date: date | None = None  # statutory retirement age reached (RetirementTable.retirement_date)
    exempt_by_party_age: bool = False  # party_age.dues_exempt_for_month for this month

    @classmethod
    def of(cls, sex: str, birth_date: date | None, retirement: RetirementTable, *,
           exempt_by_party_age: bool = False) -> MemberFacts:
        """Unknown sex or birth date: treated as below retirement age."""
        reached = retirement.retirement_date(sex, birth_date) if birth_date is not None else None
        return cls(reached, exempt_by_party_age)

    def retired_in(self, month: date) -> bool:
        """At or above retirement age for ``month``: reached on or before its first day."""
        return self.retirement_date is not None and self.retirement_date <= month


@dataclass(frozen=True, slots=True)
class MonthlyDues:
    month: date
    amount: int  # VND to pay
    full_amount: int  # VND before a reduction or exemption
    category: str  # DuesCategory value
    basis_amount: int  # VND the rate applied to (salary base, pension, minimum wage …); 0 for flat amounts
    rate_text: str  # "1% × 7.488.000 đ", for the ledger and the member's history
    reduction_percent: int  # 0 … 100
    exempt_reason: str  # "" or why the month is exempt / reduced
    regime: str  # the document the rates come from

    @property
    def exempt(self) -> bool:
        return self.reduction_percent == 100


def _percent_text(per_10000: int) -> str:
    whole, rest = divmod(per_10000, 100)
    return f"{whole}%" if rest == 0 else f"{whole},{rest:02d}".rstrip("0") + "%"


@cache
def _rate_text(per_10000: int, amount: int, suffix: str = "") -> str:
    return f"{_percent_text(per_10000)} × {vnd(amount)}{suffix}"


def _full_amount(month: date, basis: DuesBasis, rates: DuesRates, wages: MinimumWages | None, region: int,
                 retired: bool) -> tuple[int, int, int, str]:
    """(exact amount as numerator / denominator, basis amount, rate text) of the member's category."""
    category = basis.category
    if category is DuesCategory.STUDENT and rates.student_amount:
        return rates.student_amount, 1, 0, "mức học sinh, sinh viên"
    if category is DuesCategory.ABROAD_FIXED:
        return basis.amount, 1, 0, "mức cố định ở nước ngoài"
    per_basis = {DuesCategory.INSURED: rates.insured, DuesCategory.BENEFIT: rates.benefit,
                 DuesCategory.PENSION: rates.pension, DuesCategory.ABROAD_ALLOWANCE: rates.abroad_allowance}
    if category in per_basis:
        rate = per_basis[category]
        return basis.amount * rate, 10000, basis.amount, _rate_text(rate, basis.amount)
    # other members (and students under 342)
    rate = rates.other_at_retirement if retired else rates.other_below_retirement
    if rate:
        if wages is None:
            raise DuesError(f"Chưa có lương tối thiểu vùng cho tháng {month_label(month)}; hãy thêm mức lương "
                            "tối thiểu vùng có ngày hiệu lực trong Cài đặt.")
        wage = wages.of(region)
        return wage * rate, 10000, wage, _rate_text(rate, wage, " (lương tối thiểu vùng)")
    share = rates.other_at_retirement_fixed_percent if retired else 100
    text = "mức do tỉnh quy định" + (f", {share}% (ngoài độ tuổi lao động)" if share != 100 else "")
    return rates.other_fixed_amount * share, 100, 0, text


def monthly_dues(
    month: date,
    basis: DuesBasis | None,
    member: MemberFacts,
    *,
    rates: DuesRates,
    wages: MinimumWages | None,
    region: int,
    adjustments: Sequence[Adjustment] = (),
    rounding: Rounding = Rounding(),
) -> MonthlyDues:
    """The dues of ``month`` (its first day) under ``rates`` (the entry in force that month).

    No basis recorded = an "other" member (the most common case in residential cells).

    The month matters only through the rule data passed in (in force that month), whether
    ``member.retired_in(month)`` and which ``adjustments`` cover it; apart from its ``month`` field the
    answer is the same for two months alike in those (the dues service computes such months once)."""
    month = first_of_month(month)
    basis = basis or DuesBasis(DuesCategory.OTHER, month)
    if (problem := basis.problem()) is not None:
        raise DuesError(problem)
    numerator, denominator, basis_amount, rate_text = _full_amount(month, basis, rates, wages, region,
                                                                   member.retired_in(month))
    full = rounding.apply_ratio(numerator, denominator)
    percent, reason = 0, ""
    if member.exempt_by_party_age:
        percent, reason = 100, "Miễn: đủ 50 năm tuổi Đảng"
    else:
        for adjustment in adjustments:
            if (adjustment.kind is not AdjustmentKind.DEFERRAL and adjustment.covers(month)
                    and adjustment.percent > percent):
                percent, reason = adjustment.percent, ADJUSTMENT_LABELS[adjustment.kind]
    if 0 < percent < 100:
        reason = f"Giảm {percent}%: hoàn cảnh khó khăn"
    amount = 0 if percent == 100 else full if percent == 0 else rounding.apply_ratio(
        numerator * (100 - percent), denominator * 100)
    return MonthlyDues(month=month, amount=amount, full_amount=full, category=basis.category.value,
                       basis_amount=basis_amount, rate_text=rate_text, reduction_percent=percent,
                       exempt_reason=reason, regime=rates.document)
