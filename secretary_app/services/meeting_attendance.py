"""Attendance at a meeting, from the roster as it stood on the meeting date (status history, not today's
status), and the counts the minutes print — computed, never typed (documents.md §3 item 4)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.base import new_id
from models.meetings import Attendance, Guest, Meeting
from models.members import Member
from models.members import MemberEvent as EventRow
from models.rules.status import DisciplineForm, EventKind, MemberEvent, Membership, MemberStatus, status_on
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
from secretary_app.errors import NotFoundError, ValidationFailed
from secretary_app.services.meeting_cycle import editable_meeting, load_meeting
from secretary_app.settings import load_settings
from secretary_app.store import Changes, Store

#: The marks of the roll. "prosecuted" (bị khởi tố, truy tố, tạm giam) takes the member out of the vote base
#: (QĐ 294 §9.3.2); on the roll it is an absence with that reason.
PROSECUTED = "prosecuted"
PROSECUTED_LABEL = "bị khởi tố, truy tố, tạm giam"
STATUS_LABELS = {"present": "Có mặt", "absent_reason": "Vắng có lý do", "absent": "Vắng không lý do",
                 PROSECUTED: PROSECUTED_LABEL}
_PRESENCE = {"present": Presence.PRESENT, "absent_reason": Presence.ABSENT_WITH_REASON,
             "absent": Presence.ABSENT_WITHOUT_REASON, PROSECUTED: Presence.ABSENT_WITH_REASON}
_DISCIPLINE_BY_TEXT = {"khiển trách": DisciplineForm.REPRIMAND, "cảnh cáo": DisciplineForm.WARNING,
                       "cách chức": DisciplineForm.DISMISSAL, "đình chỉ sinh hoạt": DisciplineForm.SUSPENSION}


@dataclass(frozen=True)
class AttendeeRow:
    member_id: uuid.UUID
    full_name: str
    membership: str  # "official" / "probationary"
    exempt: bool
    temporarily_away: bool
    temporarily_here: bool
    suspended: bool
    status: str  # present / absent_reason / absent / prosecuted
    reason: str
    approved: bool

    @property
    def kind_label(self) -> str:
        label = "Chính thức" if self.membership == "official" else "Dự bị"
        flags = [t for on, t in ((self.exempt, "miễn sinh hoạt"), (self.temporarily_away, "chuyển sinh hoạt tạm thời đi"),
                                 (self.temporarily_here, "sinh hoạt tạm thời"), (self.suspended, "đình chỉ"))
                 if on]
        return label + (f" ({', '.join(flags)})" if flags else "")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class GuestRow:
    id: uuid.UUID
    name: str
    position: str


@dataclass(frozen=True)
class AttendanceCounts:
    """The figures the minutes print (documents.md §3 item 4)."""

    total: int  # members in the cell's list on the meeting day (official + probationary)
    official: int
    probationary: int
    temporarily_here: int  # sinh hoạt tạm thời đến
    exempt: int
    transferred_out: int  # chuyển sinh hoạt tạm thời đi
    present: int
    present_official: int
    present_probationary: int
    absent_reason: int
    absent_no_reason: int
    absent_reason_names: tuple[str, ...]  # "Name (reason)"
    absent_no_reason_names: tuple[str, ...]


@dataclass(frozen=True)
class AttendanceSheet:
    meeting_id: uuid.UUID
    day: dt.date
    rows: tuple[AttendeeRow, ...]
    guests: tuple[GuestRow, ...]
    counts: AttendanceCounts
    base: BaseBreakdown
    summary: AttendanceSummary
    chair_id: uuid.UUID | None
    recorder_id: uuid.UUID | None
    read_only: bool

    @property
    def warning(self) -> str:
        return self.summary.warning

    @property
    def voters(self) -> tuple[AttendeeRow, ...]:
        """Who may vote at this meeting: present and in the vote base (official members of this cell, not
        suspended or transferred away), in the roll's order — the list of a named vote."""
        return tuple(r for r in self.rows if r.status == "present" and classify_voter(_facts(r)) is None)

    @property
    def probationary_present(self) -> int:
        """Probationary members of this cell present: they attend but never vote (Điều lệ art. 3)."""
        return sum(r.membership == "probationary" and r.status == "present" and not r.temporarily_here
                   for r in self.rows)


def to_rule_event(row: EventRow, ceremony: dt.date | None) -> MemberEvent | None:
    try:
        kind = EventKind(row.kind)
    except ValueError:
        return None  # an event kind the rules do not know does not change the status
    discipline = None
    if kind is EventKind.DISCIPLINE:
        try:
            discipline = DisciplineForm(row.detail)
        except ValueError:
            discipline = _DISCIPLINE_BY_TEXT.get(row.detail.strip().lower(), DisciplineForm.REPRIMAND)
    return MemberEvent(kind=kind, day=row.event_date, end=row.end_date,
                       ceremony=ceremony if kind is EventKind.ADMISSION else None,
                       discipline=discipline, reason=row.reason)


def member_status_on(member: Member, day: dt.date) -> MemberStatus:
    events = [e for e in (to_rule_event(r, member.ceremony_date) for r in member.events if not r.deleted) if e]
    return status_on(events, day)


def _expected_members(session: Session, store: Store, day: dt.date) -> list[tuple[Member, MemberStatus]]:
    members = session.scalars(select(Member).where(Member.cell_id == store.cell_id, Member.deleted.is_(False))
                              .options(selectinload(Member.events))).all()
    result = []
    for member in members:
        status = member_status_on(member, day)
        if status.membership in (Membership.OFFICIAL, Membership.PROBATIONARY) and \
                (status.in_cell or status.temporarily_here):
            result.append((member, status))
    return sorted(result, key=lambda ms: name_sort_key(ms[0].full_name))


def _facts(row: AttendeeRow) -> VoterFacts:
    return VoterFacts(membership=Membership(row.membership), attendance=_PRESENCE[row.status],
                      absence_approved=row.approved, exempt=row.exempt, temporarily_away=row.temporarily_away,
                      temporarily_here=row.temporarily_here, suspended=row.suspended,
                      prosecuted_or_detained=row.status == PROSECUTED)


def vote_settings(store: Store) -> VoteSettings:
    """The secretary's choice (Settings page) whether absences without an approved reason stay in the vote
    base; read on every sheet so a change applies to the next vote without restarting."""
    return VoteSettings(count_ordinary_absences=load_settings(store.paths.settings_file)
                        .count_ordinary_absences_in_vote_base)


def _default_status(status: MemberStatus) -> tuple[str, str, bool]:
    """Before the roll is taken: members away or exempt are marked absent with that reason, others present."""
    if status.temporarily_away:
        return "absent_reason", "Chuyển sinh hoạt tạm thời đi", True
    if status.exempt:
        return "absent_reason", "Miễn công tác và sinh hoạt đảng", True
    return "present", "", False


def _sheet(session: Session, store: Store, meeting: Meeting) -> AttendanceSheet:
    day = meeting.planned_at.date()
    marks = {a.member_id: a for a in session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.deleted.is_(False)))}
    rows = []
    for member, status in _expected_members(session, store, day):
        mark = marks.get(member.id)
        state, reason, approved = (mark.status, mark.reason, mark.approved) if mark else _default_status(status)
        rows.append(AttendeeRow(member.id, member.full_name, status.membership.value, status.exempt,
                                status.temporarily_away, status.temporarily_here, status.suspended,
                                state, reason, approved))
    guests = tuple(GuestRow(g.id, g.name, g.position) for g in session.scalars(
        select(Guest).where(Guest.meeting_id == meeting.id, Guest.deleted.is_(False)).order_by(Guest.updated_at)))
    facts = [_facts(r) for r in rows]
    return AttendanceSheet(meeting.id, day, tuple(rows), guests, count(rows),
                           compute_base(facts, vote_settings(store)),
                           attendance_summary(facts, rules_data.attendance_bands_on(day)),
                           meeting.chair_id, meeting.recorder_id,
                           meeting.state == "final")


def count(rows: tuple[AttendeeRow, ...] | list[AttendeeRow]) -> AttendanceCounts:
    own = [r for r in rows if not r.temporarily_here]
    # Present/absent are counted over the cell's own members so that total = present + absent.
    present = [r for r in own if r.status == "present"]
    reason = [r for r in own if r.status in ("absent_reason", PROSECUTED)]
    no_reason = [r for r in own if r.status == "absent"]
    return AttendanceCounts(
        total=len(own), official=sum(r.membership == "official" for r in own),
        probationary=sum(r.membership == "probationary" for r in own),
        temporarily_here=sum(r.temporarily_here for r in rows), exempt=sum(r.exempt for r in own),
        transferred_out=sum(r.temporarily_away for r in own), present=len(present),
        present_official=sum(r.membership == "official" for r in present),
        present_probationary=sum(r.membership == "probationary" for r in present),
        absent_reason=len(reason), absent_no_reason=len(no_reason),
        absent_reason_names=tuple(f"{r.full_name} ({_reason_text(r)})" if _reason_text(r) else r.full_name
                                  for r in reason),
        absent_no_reason_names=tuple(r.full_name for r in no_reason),
    )


def _reason_text(row: AttendeeRow) -> str:
    return PROSECUTED_LABEL if row.status == PROSECUTED else row.reason


def attendance_sheet(store: Store, meeting_id: uuid.UUID) -> AttendanceSheet:
    with store.transaction() as session:
        return _sheet(session, store, load_meeting(session, store, meeting_id))


def sheet_in(session: Session, store: Store, meeting: Meeting) -> AttendanceSheet:
    """For other meeting services that already hold a session."""
    return _sheet(session, store, meeting)


def set_attendance(store: Store, meeting_id: uuid.UUID, member_id: uuid.UUID, status: str,
                   reason: str = "", approved: bool = False) -> tuple[AttendanceSheet, Changes]:
    """Mark one member. The row id is uuid5(meeting, member), so two PCs never make two rows."""
    if status not in STATUS_LABELS:
        raise ValidationFailed("Trạng thái điểm danh không hợp lệ.", field="status")
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        if member_id not in {m.id for m, _ in _expected_members(session, store, meeting.planned_at.date())}:
            raise ValidationFailed("Người này không có trong danh sách đảng viên của chi bộ vào ngày họp.")
        row_id = uuid.uuid5(meeting.id, str(member_id))
        mark = session.get(Attendance, row_id)
        if mark is None:
            mark = Attendance(id=row_id, cell_id=meeting.cell_id, meeting_id=meeting.id, member_id=member_id)
            session.add(mark)
        mark.status = status
        mark.reason = reason.strip() if status == "absent_reason" else ""
        mark.approved = approved if status == "absent_reason" else False
        mark.deleted = False
        session.flush()
        # Chair and recorder must be present: clear them if they were just marked absent.
        if status != "present":
            if meeting.chair_id == member_id:
                meeting.chair_id = None
            if meeting.recorder_id == member_id:
                meeting.recorder_id = None
        sheet = _sheet(session, store, meeting)
    changes = Changes()
    changes.add("meeting")
    return sheet, changes


def confirm_roll(store: Store, meeting_id: uuid.UUID) -> Changes:
    """Write the default marks for everyone not yet marked, so the roll is stored and syncs."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        for row in _sheet(session, store, meeting).rows:
            row_id = uuid.uuid5(meeting.id, str(row.member_id))
            if session.get(Attendance, row_id) is None:
                session.add(Attendance(id=row_id, cell_id=meeting.cell_id, meeting_id=meeting.id,
                                       member_id=row.member_id, status=row.status, reason=row.reason,
                                       approved=row.approved))
    changes = Changes()
    changes.add("meeting")
    return changes


def add_guest(store: Store, meeting_id: uuid.UUID, name: str, position: str = "") -> Changes:
    if not name.strip():
        raise ValidationFailed("Hãy nhập họ tên đại biểu.", field="name")
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        session.add(Guest(id=new_id(), cell_id=meeting.cell_id, meeting_id=meeting.id, name=name.strip(),
                          position=position.strip()))
    changes = Changes()
    changes.add("meeting")
    return changes


def remove_guest(store: Store, guest_id: uuid.UUID) -> Changes:
    with store.transaction() as session:
        guest = session.get(Guest, guest_id)
        if guest is None:
            raise NotFoundError("Không tìm thấy đại biểu này.")
        editable_meeting(session, store, guest.meeting_id)
        guest.deleted = True
    changes = Changes()
    changes.add("meeting")
    return changes


def set_chair_recorder(store: Store, meeting_id: uuid.UUID, chair_id: uuid.UUID | None,
                       recorder_id: uuid.UUID | None) -> Changes:
    """Chair and recorder are chosen from the members present."""
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        present = {r.member_id for r in _sheet(session, store, meeting).rows if r.status == "present"}
        for who, label in ((chair_id, "Chủ trì"), (recorder_id, "Thư ký")):
            if who is not None and who not in present:
                raise ValidationFailed(f"{label} phải là đảng viên có mặt tại buổi sinh hoạt.")
        meeting.chair_id, meeting.recorder_id = chair_id, recorder_id
    changes = Changes()
    changes.add("meeting")
    return changes
