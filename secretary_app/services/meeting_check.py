"""The consistency check of a meeting's record, run before the minutes are finalised (issue 10 item 3).

Each finding says in plain Vietnamese what contradicts what, whether it blocks finalising (a hard
contradiction a Party office would refuse) or only warns, and where to fix it: the step of the meeting and
the record (a speech, a vote, an attendance row, the chair/recorder, the resolution, a task). The Hoàn tất
step shows them with a button per finding; ``minutes.finalise_meeting`` refuses while a blocking one remains.
All facts come from the one attendance sheet (``meeting_attendance``).
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.meetings import AgendaItem, Meeting, Resolution, Speech, Task, Vote
from models.text import search_key
from secretary_app.errors import ValidationFailed
from secretary_app.services.meeting_attendance import AttendanceSheet, AttendeeRow, sheet_in
from secretary_app.services.meeting_cycle import load_meeting
from secretary_app.services.votes import ballots_of
from secretary_app.store import Store


class Severity(enum.StrEnum):
    BLOCKING = "blocking"  # finalising is refused until it is fixed
    WARNING = "warning"  # shown; the secretary decides


class Step(enum.IntEnum):
    """The meeting's steps, in the order of the step bar (ui/meeting/steps.py)."""

    PREPARE = 0
    ATTENDANCE = 1
    MINUTES = 2
    RESOLUTION = 3
    FINISH = 4


@dataclass(frozen=True)
class Target:
    """Where to fix a finding: the step, what kind of record, and which one."""

    step: Step
    kind: str  # "speech" / "vote" / "attendance" / "chair" / "recorder" / "resolution" / "task"
    id: uuid.UUID | None = None  # the speech, vote, member (attendance), resolution or task
    item_id: uuid.UUID | None = None  # a speech's agenda item
    position: int = 0  # a speech's place under its item (1 = first speaker); a task's row (0 = first)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str  # plain Vietnamese, ready to show
    target: Target

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


class RecordContradicts(ValidationFailed):
    """Finalising refused: the record contradicts itself. ``findings`` are the blocking ones."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        lines = "\n".join(f"- {f.message}" for f in findings)
        super().__init__("Chưa hoàn tất được biên bản vì hồ sơ kỳ họp còn mâu thuẫn; hãy sửa rồi hoàn tất lại:\n"
                         + lines)
        self.findings = findings


_STATUS_TEXT = {"absent_reason": "vắng có lý do", "absent": "vắng không lý do", "": "chưa được điểm danh"}
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})", re.IGNORECASE)


def _not_present_text(row: AttendeeRow) -> str:
    if not row.on_roll:
        return f"{row.apart_reason} vào ngày họp"
    text = "được ghi " + _STATUS_TEXT.get(row.status, "vắng")
    return text + (f" ({row.reason})" if row.status == "absent_reason" and row.reason else "")


def _speaker_row(sheet: AttendanceSheet, speech: Speech) -> AttendeeRow | None:
    if speech.speaker_id is not None:
        return sheet.row(speech.speaker_id)
    key = search_key(speech.speaker_name)
    return next((r for r in (*sheet.rows, *sheet.apart) if search_key(r.full_name) == key), None)


def _speeches(session: Session, sheet: AttendanceSheet, items: list[AgendaItem]) -> list[Finding]:
    found = []
    guests = {search_key(g.name) for g in sheet.guests}
    for number, item in enumerate(items, start=1):
        for speech in session.scalars(select(Speech).where(Speech.agenda_item_id == item.id, Speech.deleted.is_(False))
                                      .order_by(Speech.position)):
            target = Target(Step.MINUTES, "speech", speech.id, item.id, speech.position)
            row = _speaker_row(sheet, speech)
            if row is not None and not row.present:
                found.append(Finding("absent_speaker", Severity.BLOCKING,
                                     f"Đồng chí {row.full_name} {_not_present_text(row)} nhưng lại được ghi phát biểu "
                                     f"ở nội dung {number} (“{item.title}”).", target))
            elif row is None and speech.speaker_name.strip() and search_key(speech.speaker_name) not in guests:
                found.append(Finding("unknown_speaker", Severity.WARNING,
                                     f"Người phát biểu “{speech.speaker_name.strip()}” ở nội dung {number} không có "
                                     "trong danh sách đảng viên dự họp hay đại biểu; hãy kiểm tra lại họ tên "
                                     "hoặc ghi thêm đại biểu ở bước Điểm danh.", target))
    return found


def _votes(session: Session, sheet: AttendanceSheet, meeting: Meeting) -> list[Finding]:
    found = []
    present_voters = sheet.base.eligible_present
    for vote in session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, Vote.deleted.is_(False))
                                .order_by(Vote.updated_at)):
        target = Target(Step.RESOLUTION, "vote", vote.id)
        cast = vote.yes + vote.no + vote.abstain
        if cast > present_voters:
            found.append(Finding("too_many_ballots", Severity.BLOCKING,
                                 f"Biểu quyết “{vote.subject}” ghi {cast} phiếu nhưng chỉ có {present_voters} đảng "
                                 "viên chính thức có mặt có quyền biểu quyết; hãy ghi lại kết quả biểu quyết.",
                                 target))
        voters = {r.member_id for r in sheet.voters}
        for ballot in ballots_of(vote):
            if ballot.member_id not in voters:
                row = sheet.row(ballot.member_id)
                why = _not_present_text(row) if row is not None and not row.present else \
                    "không thuộc danh sách biểu quyết của kỳ họp"
                found.append(Finding("absent_voter", Severity.BLOCKING,
                                     f"Biểu quyết “{vote.subject}” có phiếu của đồng chí {ballot.name}, người {why}; "
                                     "hãy ghi lại kết quả biểu quyết.", target))
        if vote.base != sheet.base.base:
            found.append(Finding("base_changed", Severity.BLOCKING,
                                 f"Biểu quyết “{vote.subject}” được tính trên {vote.base} đảng viên, nhưng theo điểm "
                                 f"danh hiện nay tổng số biểu quyết là {sheet.base.explanation()}: điểm danh đã đổi "
                                 "sau khi ghi biểu quyết. Hãy ghi lại kết quả biểu quyết.", target))
    return found


def _people(sheet: AttendanceSheet, meeting: Meeting) -> list[Finding]:
    found = []
    for kind, who, label in (("chair", meeting.chair_id, "chủ trì"), ("recorder", meeting.recorder_id, "thư ký")):
        target = Target(Step.ATTENDANCE, kind, who)
        if who is None:
            found.append(Finding(f"{kind}_missing", Severity.BLOCKING,
                                 f"Chưa chọn người {label} của kỳ họp (ở bước Điểm danh).", target))
            continue
        row = sheet.row(who)
        if row is None or not row.present:
            name = f"Đồng chí {row.full_name}" if row else "Người được chọn"
            why = _not_present_text(row) if row else "không có trong danh sách đảng viên vào ngày họp"
            found.append(Finding(f"{kind}_absent", Severity.BLOCKING,
                                 f"{name} là {label} nhưng {why}; hãy chọn lại {label} trong số người có mặt.",
                                 target))
    return found


def _resolution_month(session: Session, meeting: Meeting) -> list[Finding]:
    """documents.md §4: a meeting in month M adopts the resolution of month M."""
    day = meeting.planned_at.date()
    found = []
    for resolution in session.scalars(select(Resolution).where(Resolution.meeting_id == meeting.id,
                                                               Resolution.amends_id.is_(None),
                                                               Resolution.deleted.is_(False))):
        match = _MONTH.search(resolution.subject)
        if match and (int(match.group(1)), int(match.group(2))) != (day.month, day.year):
            found.append(Finding("resolution_month", Severity.WARNING,
                                 f"Trích yếu nghị quyết ghi “tháng {match.group(1)} năm {match.group(2)}” nhưng kỳ họp "
                                 f"là tháng {day.month:02d}/{day.year}: nghị quyết của kỳ họp tháng nào mang tháng "
                                 "đó (báo cáo kết quả tháng trước, đề ra nhiệm vụ tháng này).",
                                 Target(Step.RESOLUTION, "resolution", resolution.id)))
    return found


def _tasks(session: Session, meeting: Meeting) -> list[Finding]:
    found = []
    tasks = session.scalars(select(Task).where(Task.meeting_id == meeting.id, Task.deleted.is_(False))
                            .order_by(Task.updated_at, Task.id))
    for position, task in enumerate(tasks):
        missing = [what for what, empty in (("người phụ trách", not task.owner.strip()),
                                             ("thời hạn", task.deadline is None)) if empty]
        if missing:
            found.append(Finding("task_incomplete", Severity.WARNING,
                                 f"Nhiệm vụ “{task.content.strip()[:60]}” chưa có {' và '.join(missing)}.",
                                 Target(Step.MINUTES, "task", task.id, position=position)))
    return found


def findings_in(session: Session, store: Store, meeting: Meeting) -> tuple[Finding, ...]:
    """Every finding, blocking ones first, each group in the order of the record."""
    sheet = sheet_in(session, store, meeting)
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                          AgendaItem.deleted.is_(False))
                                 .order_by(AgendaItem.position)))
    found = (_people(sheet, meeting) + _speeches(session, sheet, items) + _votes(session, sheet, meeting)
             + _resolution_month(session, meeting) + _tasks(session, meeting))
    return tuple(sorted(found, key=lambda f: not f.blocking))


def check_meeting(store: Store, meeting_id: uuid.UUID) -> tuple[Finding, ...]:
    """The consistency check of one meeting (the Hoàn tất step runs it before finalising)."""
    with store.transaction() as session:
        return findings_in(session, store, load_meeting(session, store, meeting_id))


def refuse_contradictions(session: Session, store: Store, meeting: Meeting) -> None:
    """Raise ``RecordContradicts`` when the record has a blocking finding (called by finalise)."""
    blocking = tuple(f for f in findings_in(session, store, meeting) if f.blocking)
    if blocking:
        raise RecordContradicts(blocking)
