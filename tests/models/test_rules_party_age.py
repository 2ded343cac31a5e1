"""Party age, badges and the 50-year dues exemption (rules.md §5, §1.2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from models.rules.party_age import (
    BadgeCandidate,
    DuesAgeExemptionRule,
    Gap,
    MonthCutoff,
    OccasionCutoff,
    first_decision_date,
    gaps_from_events,
    milestone_date,
    party_age,
)
from models.rules.party_age import award_occasion as _award_occasion
from models.rules.party_age import badge_alerts as _badge_alerts
from models.rules.party_age import discipline_block_until as _discipline_block_until
from models.rules.party_age import dues_exempt_for_month as _dues_exempt_for_month
from models.rules.party_age import early_award_from as _early_award_from
from models.rules.party_age import is_dues_exempt_by_age as _is_dues_exempt_by_age
from models.rules.party_age import next_badge as _next_badge
from models.rules.status import DisciplineForm, EventKind, MemberEvent
from tests.rule_defaults import BADGE_RULES, DUES_AGE_RULE

# The rules written out for these tests (the app passes the ones in force from the dated data).
award_occasion = partial(_award_occasion, rules=BADGE_RULES)
badge_alerts = partial(_badge_alerts, rules=BADGE_RULES)
discipline_block_until = partial(_discipline_block_until, rules=BADGE_RULES)
early_award_from = partial(_early_award_from, rules=BADGE_RULES)
next_badge = partial(_next_badge, rules=BADGE_RULES)
is_dues_exempt_by_age = partial(_is_dues_exempt_by_age, rule=DUES_AGE_RULE)
dues_exempt_for_month = partial(_dues_exempt_for_month, rule=DUES_AGE_RULE)


def test_party_age_counts_whole_months_from_the_decision() -> None:
    decided = date(1996, 2, 3)
    assert party_age(decided, date(2026, 2, 2)).total_months == 30 * 12 - 1
    age = party_age(decided, date(2026, 2, 3))
    assert (age.years, age.months) == (30, 0)
    assert str(party_age(decided, date(2026, 5, 10))) == "30 năm 3 tháng"
    assert party_age(decided, date(1990, 1, 1)).total_months == 0


def test_gap_is_subtracted_and_moves_the_milestone() -> None:
    # Decision 01/01/1990; expelled 01/01/2000, readmitted 01/07/2001: a gap of 547 days (18 months).
    events = [
        MemberEvent(EventKind.ADMISSION, date(1990, 1, 1), ceremony=date(1990, 2, 3)),
        MemberEvent(EventKind.RECOGNITION, date(1991, 2, 3)),
        MemberEvent(EventKind.EXPULSION, date(2000, 1, 1)),
        MemberEvent(EventKind.READMISSION, date(2001, 7, 1)),
    ]
    gaps = gaps_from_events(events)
    assert gaps == (Gap(date(2000, 1, 1), date(2001, 7, 1)),)
    assert first_decision_date(events) == date(1990, 1, 1)
    assert milestone_date(date(1990, 1, 1), 30, gaps) == date(2021, 7, 1)
    assert party_age(date(1990, 1, 1), date(2021, 6, 30), gaps).years == 29
    assert party_age(date(1990, 1, 1), date(2021, 7, 1), gaps).years == 30
    # Frozen during the gap.
    assert party_age(date(1990, 1, 1), date(2001, 1, 1), gaps) == party_age(
        date(1990, 1, 1), date(2000, 1, 1), gaps
    )
    due = next_badge(date(1990, 1, 1), date(2021, 1, 1), gaps)
    assert due is not None and (due.years, due.occasion) == (30, date(2021, 9, 2))


def test_open_gap_stops_the_count() -> None:
    gaps = (Gap(date(2000, 1, 1)),)
    assert milestone_date(date(1990, 1, 1), 30, gaps) is None
    assert party_age(date(1990, 1, 1), date(2030, 1, 1), gaps).years == 10
    assert next_badge(date(1990, 1, 1), date(2020, 1, 1), gaps) is None
    # Death freezes party age too.
    died = gaps_from_events(
        [MemberEvent(EventKind.ADMISSION, date(1990, 1, 1)), MemberEvent(EventKind.DEATH, date(2015, 5, 1))]
    )
    assert died == (Gap(date(2015, 5, 1)),)


def test_award_occasion_and_configurable_cutoff() -> None:
    assert award_occasion(date(2026, 2, 3)) == date(2026, 2, 3)
    strict = replace(BADGE_RULES, cutoff=OccasionCutoff.REACHED_BEFORE_OCCASION)
    assert award_occasion(date(2026, 2, 3), rules=strict) == date(2026, 5, 19)
    assert award_occasion(date(2026, 11, 8)) == date(2027, 2, 3)
    assert award_occasion(date(2026, 5, 20)) == date(2026, 9, 2)
    due = next_badge(date(1996, 2, 3), date(2026, 1, 1))
    assert due is not None and (due.years, due.milestone_date, due.occasion) == (
        30,
        date(2026, 2, 3),
        date(2026, 2, 3),
    )
    due = next_badge(date(1996, 2, 3), date(2026, 1, 1), rules=strict)
    assert due is not None and due.occasion == date(2026, 5, 19)


def test_milestones_sequence_and_awarded_badges() -> None:
    assert BADGE_RULES.milestones == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    # Without a record of awards: the next upcoming occasion.
    due = next_badge(date(1976, 3, 1), date(2026, 3, 1))
    assert due is not None and (due.years, due.occasion) == (50, date(2026, 5, 19))
    # The member never received the 45-year badge: it is still due, late.
    due = next_badge(date(1976, 3, 1), date(2026, 3, 1), awarded_years={30, 40})
    assert due is not None and due.years == 45 and due.occasion < date(2026, 3, 1)
    assert next_badge(date(1930, 1, 1), date(2026, 1, 1), awarded_years={90}) is None


def test_discipline_blocks_the_badge_for_6_9_12_months() -> None:
    d = date(2021, 8, 1)
    assert discipline_block_until([(d, DisciplineForm.REPRIMAND)]) == date(2022, 2, 1)
    assert discipline_block_until([(d, DisciplineForm.WARNING)]) == date(2022, 5, 1)
    assert discipline_block_until([(d, DisciplineForm.DISMISSAL)]) == date(2022, 8, 1)
    assert discipline_block_until([]) is None
    # 30 years on 01/07/2021 would be presented on 02/09/2021; a warning on 01/08/2021 pushes it to 19/05/2022.
    due = next_badge(
        date(1991, 7, 1), date(2021, 7, 1), disciplines=[(d, DisciplineForm.WARNING)], awarded_years=()
    )
    assert due is not None and due.occasion == date(2022, 5, 19) and due.blocked_until == date(2022, 5, 1)


def test_early_award_windows() -> None:
    assert early_award_from(date(2026, 5, 19), 30) == date(2025, 5, 19)
    assert early_award_from(date(2026, 5, 19), 65) == date(2025, 5, 19)
    assert early_award_from(date(2026, 5, 19), 70) == date(2024, 5, 19)
    assert early_award_from(date(2026, 5, 19), 90) == date(2024, 5, 19)
    assert early_award_from(date(2026, 5, 19), 90, posthumous=True) == date(2025, 5, 19)


def test_badge_alerts_within_lead_time_sorted() -> None:
    members = [
        BadgeCandidate("b", date(1996, 5, 19)),  # 30 years on 19/05/2026: 79 days from 01/03/2026
        BadgeCandidate("c", date(1996, 5, 20)),  # 30 years on 20/05/2026 → 02/09/2026: too far
        BadgeCandidate("a", date(1986, 3, 10), awarded_years=frozenset({30})),  # 40 years → 19/05/2026
        BadgeCandidate("late", date(1976, 1, 10), awarded_years=frozenset({30, 40})),  # 45-year badge, late
    ]
    alerts = badge_alerts(members, date(2026, 3, 1), lead_days=90)
    assert [a.member_id for a in alerts] == ["late", "a", "b"]
    b = alerts[-1]
    assert b.days_left == 79
    assert b.message == "Đủ 30 năm tuổi Đảng ngày 19/05/2026; trao Huy hiệu dịp 19/05/2026 (còn 79 ngày)."
    assert "đã quá" in alerts[0].message


def test_dues_exemption_at_50_years_from_february_2026() -> None:
    decided = date(1976, 1, 15)  # 50 years on 15/01/2026
    assert not is_dues_exempt_by_age(decided, date(2026, 1, 20))  # QĐ 01 not yet in force
    assert is_dues_exempt_by_age(decided, date(2026, 2, 1))
    assert not dues_exempt_for_month(decided, 2026, 1)
    assert dues_exempt_for_month(decided, 2026, 2)
    march = date(1976, 3, 10)  # 50 years on 10/03/2026
    assert not dues_exempt_for_month(march, 2026, 3)  # default: first day of the month decides [U]
    assert dues_exempt_for_month(march, 2026, 4)
    last_day = DuesAgeExemptionRule(date(2026, 2, 1), 50, MonthCutoff.LAST_DAY)
    assert dues_exempt_for_month(march, 2026, 3, rule=last_day)
    assert not dues_exempt_for_month(date(1980, 1, 1), 2026, 6)


dates = st.dates(min_value=date(1945, 1, 1), max_value=date(2060, 12, 31))
# Closed gaps (possibly overlapping, possibly before the decision); open gaps are tested above.
gap_lists = st.lists(
    st.builds(lambda start, length: Gap(start, start + timedelta(days=length)), dates, st.integers(1, 4000)),
    max_size=4,
)


@given(dates, dates, dates, gap_lists)
def test_party_age_is_monotone_in_as_of(decided: date, a: date, b: date, gaps: list[Gap]) -> None:
    early, late = min(a, b), max(a, b)
    assert party_age(decided, early, gaps).total_months <= party_age(decided, late, gaps).total_months


@given(dates, st.sampled_from(BADGE_RULES.milestones), gap_lists)
def test_milestone_date_is_the_first_day_with_that_party_age(
    decided: date, years: int, gaps: list[Gap]
) -> None:
    reached = milestone_date(decided, years, gaps)
    assert reached is not None
    assert party_age(decided, reached, gaps).total_months >= 12 * years
    assert party_age(decided, reached - timedelta(days=1), gaps).total_months < 12 * years
    assert award_occasion(reached) >= reached
