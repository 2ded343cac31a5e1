"""Who counts in a cell vote, and whether a decision passed (documents.md §5.4; rules.md §2.2, §7).

Base (mẫu số) — Điều lệ art. 9.5 as detailed by QĐ 24 §9.3.2, carried over as QĐ 294 §9.3.2:
the official members of the cell, **excluding**
  * members on temporary transfer to another Party organisation;
  * exempted members (miễn công tác và sinh hoạt) who are absent — if present and voting they count;
  * suspended members (đình chỉ sinh hoạt);
  * members under prosecution, indictment or detention (bị khởi tố, truy tố, tạm giam), a mark the
    secretary sets on the attendance sheet;
  * official members absent for the whole meeting with a reason the convener approved.
Probationary members never vote (Điều lệ art. 3) and are never in the base or the tally.
Members attending temporarily from another organisation are not counted here either (rules.md §3.4).

Absences *without* an approved reason stay in the base (a quiz answer, documents.md §5.4, [S]); this
is the setting ``VoteSettings.count_ordinary_absences`` (default True).

Thresholds (dated data, ``resources/rules/vote_thresholds.json``):
  * RESOLUTION: more than half of the base (yes > base/2) — Điều lệ art. 9.5; QĐ 294 §9.3 [C].
  * ADMISSION, RECOGNITION: at least two thirds (3·yes ≥ 2·base) — HD 06-HD/TW §3.6.b [C]/[S].
  * REMOVAL (xóa tên of a probationer not recognised): two thirds, like recognition —
    rules.md §2.2 step 15 [C].
  * DISCIPLINE (khiển trách, cảnh cáo, cách chức): [?] not verified in QĐ 296 — a setting, default more
    than half.
  * EXPULSION (khai trừ): at least two thirds — QĐ 69-QĐ/TW (2022) Điều 15 as summarised by a secondary
    source (rules.md §7) [?]; a dated rule entry, not a constant.
The rules are passed in (``secretary_app.rules_data.vote_rules_on(meeting_day)``); there is no default.
Integer arithmetic only, so 2/3 of 20 is compared exactly (14 passes, 13.33… is never rounded).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from models.rules.status import Membership, MemberStatus

__all__ = [
    "SECRET_BALLOT_KINDS",
    "Attendance",
    "AttendanceBand",
    "AttendanceSummary",
    "BaseBreakdown",
    "DecisionKind",
    "Exclusion",
    "Threshold",
    "VoteCountError",
    "VoteResult",
    "VoteRules",
    "VoteSettings",
    "VoterFacts",
    "attendance_summary",
    "classify_voter",
    "compute_base",
    "passes",
    "tally",
    "threshold_for",
    "vote_base",
    "yes_needed",
]


class Attendance(enum.StrEnum):
    PRESENT = "present"  # có mặt
    ABSENT_WITH_REASON = "absent_with_reason"  # vắng có lý do (see VoterFacts.absence_approved)
    ABSENT_WITHOUT_REASON = "absent_without_reason"  # vắng không lý do


class DecisionKind(enum.StrEnum):
    RESOLUTION = "resolution"  # nghị quyết, kết luận, ordinary decisions
    ADMISSION = "admission"  # đề nghị kết nạp
    RECOGNITION = "recognition"  # đề nghị công nhận đảng viên chính thức
    DISCIPLINE = "discipline"  # kỷ luật (khiển trách, cảnh cáo, cách chức)
    REMOVAL = "removal"  # đề nghị xóa tên
    EXPULSION = "expulsion"  # kỷ luật khai trừ


class Threshold(enum.StrEnum):
    MORE_THAN_HALF = "more_than_half"  # quá 1/2: 2·yes > base
    AT_LEAST_TWO_THIRDS = "at_least_two_thirds"  # ít nhất 2/3: 3·yes ≥ 2·base


@dataclass(frozen=True, slots=True)
class VoteRules:
    """Thresholds per decision kind in force from ``effective_from`` (loaded from dated JSON)."""

    effective_from: date
    thresholds: Mapping[DecisionKind, Threshold]
    sources: Mapping[DecisionKind, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class VoteSettings:
    """Local choices the sources leave open."""

    #: Absences without an approved reason stay in the base ([S], documents.md §5.4). Default True.
    count_ordinary_absences: bool = True
    #: Discipline threshold [?] (QĐ 296 not verified). None = the dated rule data, whose default is
    #: more than half, like any resolution; set it to override locally.
    discipline_threshold: Threshold | None = None


def threshold_for(
    kind: DecisionKind, settings: VoteSettings = VoteSettings(), *, rules: VoteRules
) -> Threshold:
    """The threshold for ``kind``; a local setting may override discipline because its source is [?]."""
    if kind is DecisionKind.DISCIPLINE and settings.discipline_threshold is not None:
        return settings.discipline_threshold
    return rules.thresholds[kind]


#: Kinds the cell may decide by secret ballot instead of raising the card: admission, recognition and
#: removal (rules.md §7 [S]); discipline and expulsion too ([?] QĐ 296 not verified, so offered, never
#: imposed). A secret ballot has no names, so only its counts can be recorded.
SECRET_BALLOT_KINDS: frozenset[DecisionKind] = frozenset(
    {
        DecisionKind.ADMISSION,
        DecisionKind.RECOGNITION,
        DecisionKind.REMOVAL,
        DecisionKind.DISCIPLINE,
        DecisionKind.EXPULSION,
    }
)


def yes_needed(threshold: Threshold, base: int) -> int | None:
    """The fewest "yes" ballots that pass, by the same integer arithmetic as ``passes``; None when the
    base is 0 (nothing can pass)."""
    if base <= 0:
        return None
    if threshold is Threshold.MORE_THAN_HALF:
        return base // 2 + 1
    return -(-2 * base // 3)  # ceil(2·base/3) without floats


def passes(threshold: Threshold, yes: int, base: int) -> bool:
    """Exact integer comparison. A base of 0 never passes (nobody could approve)."""
    if base <= 0:
        return False
    if threshold is Threshold.MORE_THAN_HALF:
        return 2 * yes > base
    return 3 * yes >= 2 * base


# --- who counts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VoterFacts:
    """One member's facts for one meeting. Build it from ``status_on(events, meeting_day)`` + attendance."""

    membership: Membership
    attendance: Attendance
    absence_approved: bool = False  # the convener approved the reason (ABSENT_WITH_REASON only)
    exempt: bool = False
    temporarily_away: bool = False  # chuyển sinh hoạt tạm thời to another organisation
    temporarily_here: bool = False  # attending here temporarily, member of another organisation
    suspended: bool = False
    prosecuted_or_detained: bool = False  # bị khởi tố, truy tố, tạm giam (marked on the attendance sheet)

    @classmethod
    def from_status(
        cls,
        status: MemberStatus,
        attendance: Attendance,
        *,
        absence_approved: bool = False,
        prosecuted_or_detained: bool = False,
    ) -> VoterFacts:
        """Facts from ``status_on(events, meeting_day)`` plus the meeting's attendance record.

        A member who left the cell (or never was in it) is not an official member *of this cell*.
        """
        membership = status.membership if (status.in_cell or status.temporarily_here) else Membership.NONE
        return cls(
            membership=membership,
            attendance=attendance,
            absence_approved=absence_approved,
            exempt=status.exempt,
            temporarily_away=status.temporarily_away,
            temporarily_here=status.temporarily_here,
            suspended=status.suspended,
            prosecuted_or_detained=prosecuted_or_detained,
        )


class Exclusion(enum.StrEnum):
    """Why a member is not in the vote base, in the order the checks are made."""

    NOT_OFFICIAL = "not_official"  # probationary (never votes) or not a member
    TEMPORARILY_HERE = "temporarily_here"  # belongs to another organisation's count
    TEMPORARILY_AWAY = "temporarily_away"
    SUSPENDED = "suspended"
    PROSECUTED_OR_DETAINED = "prosecuted_or_detained"
    EXEMPT_ABSENT = "exempt_absent"
    APPROVED_ABSENCE = "approved_absence"
    ORDINARY_ABSENCE = "ordinary_absence"  # only when count_ordinary_absences is False


EXCLUSION_LABELS: dict[Exclusion, str] = {
    Exclusion.NOT_OFFICIAL: "không phải đảng viên chính thức",
    Exclusion.TEMPORARILY_HERE: "sinh hoạt tạm thời từ nơi khác",
    Exclusion.TEMPORARILY_AWAY: "chuyển sinh hoạt tạm thời đi",
    Exclusion.SUSPENDED: "đình chỉ sinh hoạt",
    Exclusion.PROSECUTED_OR_DETAINED: "bị khởi tố, truy tố, tạm giam",
    Exclusion.EXEMPT_ABSENT: "miễn sinh hoạt và vắng mặt",
    Exclusion.APPROVED_ABSENCE: "vắng cả buổi có lý do được chấp thuận",
    Exclusion.ORDINARY_ABSENCE: "vắng mặt",
}


def classify_voter(facts: VoterFacts, settings: VoteSettings = VoteSettings()) -> Exclusion | None:
    """None when the member is in the base; otherwise the first reason that excludes them."""
    if facts.membership is not Membership.OFFICIAL:
        return Exclusion.NOT_OFFICIAL
    if facts.temporarily_here:
        return Exclusion.TEMPORARILY_HERE
    if facts.temporarily_away:
        return Exclusion.TEMPORARILY_AWAY
    if facts.suspended:
        return Exclusion.SUSPENDED
    if facts.prosecuted_or_detained:
        return Exclusion.PROSECUTED_OR_DETAINED
    present = facts.attendance is Attendance.PRESENT
    if facts.exempt and not present:
        return Exclusion.EXEMPT_ABSENT
    if facts.attendance is Attendance.ABSENT_WITH_REASON and facts.absence_approved:
        return Exclusion.APPROVED_ABSENCE
    if not present and not settings.count_ordinary_absences:
        return Exclusion.ORDINARY_ABSENCE
    return None


@dataclass(frozen=True, slots=True)
class BaseBreakdown:
    official: int  # official members of this cell in the facts (not guests)
    excluded: Mapping[Exclusion, int]  # counts per reason, official members only
    base: int
    eligible_present: int  # in the base and present: the most ballots that can be cast

    def explanation(self) -> str:
        """The arithmetic of the base, e.g.

        "23 đảng viên chính thức − 2 chuyển sinh hoạt tạm thời đi − 1 miễn sinh hoạt và vắng mặt = 20".
        """
        parts = [f"{self.official} đảng viên chính thức"]
        for reason in Exclusion:
            n = self.excluded.get(reason, 0)
            if n and reason not in (Exclusion.NOT_OFFICIAL, Exclusion.TEMPORARILY_HERE):
                parts.append(f"{n} {EXCLUSION_LABELS[reason]}")
        return " − ".join(parts) + f" = {self.base}"


def compute_base(facts: Iterable[VoterFacts], settings: VoteSettings = VoteSettings()) -> BaseBreakdown:
    official = 0
    excluded: Counter[Exclusion] = Counter()
    base = present = 0
    for f in facts:
        reason = classify_voter(f, settings)
        is_own_official = f.membership is Membership.OFFICIAL and not f.temporarily_here
        if is_own_official:
            official += 1
        if reason is None:
            base += 1
            if f.attendance is Attendance.PRESENT:
                present += 1
        elif is_own_official:
            excluded[reason] += 1
    return BaseBreakdown(official, MappingProxyType(dict(excluded)), base, present)


def vote_base(facts: Iterable[VoterFacts], settings: VoteSettings = VoteSettings()) -> int:
    """Official members minus the excluded kinds (QĐ 294 §9.3.2). Never negative, never above official."""
    return compute_base(facts, settings).base


# --- tally --------------------------------------------------------------------------------------


class VoteCountError(ValueError):
    """The ballots do not fit the meeting (negative counts, or more votes than eligible voters present)."""


@dataclass(frozen=True, slots=True)
class VoteResult:
    kind: DecisionKind
    threshold: Threshold
    yes: int
    no: int
    abstain: int
    base: int
    passed: bool
    explanation: str  # Vietnamese, for the minutes and the UI


def _percent(yes: int, base: int) -> str:
    return f"{100 * yes / base:.1f}".replace(".", ",") + "%"


def tally(
    kind: DecisionKind,
    yes: int,
    no: int,
    abstain: int,
    base: int,
    *,
    eligible_present: int | None = None,
    settings: VoteSettings = VoteSettings(),
    rules: VoteRules,
) -> VoteResult:
    """Whether ``yes`` out of ``base`` passes ``kind``, with the arithmetic spelled out in Vietnamese.

    ``eligible_present`` (from ``BaseBreakdown``) caps the ballots; without it the base is the cap.
    Counts are of official members only — never add probationary members' hands.
    """
    if min(yes, no, abstain, base) < 0:
        raise VoteCountError("Số phiếu và tổng số biểu quyết không được âm.")
    cap = base if eligible_present is None else eligible_present
    if eligible_present is not None and eligible_present > base:
        raise VoteCountError(
            f"Số đảng viên có mặt có quyền biểu quyết ({eligible_present}) lớn hơn tổng số ({base})."
        )
    cast = yes + no + abstain
    if cast > cap:
        raise VoteCountError(
            f"Tổng số phiếu {cast} (tán thành {yes}, không tán thành {no}, ý kiến khác {abstain}) "
            f"vượt quá số đảng viên chính thức có mặt có quyền biểu quyết ({cap})."
        )
    threshold = threshold_for(kind, settings, rules=rules)
    ok = passes(threshold, yes, base)
    verdict = "thông qua" if ok else "không thông qua"
    if base == 0:
        text = "Không có đảng viên chính thức nào trong danh sách biểu quyết → không thông qua"
    elif threshold is Threshold.MORE_THAN_HALF:
        relation = "> 1/2" if ok else "không quá 1/2"
        text = f"{yes}/{base} tán thành ({_percent(yes, base)}) {relation} → {verdict}"
    else:
        relation = "≥ 2/3" if ok else "chưa đạt 2/3"
        text = f"{yes}/{base} tán thành ({_percent(yes, base)}) {relation} → {verdict}"
    return VoteResult(kind, threshold, yes, no, abstain, base, ok, text)


# --- attendance (warn, never block: documents.md §5.4, no central quorum found [?]) ---------------


@dataclass(frozen=True, slots=True)
class AttendanceBand:
    """``present/expected ≥ min_percent %`` selects the band; tried from the highest ``min_percent``."""

    min_percent: int
    code: str
    message: str  # "" = no warning


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    expected: int  # members of this cell expected to attend
    present: int
    rate_percent: float
    band: AttendanceBand

    @property
    def warning(self) -> str:
        return self.band.message


def attendance_summary(facts: Iterable[VoterFacts], bands: tuple[AttendanceBand, ...]) -> AttendanceSummary:
    """Attendance of this cell's members (official and probationary).

    Expected = members in this cell's list, minus those temporarily transferred elsewhere and exempt
    members who are absent (neither is expected; exempt members who come are counted present).
    Guests on temporary attendance are not counted. The basis is a local choice [?]; it only warns.
    """
    expected = present = 0
    for f in facts:
        if f.membership not in (Membership.OFFICIAL, Membership.PROBATIONARY) or f.temporarily_here:
            continue
        if f.temporarily_away:
            continue
        is_present = f.attendance is Attendance.PRESENT
        if f.exempt and not is_present:
            continue
        expected += 1
        present += is_present
    rate = 100.0 * present / expected if expected else 0.0
    ordered = sorted(bands, key=lambda b: b.min_percent, reverse=True)
    # Integer comparison, so 27/30 is exactly 90% and lands in the top band.
    band = next((b for b in ordered if 100 * present >= b.min_percent * expected), ordered[-1])
    return AttendanceSummary(expected, present, rate, band)
