"""Party age (tuổi đảng), Party badges (Huy hiệu Đảng) and the 50-year dues exemption (rules.md §5, §1.2).

Party age starts on the date the competent committee **signed the admission decision** (Charter art. 5.4;
HD 01/06) and leaves out the periods not in Party activity: expulsion, removal, lost contact, gaps during
transfer. A re-admitted member counts from the **first** decision minus the gap (rules.md §5.2 [C]).

How gaps are subtracted (rules.md §5.2: "milestone date = decision_date + N years + Σ gaps"): gaps are
measured in days. The *reference date* of ``as_of`` is ``decision_date + (active days up to as_of)``, i.e.
the date a member with no gap would have reached the same seniority; party age is the whole months from
``decision_date`` to that reference date. This makes party age never decrease as ``as_of`` grows, frozen
during a gap, and exactly consistent with ``milestone_date``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from models.rules.dates import add_months, format_vn, whole_months_between
from models.rules.status import DisciplineForm, EventKind, MemberEvent, order_events

__all__ = [
    "BadgeAlert",
    "BadgeCandidate",
    "BadgeDue",
    "BadgeRules",
    "DuesAgeExemptionRule",
    "EarlyWindow",
    "Gap",
    "MonthCutoff",
    "OccasionCutoff",
    "PartyAge",
    "award_occasion",
    "badge_alerts",
    "discipline_block_until",
    "dues_exempt_for_month",
    "early_award_from",
    "first_decision_date",
    "gaps_from_events",
    "is_dues_exempt_by_age",
    "milestone_date",
    "next_badge",
    "party_age",
]


@dataclass(frozen=True, slots=True)
class Gap:
    """A period not in Party activity: from ``start`` (exit, loss of contact) to ``end`` (return), exclusive.

    ``end`` None = still out (party age stays frozen).
    """

    start: date
    end: date | None = None


def _merged(gaps: Iterable[Gap], since: date, until: date) -> list[tuple[date, date]]:
    """Gaps clipped to [since, until), sorted and merged; open gaps run to ``until``."""
    spans = sorted(
        (max(g.start, since), min(g.end or until, until)) for g in gaps if (g.end or until) > since
    )
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def gaps_from_events(events: Iterable[MemberEvent]) -> tuple[Gap, ...]:
    """Gaps implied by a member's events: each exit (xóa tên, khai trừ, xin ra) to the next readmission.

    Death opens a final gap (party age is frozen at death, used for posthumous badges). Loss of contact
    and transfer gaps are not events; pass them to the functions below as extra ``Gap`` values.
    """
    exits = {EventKind.REMOVAL, EventKind.EXPULSION, EventKind.RESIGNATION, EventKind.DEATH}
    gaps: list[Gap] = []
    open_since: date | None = None
    for event in order_events(events):
        if event.kind in exits and open_since is None:
            open_since = event.day
        elif event.kind is EventKind.READMISSION and open_since is not None:
            gaps.append(Gap(open_since, event.day))
            open_since = None
    if open_since is not None:
        gaps.append(Gap(open_since))
    return tuple(gaps)


def first_decision_date(events: Iterable[MemberEvent]) -> date | None:
    """The first admission decision (a readmitted member counts from the first one, rules.md §5.2)."""
    days = [e.day for e in events if e.kind in (EventKind.ADMISSION, EventKind.READMISSION)]
    return min(days) if days else None


@dataclass(frozen=True, slots=True)
class PartyAge:
    total_months: int

    @property
    def years(self) -> int:
        return self.total_months // 12

    @property
    def months(self) -> int:
        return self.total_months % 12

    def __str__(self) -> str:
        return f"{self.years} năm {self.months} tháng"


def party_age(decision_date: date, as_of: date, gaps: Iterable[Gap] = ()) -> PartyAge:
    """Whole months of Party activity from ``decision_date`` to ``as_of``, gaps removed (0 before it)."""
    if as_of <= decision_date:
        return PartyAge(0)
    gap_days = sum((end - start).days for start, end in _merged(gaps, decision_date, as_of))
    reference = as_of - timedelta(days=gap_days)
    return PartyAge(max(0, whole_months_between(decision_date, reference)))


def milestone_date(decision_date: date, years: int, gaps: Iterable[Gap] = ()) -> date | None:
    """The day ``years`` full years of party age are reached; None if an open gap stops the count first."""
    target = add_months(decision_date, 12 * years)
    horizon = date.max - timedelta(days=1)
    for start, end in _merged(gaps, decision_date, horizon):
        if start >= target:
            break
        if end >= horizon:
            return None
        target += end - start
    return target


# --- badges (rules.md §5.1; HD 01-HD/TW 2021 §18, carried into 294/06 [S]) -----------------------


class OccasionCutoff(enum.StrEnum):
    """Which occasion a milestone falls to. Local practice, [U] (rules.md §5.2): a setting.

    REACHED_BY_OCCASION: the first occasion on or after the milestone date (default).
    REACHED_BEFORE_OCCASION: the first occasion strictly after the milestone date.
    """

    REACHED_BY_OCCASION = "reached_by_occasion"
    REACHED_BEFORE_OCCASION = "reached_before_occasion"


@dataclass(frozen=True, slots=True)
class EarlyWindow:
    """Early award for serious illness: up to ``months`` before the milestone for these milestones."""

    min_years: int
    max_years: int
    months: int


@dataclass(frozen=True, slots=True)
class BadgeRules:
    effective_from: date
    milestones: tuple[int, ...]
    occasions: tuple[tuple[int, int], ...]  # (month, day): 3/2, 19/5, 2/9, 7/11
    early_windows: tuple[EarlyWindow, ...]
    posthumous_early_months: int
    discipline_block_months: Mapping[DisciplineForm, int]
    cutoff: OccasionCutoff = OccasionCutoff.REACHED_BY_OCCASION
    source: str = ""


def award_occasion(day: date, rules: BadgeRules, *, strict: bool | None = None) -> date:
    """The first award occasion (3/2, 19/5, 2/9, 7/11) on or after ``day`` (strictly after per cutoff)."""
    if strict is None:
        strict = rules.cutoff is OccasionCutoff.REACHED_BEFORE_OCCASION
    for year in (day.year, day.year + 1):
        for month, dom in sorted(rules.occasions):
            occasion = date(year, month, dom)
            if occasion > day or (occasion == day and not strict):
                return occasion
    raise AssertionError("no occasion within a year")  # pragma: no cover - occasions is never empty


def discipline_block_until(
    disciplines: Iterable[tuple[date, DisciplineForm]], rules: BadgeRules
) -> date | None:
    """First day a disciplined member may be proposed again.

    6/9/12 months after khiển trách/cảnh cáo/cách chức (rules.md §5.1 [S]); the latest one wins.
    """
    ends = [
        add_months(day, rules.discipline_block_months[form])
        for day, form in disciplines
        if form in rules.discipline_block_months
    ]
    return max(ends) if ends else None


def early_award_from(
    milestone: date, years: int, rules: BadgeRules, *, posthumous: bool = False
) -> date | None:
    """Earliest date an early award may be considered (serious illness or posthumous); None if no window."""
    if posthumous:
        return add_months(milestone, -rules.posthumous_early_months)
    for window in rules.early_windows:
        if window.min_years <= years <= window.max_years:
            return add_months(milestone, -window.months)
    return None


@dataclass(frozen=True, slots=True)
class BadgeDue:
    years: int
    milestone_date: date
    occasion: date  # when it is presented
    blocked_until: date | None = None  # discipline pushes the occasion to on/after this date
    early_from: date | None = None  # serious-illness early award possible from this date


def _due(
    decision_date: date,
    years: int,
    gaps: Sequence[Gap],
    block: date | None,
    rules: BadgeRules,
) -> BadgeDue | None:
    reached = milestone_date(decision_date, years, gaps)
    if reached is None:
        return None
    occasion = award_occasion(reached, rules)
    if block is not None and occasion < block:
        occasion = award_occasion(block, rules, strict=False)
    return BadgeDue(years, reached, occasion, block, early_award_from(reached, years, rules))


def next_badge(
    decision_date: date,
    as_of: date,
    gaps: Iterable[Gap] = (),
    *,
    awarded_years: Iterable[int] | None = None,
    disciplines: Iterable[tuple[date, DisciplineForm]] = (),
    rules: BadgeRules,
) -> BadgeDue | None:
    """The next badge to propose.

    With ``awarded_years`` (the badges the member holds): the first milestone above the highest one held,
    even if its occasion is already past (late). Without it: the first milestone whose occasion is on or
    after ``as_of``. None when no milestone is left or an open gap (left the Party, died) stops the count.
    """
    gap_list = list(gaps)
    block = discipline_block_until(disciplines, rules)
    if awarded_years is not None:
        held = max(awarded_years, default=0)
        for years in rules.milestones:
            if years > held:
                return _due(decision_date, years, gap_list, block, rules)
        return None
    for years in rules.milestones:
        due = _due(decision_date, years, gap_list, block, rules)
        if due is None:
            return None
        if due.occasion >= as_of:
            return due
    return None


@dataclass(frozen=True, slots=True)
class BadgeCandidate:
    member_id: str
    decision_date: date
    gaps: tuple[Gap, ...] = ()
    awarded_years: frozenset[int] | None = None
    disciplines: tuple[tuple[date, DisciplineForm], ...] = ()


@dataclass(frozen=True, slots=True)
class BadgeAlert:
    member_id: str
    due: BadgeDue
    days_left: int  # to the occasion; negative = late
    message: str


def badge_alerts(
    members: Iterable[BadgeCandidate],
    today: date,
    lead_days: int = 90,
    *,
    rules: BadgeRules,
) -> tuple[BadgeAlert, ...]:
    """Members whose next badge occasion is within ``lead_days`` (or already past), soonest first.

    The lead time leaves room to send the dossier to the upper committee (rules.md §5.2: 60–90 days).
    """
    alerts: list[BadgeAlert] = []
    for m in members:
        due = next_badge(
            m.decision_date,
            today,
            m.gaps,
            awarded_years=m.awarded_years,
            disciplines=m.disciplines,
            rules=rules,
        )
        if due is None:
            continue
        days_left = (due.occasion - today).days
        if days_left > lead_days:
            continue
        when = f"còn {days_left} ngày" if days_left >= 0 else f"đã quá {-days_left} ngày"
        message = (
            f"Đủ {due.years} năm tuổi Đảng ngày {format_vn(due.milestone_date)}; "
            f"trao Huy hiệu dịp {format_vn(due.occasion)} ({when})."
        )
        if due.blocked_until is not None and due.blocked_until > due.milestone_date:
            message += f" Đang trong thời hạn kỷ luật, xét từ {format_vn(due.blocked_until)}."
        alerts.append(BadgeAlert(m.member_id, due, days_left, message))
    alerts.sort(key=lambda a: (a.due.occasion, a.member_id))
    return tuple(alerts)


# --- dues exemption by party age (QĐ 01-QĐ/TW 2026 Điều 5; rules.md §1.2) -----------------------


class MonthCutoff(enum.StrEnum):
    """Which day of a month decides the dues exemption for that month. [U] not in the sources.

    FIRST_DAY (default): exempt for a month when the 50 full years are reached on or before its first day.
    LAST_DAY: exempt for the month in which the 50 full years are reached.
    """

    FIRST_DAY = "first_day"
    LAST_DAY = "last_day"


@dataclass(frozen=True, slots=True)
class DuesAgeExemptionRule:
    """Exempt (100%) from dues with party age ≥ ``years`` full years, from ``effective_from``.

    QĐ 01-QĐ/TW (03/02/2026), Điều 5 [C]; reported in force from 01/02/2026. The QĐ 342 regime before it
    had no such exemption, so earlier months are never exempt by age.
    """

    effective_from: date
    years: int
    cutoff: MonthCutoff = MonthCutoff.FIRST_DAY
    source: str = field(default="QĐ 01-QĐ/TW Điều 5 [C]; month cut-off [U]")


def is_dues_exempt_by_age(
    decision_date: date,
    as_of: date,
    gaps: Iterable[Gap] = (),
    *,
    rule: DuesAgeExemptionRule | None,
) -> bool:
    """True when the rule is in force on ``as_of`` and party age then is ≥ ``rule.years`` full years.

    ``rule`` is the one in force on ``as_of`` (None: no exemption by age then, as under QĐ 342)."""
    if rule is None or as_of < rule.effective_from:
        return False
    return party_age(decision_date, as_of, gaps).total_months >= 12 * rule.years


def dues_exempt_for_month(
    decision_date: date,
    year: int,
    month: int,
    gaps: Iterable[Gap] = (),
    *,
    rule: DuesAgeExemptionRule | None,
) -> bool:
    """Whether the dues of month ``month/year`` are waived by party age (cut-off day per ``rule.cutoff``);
    ``rule`` is the one in force that month (None: none)."""
    first = date(year, month, 1)
    if rule is None or first < date(rule.effective_from.year, rule.effective_from.month, 1):
        return False
    day = first if rule.cutoff is MonthCutoff.FIRST_DAY else add_months(first, 1) - timedelta(days=1)
    return party_age(decision_date, max(day, rule.effective_from), gaps).total_months >= 12 * rule.years
