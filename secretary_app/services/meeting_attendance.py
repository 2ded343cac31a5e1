"""The one attendance model of a meeting: the roll on the meeting day, the marks, guests, chair and
recorder, the counts and the vote base. The Điểm danh step, the vote base (``services.votes``), the meeting
list and overview, the minutes, the extract and the resolution all read this sheet; nothing else counts
attendance (documents.md §3 item 4, §5.4; rules.md §7 "Attendance roll of a meeting").

- The roll is the cell's members on the meeting day (``status_on`` over ``roster.rule_events``: the status
  from the dated events), plus members of another organisation attending here temporarily. A member temporarily
  transferred away or suspended that day is not on the roll: listed apart, never present or absent here
  (they may be recorded as a guest). Removed, deceased or transferred members are not on it at all.
- A member without an attendance mark is *not* present ("chưa điểm danh"); an exempt member is present
  only when marked present, and is never listed as absent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.base import new_id
from models.meetings import Attendance, Guest, Meeting
from models.members import Member
from models.rules.status import MemberEvent as RuleEvent
from models.rules.status import Membership, MemberStatus, status_on
from models.rules.votes import Attendance as Presence
from models.rules.votes import (
    AttendanceSummary,
    BaseBreakdown,
    VoterFacts,
    VoteSettings,
    attendance_summary,
    classify_voter,
    compute_base,
)
from models.text import name_sort_key
from secretary_app import rules_data
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.documents.records import Absence, AttendanceCounts, GuestEntry
from secretary_app.errors import ValidationFailed
from secretary_app.services.meeting_cycle import editable_meeting, load_meeting
from secretary_app.services.roster import rule_events
from secretary_app.store import Store

#: The marks of the roll. "prosecuted" (bị khởi tố, truy tố, tạm giam) takes the member out of the vote base
#: (QĐ 294 §9.3.2); on the roll it is an absence with that reason.
PROSECUTED = "prosecuted"
PROSECUTED_LABEL = "bị khởi tố, truy tố, tạm giam"
STATUS_LABELS = {"present": "Có mặt", "absent_reason": "Vắng có lý do", "absent": "Vắng không lý do",
                 PROSECUTED: PROSECUTED_LABEL}
NOT_MARKED = ""  # no attendance row: not present
NOT_MARKED_LABEL = "Chưa điểm danh"
#: An exempt member without a mark: not expected, so neither absent nor "not marked" (``count``).
EXEMPT_NOT_MARKED_LABEL = "Miễn sinh hoạt"
_PRESENCE = {"present": Presence.PRESENT, "absent_reason": Presence.ABSENT_WITH_REASON,
             "absent": Presence.ABSENT_WITHOUT_REASON, PROSECUTED: Presence.ABSENT_WITH_REASON,
             NOT_MARKED: Presence.ABSENT_WITHOUT_REASON}

__all__ = ["STATUS_LABELS", "AttendanceCounts", "AttendanceSheet", "AttendeeRow", "GuestRow", "attendance_sheet",
           "confirm_roll", "counts_in", "set_attendance", "sheet_in", "sheets_in"]


@dataclass(frozen=True)
class AttendeeRow:
    member_id: uuid.UUID
    full_name: str
    membership: str  # "official" / "probationary"
    exempt: bool
    temporarily_away: bool
    temporarily_here: bool
    suspended: bool
    status: str  # present / absent_reason / absent / prosecuted / "" (not marked)
    reason: str
    approved: bool

    @property
    def on_roll(self) -> bool:
        """Marked at this meeting: not transferred away for a while, not suspended."""
        return not (self.temporarily_away or self.suspended)

    @property
    def present(self) -> bool:
        return self.status == "present"

    @property
    def kind_label(self) -> str:
        label = "Chính thức" if self.membership == "official" else "Dự bị"
        flags = [t for on, t in ((self.exempt, "miễn sinh hoạt"), (self.temporarily_away, "chuyển sinh hoạt tạm thời đi"),
                                 (self.temporarily_here, "sinh hoạt tạm thời"), (self.suspended, "đình chỉ"))
                 if on]
        return label + (f" ({', '.join(flags)})" if flags else "")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, EXEMPT_NOT_MARKED_LABEL if self.exempt else NOT_MARKED_LABEL)

    @property
    def apart_reason(self) -> str:
        """Why a member of the cell is not on the roll, for the line under the Điểm danh table."""
        return "đình chỉ sinh hoạt" if self.suspended else "chuyển sinh hoạt tạm thời đi"


@dataclass(frozen=True)
class GuestRow:
    id: uuid.UUID
    name: str
    position: str


@dataclass(frozen=True)
class AttendanceSheet:
    meeting_id: uuid.UUID
    day: dt.date
    rows: tuple[AttendeeRow, ...]  # the roll: marked at this meeting, in Vietnamese name order
    guests: tuple[GuestRow, ...]
    counts: AttendanceCounts
    base: BaseBreakdown
    summary: AttendanceSummary
    chair_id: uuid.UUID | None
    recorder_id: uuid.UUID | None
    read_only: bool
    apart: tuple[AttendeeRow, ...] = ()  # members of the cell not on the roll that day (away, suspended)

    @property
    def warning(self) -> str:
        return self.summary.warning

    @property
    def voters(self) -> tuple[AttendeeRow, ...]:
        """Who may vote at this meeting: present and in the vote base (official members of this cell), in the
        roll's order — the list of a named vote."""
        return tuple(r for r in self.rows if r.present and classify_voter(_facts(r)) is None)

    @property
    def probationary_present(self) -> int:
        """Probationary members of this cell present: they attend but never vote (Điều lệ art. 3)."""
        return self.counts.present_probationary

    def row(self, member_id: uuid.UUID | None) -> AttendeeRow | None:
        """The member's row, on the roll or apart; None for someone outside the cell's list that day."""
        return next((r for r in (*self.rows, *self.apart) if r.member_id == member_id), None)


_Roster = list[tuple[Member, list[RuleEvent]]]


def _members(session: Session, cell_id: uuid.UUID) -> _Roster:
    """The cell's members in Vietnamese name order, with their events as the rules see them (converted and
    sorted once, for several meeting days)."""
    members = session.scalars(select(Member).where(Member.cell_id == cell_id, Member.deleted.is_(False))
                              .options(selectinload(Member.events)))
    return [(member, rule_events(member)) for member in sorted(members, key=lambda m: name_sort_key(m.full_name))]


def _listed(members: _Roster, day: dt.date) -> list[tuple[Member, MemberStatus]]:
    """Members of the Party in the cell's list that day, or attending here temporarily, in name order."""
    result = []
    for member, events in members:
        status = status_on(events, day)
        if status.membership in (Membership.OFFICIAL, Membership.PROBATIONARY) and \
                (status.in_cell or status.temporarily_here):
            result.append((member, status))
    return result


def _facts(row: AttendeeRow) -> VoterFacts:
    return VoterFacts(membership=Membership(row.membership), attendance=_PRESENCE[row.status],
                      absence_approved=row.approved, exempt=row.exempt, temporarily_away=row.temporarily_away,
                      temporarily_here=row.temporarily_here, suspended=row.suspended,
                      prosecuted_or_detained=row.status == PROSECUTED)


def vote_settings(store: Store) -> VoteSettings:
    """The secretary's choice (Settings page) whether absences without an approved reason stay in the vote
    base; read on every sheet so a change applies to the next vote without restarting. (Imported here: the
    head-count of a document, ``counts_in``, does not read the settings.)"""
    from secretary_app.settings import load_settings

    return VoteSettings(count_ordinary_absences=load_settings(store.paths.settings_file)
                        .count_ordinary_absences_in_vote_base)


def count(rows: Sequence[AttendeeRow], apart: Sequence[AttendeeRow] = (),
          guests: Sequence[GuestRow] = ()) -> AttendanceCounts:
    """The head-count the minutes print, from the roll and the members listed apart."""
    own = [r for r in rows if not r.temporarily_here]
    here = [r for r in rows if r.temporarily_here]
    present = [r for r in own if r.present]
    expected = [r for r in own if not r.exempt]  # an exempt member who did not come is not "absent"
    everyone = own + list(apart)
    return AttendanceCounts(
        total=len(everyone), official=sum(r.membership == "official" for r in everyone),
        probationary=sum(r.membership == "probationary" for r in everyone),
        exempt=sum(r.exempt for r in own), transferred_out=sum(r.temporarily_away and not r.suspended for r in apart),
        suspended=sum(r.suspended for r in apart), temporarily_here=len(here),
        present_official=sum(r.membership == "official" for r in present),
        present_probationary=sum(r.membership == "probationary" for r in present),
        present_temporary=sum(r.present for r in here),
        absent_with_reason=tuple(Absence(r.full_name, PROSECUTED_LABEL if r.status == PROSECUTED else r.reason)
                                 for r in expected if r.status in ("absent_reason", PROSECUTED)),
        absent_without_reason=tuple(r.full_name for r in expected if r.status == "absent"),
        exempt_present=sum(r.exempt and r.present for r in own),
        not_marked=tuple(r.full_name for r in expected if r.status == NOT_MARKED),
        guests=tuple(GuestEntry(g.name, g.position) for g in guests),
    )


def _sheet(session: Session, meeting: Meeting, settings: VoteSettings,
           members: _Roster | None = None) -> AttendanceSheet:
    day = meeting.planned_at.date()
    marks = {member_id: (status, reason, approved) for member_id, status, reason, approved in session.execute(
        select(Attendance.member_id, Attendance.status, Attendance.reason, Attendance.approved).where(
            Attendance.meeting_id == meeting.id, Attendance.deleted.is_(False)))}
    rows: list[AttendeeRow] = []
    apart: list[AttendeeRow] = []
    for member, status in _listed(_members(session, meeting.cell_id) if members is None else members, day):
        mark = marks.get(member.id)
        row = AttendeeRow(member.id, member.full_name, status.membership.value, status.exempt,
                          status.temporarily_away, status.temporarily_here, status.suspended,
                          *(mark or (NOT_MARKED, "", False)))
        (rows if row.on_roll else apart).append(row)
    guests = tuple(GuestRow(g.id, g.name, g.position) for g in session.scalars(
        select(Guest).where(Guest.meeting_id == meeting.id, Guest.deleted.is_(False)).order_by(Guest.updated_at)))
    # Members listed apart are absent from this meeting whatever a stale mark says: excluded from the base.
    apart = [AttendeeRow(r.member_id, r.full_name, r.membership, r.exempt, r.temporarily_away, r.temporarily_here,
                         r.suspended, NOT_MARKED, "", False) for r in apart]
    return AttendanceSheet(meeting.id, day, tuple(rows), guests, count(rows, apart, guests),
                           compute_base([_facts(r) for r in (*rows, *apart)], settings),
                           attendance_summary((_facts(r) for r in rows), rules_data.attendance_bands_on(day)),
                           meeting.chair_id, meeting.recorder_id,
                           meeting.state == "final", tuple(apart))


def attendance_sheet(store: Store, meeting_id: uuid.UUID) -> AttendanceSheet:
    with store.transaction() as session:
        return sheet_in(session, store, load_meeting(session, store, meeting_id))


def sheet_in(session: Session, store: Store, meeting: Meeting) -> AttendanceSheet:
    """For other services that already hold a session."""
    return _sheet(session, meeting, vote_settings(store))


def counts_in(session: Session, meeting: Meeting) -> AttendanceCounts:
    """The head-count alone (documents: the minutes, the extract, the resolution), from the same sheet."""
    return _sheet(session, meeting, VoteSettings()).counts


def sheets_in(session: Session, store: Store, meetings: Sequence[Meeting]) -> dict[uuid.UUID, AttendanceSheet]:
    """The sheets of several meetings, reading the roster once (the meeting list, the overview)."""
    if not meetings:
        return {}
    members, settings = _members(session, store.cell_id), vote_settings(store)
    return {m.id: _sheet(session, m, settings, members) for m in meetings}


def _not_on_roll_message(row: AttendeeRow | None) -> str:
    if row is None:
        return "Người này không có trong danh sách đảng viên của chi bộ vào ngày họp."
    return (f"Đồng chí {row.full_name} {row.apart_reason} vào ngày họp nên không điểm danh ở chi bộ; "
            "nếu đồng chí đến dự, hãy ghi là đại biểu dự.")


def set_attendance(store: Store, meeting_id: uuid.UUID, member_id: uuid.UUID, status: str,
                   reason: str = "", approved: bool = False) -> OpResult[AttendanceSheet]:
    """Mark one member ("" takes the mark away: not marked). The row id is uuid5(meeting, member), so two
    PCs never make two rows."""
    if status not in STATUS_LABELS and status != NOT_MARKED:
        raise ValidationFailed("Trạng thái điểm danh không hợp lệ.", field="status")
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        before = sheet_in(session, store, meeting)
        if member_id not in {r.member_id for r in before.rows}:
            raise ValidationFailed(_not_on_roll_message(before.row(member_id)))
        row_id = uuid.uuid5(meeting.id, str(member_id))
        mark = session.get(Attendance, row_id)
        if mark is None:
            mark = Attendance(id=row_id, cell_id=meeting.cell_id, meeting_id=meeting.id, member_id=member_id)
            session.add(mark)
        mark.status = status or "absent"
        mark.reason = reason.strip() if status == "absent_reason" else ""
        mark.approved = approved if status == "absent_reason" else False
        mark.deleted = status == NOT_MARKED
        session.flush()
        # Chair and recorder must be present: clear them if they were just marked otherwise.
        if status != "present":
            if meeting.chair_id == member_id:
                meeting.chair_id = None
            if meeting.recorder_id == member_id:
                meeting.recorder_id = None
        sheet = sheet_in(session, store, meeting)
    return OpResult(sheet, Changes(Change.MEETING | Change.ATTENDANCE))


def confirm_roll(store: Store, meeting_id: uuid.UUID) -> OpResult[None]:
    """Mark present everyone on the roll not yet marked, except exempt members (present only when they
    came: mark them one by one). The secretary's "the others are present" after noting the absences."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        for row in sheet_in(session, store, meeting).rows:
            if row.status != NOT_MARKED or row.exempt:
                continue
            row_id = uuid.uuid5(meeting.id, str(row.member_id))
            mark = session.get(Attendance, row_id)
            if mark is None:
                session.add(Attendance(id=row_id, cell_id=meeting.cell_id, meeting_id=meeting.id,
                                       member_id=row.member_id, status="present"))
            else:  # a mark taken away earlier
                mark.status, mark.reason, mark.approved, mark.deleted = "present", "", False, False
    return OpResult(None, Changes(Change.MEETING | Change.ATTENDANCE))


def add_guest(store: Store, meeting_id: uuid.UUID, name: str, position: str = "") -> OpResult[AttendanceSheet]:
    if not name.strip():
        raise ValidationFailed("Hãy nhập họ tên đại biểu.", field="name")
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        session.add(Guest(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, name=name.strip(),
                          position=position.strip()))
    return OpResult(attendance_sheet(store, meeting_id), Changes(Change.MEETING | Change.ATTENDANCE))


def set_people(store: Store, meeting_id: uuid.UUID, chair_id: uuid.UUID | None,
               recorder_id: uuid.UUID | None) -> OpResult[AttendanceSheet]:
    """The Điểm danh step's "Set chair and recorder": the roll stored and the two chosen, in one
    transaction; returns the sheet as it now is."""
    with store.transaction():  # the calls below join it
        confirm_roll(store, meeting_id)
        set_chair_recorder(store, meeting_id, chair_id, recorder_id)
        return OpResult(attendance_sheet(store, meeting_id), Changes(Change.MEETING | Change.ATTENDANCE))


def set_chair_recorder(store: Store, meeting_id: uuid.UUID, chair_id: uuid.UUID | None,
                       recorder_id: uuid.UUID | None) -> OpResult[None]:
    """Chair and recorder are chosen from the members present."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        present = {r.member_id for r in sheet_in(session, store, meeting).rows if r.present}
        for who, label in ((chair_id, "Chủ trì"), (recorder_id, "Thư ký")):
            if who is not None and who not in present:
                raise ValidationFailed(f"{label} phải là đảng viên có mặt tại buổi sinh hoạt.")
        meeting.chair_id, meeting.recorder_id = chair_id, recorder_id
    changes = Changes(Change.MEETING | Change.ATTENDANCE)
    return OpResult(None, changes)
