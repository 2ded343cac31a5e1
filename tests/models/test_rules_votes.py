"""Vote base and thresholds (documents.md §5.4; QĐ 294 §9.3.2)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.rules.status import EventKind, MemberEvent, Membership, status_on
from models.rules.votes import (
    Attendance,
    AttendanceSummary,
    DecisionKind,
    Exclusion,
    Threshold,
    VoteCountError,
    VoteResult,
    VoterFacts,
    VoteSettings,
    classify_voter,
    compute_base,
    passes,
    vote_base,
    yes_needed,
)
from models.rules.votes import attendance_summary as _attendance_summary
from models.rules.votes import tally as _tally
from tests.rule_defaults import ATTENDANCE_BANDS, VOTE_RULES


def tally(kind: DecisionKind, yes: int, no: int, abstain: int, base: int, *, eligible_present: int | None = None,
          settings: VoteSettings | None = None) -> VoteResult:
    """The tally by the thresholds in force in 2026 (tests/rule_defaults.py)."""
    return _tally(kind, yes, no, abstain, base, eligible_present=eligible_present,
                  settings=settings or VoteSettings(),
                  rules=VOTE_RULES)


def attendance_summary(facts: list[VoterFacts]) -> AttendanceSummary:
    return _attendance_summary(facts, ATTENDANCE_BANDS)

OFFICIAL_PRESENT = VoterFacts(Membership.OFFICIAL, Attendance.PRESENT)
PROBATIONARY_PRESENT = VoterFacts(Membership.PROBATIONARY, Attendance.PRESENT)


def worked_cell() -> list[VoterFacts]:
    """23 official members: 2 on temporary transfer elsewhere, 1 exempt and absent, 20 present; 2 probationary."""
    away = VoterFacts(Membership.OFFICIAL, Attendance.ABSENT_WITH_REASON, temporarily_away=True)
    exempt_absent = VoterFacts(Membership.OFFICIAL, Attendance.ABSENT_WITH_REASON, exempt=True)
    return [OFFICIAL_PRESENT] * 20 + [away] * 2 + [exempt_absent] + [PROBATIONARY_PRESENT] * 2


def test_worked_example_base_20_resolution_11_passes_10_fails_admission_needs_14() -> None:
    # 23 official members, 2 on temporary transfer elsewhere, 1 exempt and absent → base 20.
    facts = worked_cell()
    breakdown = compute_base(facts)
    assert breakdown.official == 23
    assert breakdown.base == 20
    assert vote_base(facts) == 20
    assert breakdown.excluded[Exclusion.TEMPORARILY_AWAY] == 2
    assert breakdown.excluded[Exclusion.EXEMPT_ABSENT] == 1
    assert breakdown.explanation() == (
        "23 đảng viên chính thức − 2 chuyển sinh hoạt tạm thời đi − 1 miễn sinh hoạt và vắng mặt = 20"
    )
    # 11 yes passes a resolution, 10 does not.
    passed = tally(DecisionKind.RESOLUTION, 11, 9, 0, 20)
    assert passed.passed
    assert passed.explanation == "11/20 tán thành (55,0%) > 1/2 → thông qua"
    failed = tally(DecisionKind.RESOLUTION, 10, 10, 0, 20)
    assert not failed.passed
    assert failed.explanation == "10/20 tán thành (50,0%) không quá 1/2 → không thông qua"
    # Admission needs 14 of 20 (13 fails).
    assert tally(DecisionKind.ADMISSION, 14, 6, 0, 20).passed
    assert (
        tally(DecisionKind.ADMISSION, 14, 6, 0, 20).explanation == "14/20 tán thành (70,0%) ≥ 2/3 → thông qua"
    )
    assert not tally(DecisionKind.ADMISSION, 13, 7, 0, 20).passed
    assert tally(DecisionKind.ADMISSION, 13, 7, 0, 20).explanation == (
        "13/20 tán thành (65,0%) chưa đạt 2/3 → không thông qua"
    )
    # Probationary members' votes are never counted: they are not in the base nor among eligible voters.
    assert breakdown.eligible_present == 20
    with pytest.raises(VoteCountError):
        tally(DecisionKind.RESOLUTION, 22, 0, 0, 20, eligible_present=breakdown.eligible_present)
    assert vote_base([*facts, *[PROBATIONARY_PRESENT] * 10]) == 20


def test_recognition_and_removal_need_two_thirds_discipline_more_than_half_by_default() -> None:
    assert tally(DecisionKind.RECOGNITION, 14, 0, 0, 20).threshold is Threshold.AT_LEAST_TWO_THIRDS
    assert tally(DecisionKind.REMOVAL, 13, 0, 0, 20).passed is False
    assert tally(DecisionKind.DISCIPLINE, 11, 0, 0, 20).passed
    assert not tally(DecisionKind.DISCIPLINE, 10, 0, 0, 20).passed
    strict = VoteSettings(discipline_threshold=Threshold.AT_LEAST_TWO_THIRDS)
    assert not tally(DecisionKind.DISCIPLINE, 11, 0, 0, 20, settings=strict).passed


def test_two_thirds_is_exact_for_bases_not_divisible_by_three() -> None:
    # 2/3 of 10 = 6.67 → 7 needed; 2/3 of 9 = 6 exactly.
    assert not passes(Threshold.AT_LEAST_TWO_THIRDS, 6, 10)
    assert passes(Threshold.AT_LEAST_TWO_THIRDS, 7, 10)
    assert passes(Threshold.AT_LEAST_TWO_THIRDS, 6, 9)
    assert not passes(Threshold.MORE_THAN_HALF, 4, 9) and passes(Threshold.MORE_THAN_HALF, 5, 9)


@given(st.sampled_from(list(Threshold)), st.integers(min_value=1, max_value=500))
def test_yes_needed_is_the_fewest_yes_that_pass(threshold: Threshold, base: int) -> None:
    # The "cần ít nhất N phiếu tán thành" shown before a named vote must agree with the tally.
    needed = yes_needed(threshold, base)
    assert needed is not None and passes(threshold, needed, base) and not passes(threshold, needed - 1, base)


def test_yes_needed_worked_numbers_and_empty_base() -> None:
    assert yes_needed(Threshold.MORE_THAN_HALF, 20) == 11
    assert yes_needed(Threshold.AT_LEAST_TWO_THIRDS, 20) == 14
    assert yes_needed(Threshold.AT_LEAST_TWO_THIRDS, 9) == 6
    assert yes_needed(Threshold.MORE_THAN_HALF, 0) is None


def test_base_zero_never_passes() -> None:
    result = tally(DecisionKind.RESOLUTION, 0, 0, 0, 0)
    assert not result.passed
    assert "Không có đảng viên chính thức" in result.explanation


def test_tally_rejects_more_ballots_than_voters_and_negative_counts() -> None:
    with pytest.raises(VoteCountError, match="vượt quá"):
        tally(DecisionKind.RESOLUTION, 15, 5, 1, 20)
    with pytest.raises(VoteCountError, match="vượt quá"):
        tally(DecisionKind.RESOLUTION, 10, 5, 1, 20, eligible_present=15)
    with pytest.raises(VoteCountError):
        tally(DecisionKind.RESOLUTION, -1, 0, 0, 20)
    with pytest.raises(VoteCountError):
        tally(DecisionKind.RESOLUTION, 1, 0, 0, 5, eligible_present=6)


def test_ordinary_absences_stay_in_base_by_default_and_can_be_excluded() -> None:
    absent = VoterFacts(Membership.OFFICIAL, Attendance.ABSENT_WITHOUT_REASON)
    reason_not_approved = VoterFacts(
        Membership.OFFICIAL, Attendance.ABSENT_WITH_REASON, absence_approved=False
    )
    approved = VoterFacts(Membership.OFFICIAL, Attendance.ABSENT_WITH_REASON, absence_approved=True)
    facts = [OFFICIAL_PRESENT] * 7 + [absent, reason_not_approved, approved]
    assert vote_base(facts) == 9  # approved absence out; the two ordinary absences stay
    assert vote_base(facts, VoteSettings(count_ordinary_absences=False)) == 7
    assert classify_voter(absent, VoteSettings(count_ordinary_absences=False)) is Exclusion.ORDINARY_ABSENCE
    # 5 of 9 passes, while with absences excluded 4 of 7 passes and 3 of 7 does not.
    assert tally(DecisionKind.RESOLUTION, 5, 2, 0, 9, eligible_present=7).passed
    assert not tally(DecisionKind.RESOLUTION, 4, 3, 0, 9, eligible_present=7).passed
    assert tally(DecisionKind.RESOLUTION, 4, 3, 0, 7, eligible_present=7).passed


def test_each_exclusion_kind() -> None:
    present = Attendance.PRESENT
    cases = {
        Exclusion.NOT_OFFICIAL: VoterFacts(Membership.PROBATIONARY, present),
        Exclusion.TEMPORARILY_HERE: VoterFacts(Membership.OFFICIAL, present, temporarily_here=True),
        Exclusion.TEMPORARILY_AWAY: VoterFacts(Membership.OFFICIAL, present, temporarily_away=True),
        Exclusion.SUSPENDED: VoterFacts(Membership.OFFICIAL, present, suspended=True),
        Exclusion.PROSECUTED_OR_DETAINED: VoterFacts(
            Membership.OFFICIAL, present, prosecuted_or_detained=True
        ),
        Exclusion.EXEMPT_ABSENT: VoterFacts(
            Membership.OFFICIAL, Attendance.ABSENT_WITHOUT_REASON, exempt=True
        ),
        Exclusion.APPROVED_ABSENCE: VoterFacts(
            Membership.OFFICIAL, Attendance.ABSENT_WITH_REASON, absence_approved=True
        ),
    }
    for expected, facts in cases.items():
        assert classify_voter(facts) is expected
    # An exempt member who comes and votes counts (QĐ 294 §9.3.2).
    assert classify_voter(VoterFacts(Membership.OFFICIAL, present, exempt=True)) is None


def test_attendance_rate_and_warning_bands() -> None:
    summary = attendance_summary(worked_cell())
    # expected: 20 present officials + 2 probationary (away and exempt-absent are not expected)
    assert (summary.expected, summary.present) == (22, 22)
    assert summary.band.code == "attendance_good" and summary.warning == ""

    def cell(present: int, absent: int) -> list[VoterFacts]:
        return [OFFICIAL_PRESENT] * present + [
            VoterFacts(Membership.OFFICIAL, Attendance.ABSENT_WITHOUT_REASON)
        ] * absent

    assert attendance_summary(cell(27, 3)).band.code == "attendance_good"  # exactly 90%
    assert attendance_summary(cell(26, 4)).band.code == "attendance_fair"
    assert attendance_summary(cell(3, 1)).band.code == "attendance_fair"  # exactly 75%
    assert attendance_summary(cell(7, 3)).band.code == "attendance_low"
    low = attendance_summary(cell(6, 4))
    assert low.band.code == "attendance_very_low"
    assert low.warning == "Tỷ lệ đảng viên dự họp dưới 65%."


# --- properties ---------------------------------------------------------------------------------

facts_strategy = st.builds(
    VoterFacts,
    membership=st.sampled_from(list(Membership)),
    attendance=st.sampled_from(list(Attendance)),
    absence_approved=st.booleans(),
    exempt=st.booleans(),
    temporarily_away=st.booleans(),
    temporarily_here=st.booleans(),
    suspended=st.booleans(),
    prosecuted_or_detained=st.booleans(),
)


@given(st.lists(facts_strategy, max_size=40), st.booleans())
def test_base_is_between_zero_and_official_count(facts: list[VoterFacts], count_absences: bool) -> None:
    settings = VoteSettings(count_ordinary_absences=count_absences)
    breakdown = compute_base(facts, settings)
    assert 0 <= breakdown.eligible_present <= breakdown.base <= breakdown.official
    assert breakdown.base + sum(breakdown.excluded.values()) == breakdown.official
    assert vote_base(facts, VoteSettings(count_ordinary_absences=False)) <= vote_base(facts)


@given(st.lists(facts_strategy, max_size=30), st.lists(facts_strategy, max_size=10))
def test_probationary_members_never_change_the_base(facts: list[VoterFacts], extra: list[VoterFacts]) -> None:
    probationers = [VoterFacts(Membership.PROBATIONARY, f.attendance, exempt=f.exempt) for f in extra]
    assert vote_base(facts + probationers) == vote_base(facts)
    assert compute_base(facts + probationers).eligible_present == compute_base(facts).eligible_present


@given(st.integers(0, 200), st.integers(0, 200))
def test_thresholds_match_exact_fractions(yes: int, base: int) -> None:
    if base == 0:
        assert not passes(Threshold.MORE_THAN_HALF, yes, base)
        return
    assert passes(Threshold.MORE_THAN_HALF, yes, base) == (Fraction(yes, base) > Fraction(1, 2))
    assert passes(Threshold.AT_LEAST_TWO_THIRDS, yes, base) == (Fraction(yes, base) >= Fraction(2, 3))


@given(st.sampled_from(list(DecisionKind)), st.integers(1, 60), st.data())
def test_more_yes_never_turns_a_pass_into_a_fail(kind: DecisionKind, base: int, data: st.DataObject) -> None:
    yes = data.draw(st.integers(0, base - 1))
    if tally(kind, yes, 0, 0, base).passed:
        assert tally(kind, yes + 1, 0, 0, base).passed


def test_voter_facts_from_status() -> None:
    history = [
        MemberEvent(EventKind.ADMISSION, date(2010, 1, 4), ceremony=date(2010, 2, 3)),
        MemberEvent(EventKind.RECOGNITION, date(2011, 2, 3)),
        MemberEvent(EventKind.EXEMPTION, date(2025, 1, 1)),
        MemberEvent(EventKind.TRANSFER_OUT_OFFICIAL, date(2026, 1, 1)),
    ]
    exempt = VoterFacts.from_status(status_on(history, date(2025, 6, 1)), Attendance.ABSENT_WITH_REASON)
    assert classify_voter(exempt) is Exclusion.EXEMPT_ABSENT
    gone = VoterFacts.from_status(status_on(history, date(2026, 2, 1)), Attendance.ABSENT_WITHOUT_REASON)
    assert classify_voter(gone) is Exclusion.NOT_OFFICIAL
