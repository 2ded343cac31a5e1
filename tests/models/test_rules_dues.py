"""Monthly party dues by the rules of each month (rules.md §1), with the real dated rule data."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from models.rules.dues import (
    Adjustment,
    AdjustmentKind,
    DuesBasis,
    DuesCategory,
    DuesError,
    MemberFacts,
    MonthlyDues,
    Rounding,
    RoundMode,
    adjustment_problem,
    basis_on,
    monthly_dues,
    vnd,
)
from models.rules.party_age import dues_exempt_for_month
from secretary_app import rules_data

TABLE = rules_data.retirement_table()
FARMER = MemberFacts.of("Nam", date(1981, 5, 10), TABLE)  # 45 in 2026
RETIRED_AGE = MemberFacts.of("Nữ", date(1950, 3, 2), TABLE)


def dues(month: date, basis: DuesBasis | None, member: MemberFacts = FARMER, region: int = 1,
         adjustments: tuple[Adjustment, ...] = (), rounding: Rounding | None = None) -> MonthlyDues:
    return monthly_dues(month, basis, member, rates=rules_data.dues_rates_on(month),
                        wages=rules_data.minimum_wages_on(month), region=region, adjustments=adjustments,
                        rounding=rounding or rules_data.dues_rounding_on(month))


def test_worked_examples_of_rules_md_1_1() -> None:
    march = date(2026, 3, 1)
    assert dues(march, DuesBasis(DuesCategory.INSURED, march, 7_488_000)).amount == 74_880
    assert dues(march, DuesBasis(DuesCategory.PENSION, march, 6_000_000), RETIRED_AGE).amount == 30_000
    assert dues(march, None, FARMER, region=3).amount == 12_420
    assert dues(date(2028, 1, 1), None, FARMER, region=3).amount == 20_700
    assert dues(march, None, RETIRED_AGE, region=1).amount == 10_620
    assert dues(date(2028, 1, 1), None, RETIRED_AGE, region=1).amount == 15_930
    assert dues(march, DuesBasis(DuesCategory.STUDENT, march)).amount == 5_000


def test_the_regime_changes_in_february_2026() -> None:
    salary = DuesBasis(DuesCategory.INSURED, date(2025, 1, 1), 7_488_000)
    january, february = dues(date(2026, 1, 1), salary), dues(date(2026, 2, 1), salary)
    assert "342" in january.regime and "01-QĐ/TW" in february.regime
    assert january.amount == february.amount == 74_880  # salaried members: 1 % in both regimes
    # "Other" members paid the province's fixed amount under 342, then 0.3 % of the minimum wage.
    assert dues(date(2026, 1, 1), None, FARMER, region=3).amount == 5_000
    assert dues(date(2026, 2, 1), None, FARMER, region=3).amount == 12_420
    # 342: members outside working age paid half of it; students paid as "other" members.
    assert dues(date(2026, 1, 1), None, RETIRED_AGE).amount == 2_500
    assert dues(date(2026, 1, 1), DuesBasis(DuesCategory.STUDENT, date(2025, 1, 1))).amount == 5_000
    assert dues(date(2027, 12, 1), None, FARMER, region=3).amount == 12_420  # the 2028 rise not yet


def test_minimum_wages_carry_their_decree_and_date() -> None:
    wages = rules_data.minimum_wages_on(date(2026, 1, 1))
    assert wages is not None and "293/2025" in wages.decree
    assert [wages.of(r) for r in (1, 2, 3, 4)] == [5_310_000, 4_730_000, 4_140_000, 3_700_000]
    before = rules_data.minimum_wages_on(date(2025, 12, 31))
    assert before is not None and before.of(1) == 4_960_000
    with pytest.raises(DuesError, match="vùng"):
        wages.of(5)


def test_retirement_age_at_a_boundary_birth_month() -> None:
    table = rules_data.retirement_table()
    # Men born 09/1961 retire at 60 years 3 months; born 10/1961, at 60 years 6 months.
    assert table.retirement_date("Nam", date(1961, 9, 15)) == date(2021, 12, 15)
    assert table.retirement_date("Nam", date(1961, 10, 15)) == date(2022, 4, 15)
    # Women born 04/1975: 59 years 8 months; from 05/1975: 60.
    assert table.retirement_date("Nữ", date(1975, 4, 1)) == date(2034, 12, 1)
    assert table.retirement_date("Nữ", date(1975, 5, 1)) == date(2035, 5, 1)
    assert table.retirement_date("", date(1975, 5, 1)) is None
    # The "other" rate changes the month after the age is reached (first day of the month counts).
    woman = MemberFacts.of("Nữ", date(1966, 9, 20), TABLE)  # 55 years 8 months: 20/05/2022
    born_1970 = MemberFacts.of("Nữ", date(1970, 9, 1), TABLE)  # 57 years 8 months: 01/05/2028
    assert dues(date(2026, 3, 1), None, woman).amount == 10_620
    assert dues(date(2028, 4, 1), None, born_1970).amount == 26_550  # 0.5 % × 5.310.000
    assert dues(date(2028, 5, 1), None, born_1970).amount == 15_930  # reached on the 1st: 0.3 %


def test_fifty_years_of_party_age_exempt_from_the_first_month() -> None:
    admitted = date(1976, 3, 10)  # 50 full years on 10/03/2026
    rule = rules_data.dues_age_rule_on(date(2026, 3, 1))
    assert rule is not None
    exempt = {m: dues_exempt_for_month(admitted, 2026, m, rule=rule) for m in (3, 4)}
    assert exempt == {3: False, 4: True}  # default cut-off: reached on or before the 1st of the month
    april = dues(date(2026, 4, 1), None, MemberFacts.of("Nam", date(1950, 1, 1), TABLE, exempt_by_party_age=True))
    assert april.amount == 0 and april.exempt and "50 năm" in april.exempt_reason
    assert april.full_amount == 10_620
    # Under 342 there was no such exemption.
    assert not dues_exempt_for_month(date(1970, 1, 1), 2026, 1, rule=rule)


def test_a_50_percent_reduction_ends_after_its_12_months() -> None:
    reduction = Adjustment(AdjustmentKind.HARDSHIP, date(2026, 3, 1), 12, 50, "Quyết định số 5, ngày 25/02/2026")
    assert adjustment_problem(reduction) is None
    first, last, after = (dues(m, None, FARMER, region=3, adjustments=(reduction,))
                          for m in (date(2026, 3, 1), date(2027, 2, 1), date(2027, 3, 1)))
    assert (first.amount, first.reduction_percent) == (6_210, 50)
    assert last.amount == 6_210
    assert (after.amount, after.reduction_percent) == (12_420, 0)
    assert dues(date(2026, 2, 1), None, FARMER, region=3, adjustments=(reduction,)).amount == 12_420


def test_decisions_that_break_the_rules_are_refused_with_a_message() -> None:
    start = date(2026, 3, 1)
    assert "12 tháng" in (adjustment_problem(Adjustment(AdjustmentKind.HARDSHIP, start, 13, 50, "QĐ 1")) or "")
    assert "30%" in (adjustment_problem(Adjustment(AdjustmentKind.HARDSHIP, start, 6, 40, "QĐ 1")) or "")
    assert "ngày 1" in (adjustment_problem(Adjustment(AdjustmentKind.HARDSHIP, date(2026, 3, 5), 6, 50, "QĐ")) or "")
    assert adjustment_problem(Adjustment(AdjustmentKind.HARDSHIP, start, 6, 50, " ")) is not None
    assert adjustment_problem(Adjustment(AdjustmentKind.SOCIAL_PENSION, start, None, 100, "QĐ 2")) is None
    social = Adjustment(AdjustmentKind.SOCIAL_PENSION, start, None, 100, "QĐ 2")
    assert dues(date(2030, 1, 1), None, FARMER, adjustments=(social,)).amount == 0
    with pytest.raises(DuesError, match="căn cứ"):
        dues(start, DuesBasis(DuesCategory.INSURED, start, 0))
    with pytest.raises(DuesError, match="âm"):
        dues(start, DuesBasis(DuesCategory.PENSION, start, -5))


def test_a_deferral_is_not_a_reduction() -> None:
    deferral = Adjustment(AdjustmentKind.DEFERRAL, date(2026, 3, 1), 6, 100, "Miễn sinh hoạt từ 01/03/2026")
    assert dues(date(2026, 4, 1), None, FARMER, region=3, adjustments=(deferral,)).amount == 12_420


def test_rounding_is_exact_vnd_by_default_and_configurable() -> None:
    month = date(2026, 3, 1)
    odd = DuesBasis(DuesCategory.INSURED, month, 7_488_150)  # 74.881,5 đ
    assert dues(month, odd).amount == 74_882
    assert dues(month, odd, rounding=Rounding(1000, RoundMode.UP)).amount == 75_000
    assert Rounding().apply(Fraction(49, 2)) == 25 and Rounding().apply(Fraction(24)) == 24
    assert Rounding().apply(Fraction(-49, 2)) == -24 and Rounding(1000, RoundMode.UP).apply(Fraction(1001)) == 2000


def test_the_basis_in_force_is_the_latest_effective_one() -> None:
    history = [DuesBasis(DuesCategory.INSURED, date(2026, 1, 1), 6_000_000),
               DuesBasis(DuesCategory.PENSION, date(2026, 7, 1), 5_000_000)]
    assert basis_on(history, date(2025, 12, 1)) is None
    assert basis_on(history, date(2026, 6, 1)) == history[0]
    assert basis_on(reversed(history), date(2026, 7, 1)) == history[1]


def test_money_is_printed_with_dots() -> None:
    assert vnd(12_420) == "12.420 đ" and vnd(5_000) == "5.000 đ" and vnd(-1_240_000) == "-1.240.000 đ"
