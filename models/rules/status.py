"""Member status derived from dated events (rules.md §3.2–3.4; glossary "Members").

The cell never stores "the status" of a member: it stores what happened and when (admission decision,
recognition, transfers, exemption, discipline, death, removal …). ``status_on(events, day)`` replays the
events up to and including ``day`` and returns the status on that day, so any past month can be
re-derived for the minutes, the dues ledger and the head-count reconciliation.

Decisions encoded here (each is a choice the sources leave open; all are documented so they can be
revisited):

* ADMISSION ``day`` is the date of the admission **decision** (it starts party age, Charter art. 5.4);
  the ceremony date is the separate ``ceremony`` field and starts the 12-month probation (Charter art. 5.1).
* RECOGNITION ``day`` is the date official membership **takes effect**, i.e. the end of the 12 months of
  probation even when the cell or the committee met late (rules.md §2.2 step 14); the decision's own date
  may be kept in ``decided_on``.
* Location: a member is in this cell's list unless the first location event in their history is a
  transfer **in**, official or temporary (then they were elsewhere before it: a member, but ``in_cell`` False and labelled
  "Không sinh hoạt tại chi bộ"). An official transfer out ends the membership of
  *this cell* (``Membership.LEFT`` with ``LeftReason.TRANSFERRED_OUT``); a later official transfer in
  restores it.
* A temporary transfer out (chuyển sinh hoạt tạm thời đi) keeps the member in this cell's list and
  head-count, flagged ``temporarily_away``. A temporary transfer in (sinh hoạt tạm thời) lets a member
  of another organisation attend here, flagged ``temporarily_here``; they are **not** counted in this
  cell's head-count (rules.md §3.4).
* Time-limited flags (exemption, temporary transfer, suspension) are active on ``day`` when
  ``start <= day < end``; ``end`` is the first day back to normal. An explicit EXEMPTION_END or
  TEMPORARY_TRANSFER_END event closes an open-ended period the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from models.rules.dates import add_months, format_vn

__all__ = [
    "SAME_DAY_ORDER",
    "DisciplineForm",
    "EventKind",
    "EventProblem",
    "LeftReason",
    "MemberEvent",
    "MemberStatus",
    "Membership",
    "ProblemCode",
    "order_events",
    "status_label",
    "status_labels",
    "status_on",
    "validate_events",
]


class EventKind(enum.StrEnum):
    """What happened to a member. Values are stable identifiers for storage and sync."""

    ADMISSION = "admission"  # kết nạp (decision date); ceremony date in MemberEvent.ceremony
    READMISSION = "readmission"  # kết nạp lại
    RECOGNITION = "recognition"  # công nhận đảng viên chính thức (effective date)
    TRANSFER_IN_OFFICIAL = "transfer_in_official"  # chuyển sinh hoạt đảng chính thức đến
    TRANSFER_OUT_OFFICIAL = "transfer_out_official"  # chuyển sinh hoạt đảng chính thức đi
    TRANSFER_IN_TEMPORARY = "transfer_in_temporary"  # sinh hoạt tạm thời (đến), optional end
    TRANSFER_OUT_TEMPORARY = "transfer_out_temporary"  # chuyển sinh hoạt tạm thời đi, optional end
    TEMPORARY_TRANSFER_END = "temporary_transfer_end"  # trở về / kết thúc sinh hoạt tạm thời
    EXEMPTION = "exemption"  # miễn công tác và sinh hoạt đảng, optional end, reason
    EXEMPTION_END = "exemption_end"  # trở lại công tác và sinh hoạt đảng
    DISCIPLINE = "discipline"  # kỷ luật: khiển trách / cảnh cáo / cách chức; or đình chỉ sinh hoạt
    DEATH = "death"  # từ trần
    REMOVAL = "removal"  # xóa tên
    EXPULSION = "expulsion"  # khai trừ
    RESIGNATION = "resignation"  # xin ra khỏi Đảng


class DisciplineForm(enum.StrEnum):
    """Forms a member may receive (QĐ 296-QĐ/TW; rules.md §3.2). Khai trừ is its own event (EXPULSION)."""

    REPRIMAND = "khien_trach"  # khiển trách
    WARNING = "canh_cao"  # cảnh cáo
    DISMISSAL = "cach_chuc"  # cách chức (only for a member holding a post)
    SUSPENSION = "dinh_chi_sinh_hoat"  # đình chỉ sinh hoạt đảng, for a period (MemberEvent.end)


DISCIPLINE_LABELS: dict[DisciplineForm, str] = {
    DisciplineForm.REPRIMAND: "Khiển trách",
    DisciplineForm.WARNING: "Cảnh cáo",
    DisciplineForm.DISMISSAL: "Cách chức",
    DisciplineForm.SUSPENSION: "Đình chỉ sinh hoạt đảng",
}


class Membership(enum.StrEnum):
    NONE = "none"  # not (yet) a member of the Party in this record
    PROBATIONARY = "probationary"  # đảng viên dự bị
    OFFICIAL = "official"  # đảng viên chính thức
    LEFT = "left"  # no longer in this cell's list; see LeftReason


class LeftReason(enum.StrEnum):
    TRANSFERRED_OUT = "transferred_out"  # đã chuyển sinh hoạt chính thức đi
    DIED = "died"  # từ trần
    REMOVED = "removed"  # xóa tên
    EXPELLED = "expelled"  # khai trừ
    RESIGNED = "resigned"  # xin ra khỏi Đảng


@dataclass(frozen=True, slots=True)
class MemberEvent:
    """One dated fact about a member.

    ``end`` is used by TRANSFER_*_TEMPORARY, EXEMPTION and DISCIPLINE(SUSPENSION): the first day the
    period no longer applies (None = open-ended until an *_END event).
    """

    kind: EventKind
    day: date
    end: date | None = None
    ceremony: date | None = None  # ADMISSION / READMISSION: date of the lễ kết nạp
    decided_on: date | None = None  # RECOGNITION: date of the decision, if different from ``day``
    discipline: DisciplineForm | None = None  # DISCIPLINE only
    reason: str = ""
    note: str = ""


#: Stable order of events that share a date. Arrivals and starts come before departures and ends of
#: life in the Party, so "admitted and transferred out the same day" keeps both facts, and a terminal
#: event (death, removal, expulsion, resignation) is always the last word on its day. Ends of periods
#: come before new starts so "exemption ended, new exemption began" on one day leaves the new one on.
SAME_DAY_ORDER: tuple[EventKind, ...] = (
    EventKind.ADMISSION,
    EventKind.READMISSION,
    EventKind.RECOGNITION,
    EventKind.TRANSFER_IN_OFFICIAL,
    EventKind.TEMPORARY_TRANSFER_END,
    EventKind.EXEMPTION_END,
    EventKind.TRANSFER_IN_TEMPORARY,
    EventKind.EXEMPTION,
    EventKind.DISCIPLINE,
    EventKind.TRANSFER_OUT_TEMPORARY,
    EventKind.TRANSFER_OUT_OFFICIAL,
    EventKind.RESIGNATION,
    EventKind.REMOVAL,
    EventKind.EXPULSION,
    EventKind.DEATH,
)
_RANK = {kind: i for i, kind in enumerate(SAME_DAY_ORDER)}

_TERMINAL: dict[EventKind, LeftReason] = {
    EventKind.DEATH: LeftReason.DIED,
    EventKind.REMOVAL: LeftReason.REMOVED,
    EventKind.EXPULSION: LeftReason.EXPELLED,
    EventKind.RESIGNATION: LeftReason.RESIGNED,
}


def order_events(events: Iterable[MemberEvent]) -> list[MemberEvent]:
    """Events sorted by date, then by ``SAME_DAY_ORDER``; ties keep their input order (stable sort)."""
    return sorted(events, key=lambda e: (e.day, _RANK[e.kind]))


@dataclass(frozen=True, slots=True)
class MemberStatus:
    membership: Membership
    left_reason: LeftReason | None = None
    exempt: bool = False  # miễn công tác và sinh hoạt đảng
    temporarily_away: bool = False  # chuyển sinh hoạt tạm thời đi (still in this cell's list)
    temporarily_here: bool = False  # sinh hoạt tạm thời tại chi bộ (member of another organisation)
    suspended: bool = False  # đình chỉ sinh hoạt đảng
    in_cell: bool = False  # counted in this cell's head-count on that day

    @property
    def is_member(self) -> bool:
        """Probationary or official member of the Party, wherever they attend."""
        return self.membership in (Membership.PROBATIONARY, Membership.OFFICIAL)


def _active(since: date | None, until: date | None, day: date) -> bool:
    return since is not None and since <= day and (until is None or day < until)


_LOCATION_KINDS = (
    EventKind.TRANSFER_IN_OFFICIAL,
    EventKind.TRANSFER_OUT_OFFICIAL,
    EventKind.TRANSFER_IN_TEMPORARY,
)


def status_on(events: Iterable[MemberEvent], day: date) -> MemberStatus:
    """The member's status on ``day``, from every event dated on or before it.

    Pure and total: inconsistent histories still give an answer (the last event wins); use
    ``validate_events`` to show the secretary what is wrong.
    """
    ordered = order_events(events)
    location_events = [e for e in ordered if e.kind in _LOCATION_KINDS]
    here = not (location_events and location_events[0].kind is not EventKind.TRANSFER_OUT_OFFICIAL)
    been_here = here  # False until the first transfer in, for members whose history began elsewhere

    kind = Membership.NONE  # party-level kind, kept across transfers
    left: LeftReason | None = None  # terminal exit from the Party
    exempt: tuple[date | None, date | None] = (None, None)
    away: tuple[date | None, date | None] = (None, None)
    guest: tuple[date | None, date | None] = (None, None)
    suspended: tuple[date | None, date | None] = (None, None)

    for event in ordered:
        if event.day > day:
            break
        k = event.kind
        if k in (EventKind.ADMISSION, EventKind.READMISSION):
            kind, left = Membership.PROBATIONARY, None
            if k is EventKind.READMISSION:
                here = been_here = True
        elif k is EventKind.RECOGNITION:
            kind = Membership.OFFICIAL
        elif k is EventKind.TRANSFER_IN_OFFICIAL:
            here = been_here = True
            guest = (None, None)
        elif k is EventKind.TRANSFER_OUT_OFFICIAL:
            here = False
            exempt = away = suspended = (None, None)
        elif k is EventKind.TRANSFER_OUT_TEMPORARY:
            away = (event.day, event.end)
        elif k is EventKind.TRANSFER_IN_TEMPORARY:
            guest = (event.day, event.end)
        elif k is EventKind.TEMPORARY_TRANSFER_END:
            away = guest = (None, None)
        elif k is EventKind.EXEMPTION:
            exempt = (event.day, event.end)
        elif k is EventKind.EXEMPTION_END:
            exempt = (None, None)
        elif k is EventKind.DISCIPLINE:
            if event.discipline is DisciplineForm.SUSPENSION:
                suspended = (event.day, event.end)
        elif k in _TERMINAL:
            left = _TERMINAL[k]
            exempt = away = guest = suspended = (None, None)

    if left is not None:
        return MemberStatus(Membership.LEFT, left)
    if kind is Membership.NONE:
        return MemberStatus(Membership.NONE)
    if not here and been_here and not _active(*guest, day):
        return MemberStatus(Membership.LEFT, LeftReason.TRANSFERRED_OUT)
    is_guest = not here and _active(*guest, day)
    return MemberStatus(
        membership=kind,
        exempt=here and _active(*exempt, day),
        temporarily_away=here and _active(*away, day),
        temporarily_here=is_guest,
        suspended=_active(*suspended, day),
        in_cell=here,
    )


# --- labels (glossary.md "Members"; exact Party terms) ---------------------------------------------

_MEMBERSHIP_LABELS: dict[Membership, str] = {
    Membership.NONE: "Chưa vào Đảng",
    Membership.PROBATIONARY: "Dự bị",
    Membership.OFFICIAL: "Chính thức",
}
_LEFT_LABELS: dict[LeftReason, str] = {
    LeftReason.TRANSFERRED_OUT: "Đã chuyển đi",
    LeftReason.DIED: "Từ trần",
    LeftReason.REMOVED: "Xóa tên",
    LeftReason.EXPELLED: "Khai trừ",
    LeftReason.RESIGNED: "Xin ra khỏi Đảng",
}
EXEMPT_LABEL = "Miễn công tác và sinh hoạt đảng"
EXEMPT_SHORT_LABEL = "Miễn sinh hoạt"
AWAY_LABEL = "Chuyển sinh hoạt tạm thời"
GUEST_LABEL = "Sinh hoạt tạm thời"
SUSPENDED_LABEL = "Đình chỉ sinh hoạt"
NOT_ARRIVED_LABEL = "Không sinh hoạt tại chi bộ"


def status_labels(status: MemberStatus, *, short: bool = False) -> tuple[str, ...]:
    """Vietnamese labels for the UI: the membership first, then any active flags, in a fixed order."""
    if status.membership is Membership.LEFT:
        assert status.left_reason is not None
        return (_LEFT_LABELS[status.left_reason],)
    labels = [_MEMBERSHIP_LABELS[status.membership]]
    if status.exempt:
        labels.append(EXEMPT_SHORT_LABEL if short else EXEMPT_LABEL)
    if status.temporarily_away:
        labels.append(AWAY_LABEL)
    if status.temporarily_here:
        labels.append(GUEST_LABEL)
    if status.suspended:
        labels.append(SUSPENDED_LABEL)
    if not status.in_cell and not status.temporarily_here:
        labels.append(NOT_ARRIVED_LABEL)
    return tuple(labels)


def status_label(status: MemberStatus, *, short: bool = False) -> str:
    """One line, e.g. "Chính thức", "Dự bị · Chuyển sinh hoạt tạm thời", "Từ trần"."""
    return " · ".join(status_labels(status, short=short))


# --- validation -------------------------------------------------------------------------------------


class ProblemCode(enum.StrEnum):
    RECOGNITION_WITHOUT_ADMISSION = "recognition_without_admission"
    RECOGNITION_BEFORE_PROBATION_END = "recognition_before_probation_end"
    RECOGNITION_TWICE = "recognition_twice"
    CEREMONY_BEFORE_DECISION = "ceremony_before_decision"
    ADMISSION_WHILE_MEMBER = "admission_while_member"
    READMISSION_WITHOUT_EXIT = "readmission_without_exit"
    EVENT_AFTER_DEATH = "event_after_death"
    EVENT_AFTER_EXIT = "event_after_exit"
    EVENT_BEFORE_ADMISSION = "event_before_admission"
    END_NOT_AFTER_START = "end_not_after_start"
    END_WITHOUT_START = "end_without_start"
    DISCIPLINE_WITHOUT_FORM = "discipline_without_form"
    PROBATIONARY_DISMISSAL = "probationary_dismissal"
    TRANSFER_OUT_WHILE_AWAY = "transfer_out_while_away"


@dataclass(frozen=True, slots=True)
class EventProblem:
    code: ProblemCode
    message: str  # Vietnamese, ready to show
    event: MemberEvent


_PERIOD_KINDS = (EventKind.TRANSFER_IN_TEMPORARY, EventKind.TRANSFER_OUT_TEMPORARY, EventKind.EXEMPTION)
_PROBATION_MONTHS = 12  # Charter art. 5.1; the admission timeline reads it from data (admission.py)


def validate_events(
    events: Sequence[MemberEvent], *, probation_months: int = _PROBATION_MONTHS
) -> tuple[EventProblem, ...]:
    """Problems in a member's history, in date order, as Vietnamese sentences for the secretary."""
    problems: list[EventProblem] = []

    def add(code: ProblemCode, event: MemberEvent, message: str) -> None:
        problems.append(EventProblem(code, message, event))

    kind = Membership.NONE
    exited: LeftReason | None = None
    died_on: date | None = None
    probation_from: date | None = None
    open_exemption = open_temporary = False
    here = True
    for event in order_events(events):
        d = format_vn(event.day)
        k = event.kind
        if died_on is not None:
            add(ProblemCode.EVENT_AFTER_DEATH, event, f"Có sự kiện ngày {d} sau khi đảng viên đã từ trần.")
            continue
        if exited is not None and k not in (EventKind.READMISSION, *_TERMINAL):
            add(ProblemCode.EVENT_AFTER_EXIT, event, f"Có sự kiện ngày {d} sau khi đã ra khỏi Đảng.")
        if event.end is not None and event.end <= event.day:
            add(
                ProblemCode.END_NOT_AFTER_START,
                event,
                f"Ngày kết thúc {format_vn(event.end)} không sau ngày bắt đầu {d}.",
            )
        if k is EventKind.ADMISSION:
            if kind is not Membership.NONE and exited is None:
                add(ProblemCode.ADMISSION_WHILE_MEMBER, event, f"Kết nạp ngày {d} khi đang là đảng viên.")
            if event.ceremony is not None and event.ceremony < event.day:
                add(
                    ProblemCode.CEREMONY_BEFORE_DECISION,
                    event,
                    f"Lễ kết nạp ngày {format_vn(event.ceremony)} trước ngày quyết định kết nạp {d}.",
                )
            kind, exited = Membership.PROBATIONARY, None
            probation_from = event.ceremony or event.day
        elif k is EventKind.READMISSION:
            if exited is None:
                add(
                    ProblemCode.READMISSION_WITHOUT_EXIT,
                    event,
                    f"Kết nạp lại ngày {d} nhưng chưa có sự kiện ra khỏi Đảng (xóa tên, khai trừ, xin ra).",
                )
            kind, exited, here = Membership.PROBATIONARY, None, True
            probation_from = event.ceremony or event.day
        elif k is EventKind.RECOGNITION:
            if kind is Membership.NONE or probation_from is None:
                add(
                    ProblemCode.RECOGNITION_WITHOUT_ADMISSION,
                    event,
                    f"Công nhận chính thức ngày {d} nhưng chưa có quyết định kết nạp trước đó.",
                )
            elif kind is Membership.OFFICIAL:
                add(ProblemCode.RECOGNITION_TWICE, event, f"Công nhận chính thức lần nữa ngày {d}.")
            else:
                probation_end = add_months(probation_from, probation_months)
                if event.day < probation_end:
                    add(
                        ProblemCode.RECOGNITION_BEFORE_PROBATION_END,
                        event,
                        f"Công nhận chính thức ngày {d} trước khi hết {probation_months} tháng dự bị "
                        f"({format_vn(probation_end)}).",
                    )
            kind = Membership.OFFICIAL
        elif k in _TERMINAL:
            if kind is Membership.NONE:
                add(ProblemCode.EVENT_BEFORE_ADMISSION, event, f"Sự kiện ngày {d} trước khi kết nạp.")
            exited = _TERMINAL[k]
            if k is EventKind.DEATH:
                died_on = event.day
        else:
            if kind is Membership.NONE and k is not EventKind.TRANSFER_IN_TEMPORARY:
                add(ProblemCode.EVENT_BEFORE_ADMISSION, event, f"Sự kiện ngày {d} trước khi kết nạp.")
            if k is EventKind.EXEMPTION:
                open_exemption = event.end is None
            elif k is EventKind.EXEMPTION_END:
                if not open_exemption:
                    add(
                        ProblemCode.END_WITHOUT_START,
                        event,
                        f"Trở lại sinh hoạt ngày {d} nhưng không có quyết định miễn sinh hoạt đang hiệu lực.",
                    )
                open_exemption = False
            elif k in (EventKind.TRANSFER_IN_TEMPORARY, EventKind.TRANSFER_OUT_TEMPORARY):
                open_temporary = event.end is None
            elif k is EventKind.TEMPORARY_TRANSFER_END:
                if not open_temporary:
                    add(
                        ProblemCode.END_WITHOUT_START,
                        event,
                        f"Kết thúc sinh hoạt tạm thời ngày {d} nhưng không có đợt sinh hoạt tạm thời "
                        "đang mở.",
                    )
                open_temporary = False
            elif k is EventKind.DISCIPLINE:
                if event.discipline is None:
                    add(ProblemCode.DISCIPLINE_WITHOUT_FORM, event, f"Kỷ luật ngày {d} chưa ghi hình thức.")
                elif event.discipline is DisciplineForm.DISMISSAL and kind is Membership.PROBATIONARY:
                    # [S] rules.md §2.2: a probationary member may only be reprimanded or warned.
                    add(
                        ProblemCode.PROBATIONARY_DISMISSAL,
                        event,
                        f"Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo (ngày {d}).",
                    )
            elif k is EventKind.TRANSFER_OUT_OFFICIAL:
                if not here:
                    add(
                        ProblemCode.TRANSFER_OUT_WHILE_AWAY,
                        event,
                        f"Chuyển sinh hoạt chính thức đi ngày {d} khi đảng viên không còn ở chi bộ.",
                    )
                here = False
            elif k is EventKind.TRANSFER_IN_OFFICIAL:
                here = True
    return tuple(problems)
