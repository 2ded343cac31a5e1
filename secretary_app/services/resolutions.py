"""The meeting's resolution (nghị quyết, NQ) or conclusion (kết luận, KL), drafted from the minutes in the
§4 skeleton (documents.md), numbered by the register, signed T/M CHI BỘ."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import new_id
from models.cell import Cell
from models.meeting_month import resolution_subject, results_heading, tasks_heading, vote_subject
from models.meetings import AgendaItem, Meeting, Resolution, Task, Vote
from models.members import Member
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.documents.common import resolution_recipients
from secretary_app.errors import NotFoundError, ReadOnlyError, ValidationFailed
from secretary_app.services.meeting_cycle import (
    READ_ONLY_MESSAGE,
    TASK_STATUS_LABELS,
    _last_resolution,
    _task_rows,
    editable_meeting,
    load_meeting,
)
from secretary_app.services.minutes import content_hash, resolution_content
from secretary_app.services.numbering import issue_number
from secretary_app.store import Store

DOC_TYPES = {"NQ": "NGHỊ QUYẾT", "KL": "KẾT LUẬN"}


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class ResolutionView:
    id: uuid.UUID
    meeting_id: uuid.UUID | None
    doc_type: str
    number: int | None
    symbol: str
    issued_on: dt.date | None
    subject: str
    sections: tuple[Section, ...]
    signer_name: str
    signer_title: str
    recipients: tuple[str, ...]
    read_only: bool
    final_hash: str
    hash_ok: bool | None


def default_vote_subject(meeting_day: dt.date, doc_type: str = "NQ") -> str:
    """What the adopting vote is called for a meeting on ``meeting_day``: "Thông qua nghị quyết tháng 02/2026"
    (the meeting's own month, models.meeting_month)."""
    return vote_subject(meeting_day, doc_type)


def _parse(body: str) -> tuple[Section, ...]:
    try:
        data = json.loads(body or "[]")
        return tuple(Section(str(s.get("heading", "")), tuple(str(p) for p in s.get("paragraphs", [])))
                     for s in data)
    except (ValueError, AttributeError, TypeError):
        return (Section("", (body,)),) if body else ()


def _dump(sections: tuple[Section, ...] | list[Section]) -> str:
    return json.dumps([{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in sections],
                      ensure_ascii=False)


def _recipients(cell: Cell) -> tuple[str, ...]:
    return (*resolution_recipients(cell.superior_name), "Lưu Chi bộ")


def _view(session: Session, resolution: Resolution) -> ResolutionView:
    cell = session.get(Cell, resolution.cell_id)
    assert cell is not None
    symbol = f"{resolution.number:02d}-{resolution.doc_type}/CB" if resolution.number else ""
    hash_ok = None
    if resolution.finalised_at is not None and resolution.final_hash:
        hash_ok = content_hash(resolution_content(resolution)) == resolution.final_hash
    return ResolutionView(resolution.id, resolution.meeting_id, resolution.doc_type, resolution.number, symbol,
                          resolution.issued_on, resolution.subject, _parse(resolution.body),
                          resolution.signer_name, resolution.signer_title, _recipients(cell),
                          resolution.finalised_at is not None, resolution.final_hash, hash_ok)


def _of_meeting(session: Session, meeting_id: uuid.UUID) -> Resolution | None:
    return session.scalars(select(Resolution).where(Resolution.meeting_id == meeting_id,
                                                    Resolution.amends_id.is_(None),
                                                    Resolution.deleted.is_(False)).limit(1)).first()


def get_resolution(store: Store, meeting_id: uuid.UUID) -> ResolutionView | None:
    with store.transaction() as session:
        load_meeting(session, store, meeting_id)
        resolution = _of_meeting(session, meeting_id)
        return _view(session, resolution) if resolution else None


def _draft_sections(session: Session, store: Store, meeting: Meeting, cell: Cell) -> list[Section]:
    """The §4 skeleton filled from the minutes: I- results of month M−1 (what was said on ideology and on
    last month's resolution, each task of that resolution and how it went, the overall assessment),
    II- the tasks of month M (what the meeting decided, each task with owner and deadline),
    III- how it is carried out. The opening sentence (date, attendance, chair) is the builder's."""
    day = meeting.planned_at.date()
    items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                          AgendaItem.deleted.is_(False)).order_by(AgendaItem.position)))
    by_step: dict[str, list[AgendaItem]] = {}
    for item in items:
        by_step.setdefault(item.step, []).append(item)

    def said(*steps: str) -> list[str]:
        return [item.conclusion.strip() for step in steps for item in by_step.get(step, ())
                if item.conclusion.strip()]

    last = _last_resolution(session, cell.id, meeting.planned_at)
    previous = []
    if last is not None:
        previous = [f"- {t.content} ({t.owner or 'chưa phân công'}): {TASK_STATUS_LABELS.get(t.status, t.status)}"
                    + (f" — {t.assessment}" if t.assessment else "") + "." for t in _task_rows(session, last)]
    tasks = session.scalars(select(Task).where(Task.meeting_id == meeting.id, Task.deleted.is_(False))
                            .order_by(Task.updated_at, Task.id))
    task_lines = [f"- {t.content} — phụ trách: {t.owner or 'chưa phân công'}"
                  + (f"; thời hạn: {t.deadline:%d/%m/%Y}" if t.deadline else "") + "." for t in tasks]
    results = [*said("ideology", "assessment"), *previous]
    assessment = said("discussion") or ["ưu điểm: …; hạn chế, khuyết điểm và nguyên nhân: …"]
    return [
        Section(results_heading(day),
                (*(results or ["1- Công tác chính trị, tư tưởng: …", "2- Lãnh đạo thực hiện nhiệm vụ chính trị: …",
                               "3- Công tác xây dựng Đảng: …"]),
                 f"Đánh giá chung: {assessment[0]}", *assessment[1:])),
        Section(tasks_heading(day),
                tuple(said("next_tasks", "party_building") + task_lines)
                or ("1- Về chính trị, tư tưởng: …", "2- Về nhiệm vụ chính trị: …", "3- Về xây dựng Đảng: …")),
        Section("III- TỔ CHỨC THỰC HIỆN",
                ("Chi ủy (bí thư) chỉ đạo thực hiện nghị quyết; các đồng chí đảng viên được phân công phụ trách "
                 "từng nhiệm vụ, báo cáo kết quả tại kỳ sinh hoạt tháng sau.",)),
    ]


def draft_resolution(store: Store, meeting_id: uuid.UUID, doc_type: str = "NQ") -> OpResult[ResolutionView]:
    """Draft the resolution (or conclusion) from the minutes; redrafting replaces an unnumbered draft."""
    if doc_type not in DOC_TYPES:
        raise ValidationFailed("Chỉ lập nghị quyết (NQ) hoặc kết luận (KL).", field="doc_type")
    with store.transaction() as session:
        meeting = editable_meeting(session, store, meeting_id)
        cell = session.get(Cell, meeting.cell_id)
        assert cell is not None
        resolution = _of_meeting(session, meeting.id)
        if resolution is not None and resolution.number is not None:
            raise ValidationFailed("Nghị quyết đã được cấp số; hãy sửa trực tiếp nội dung thay vì lập lại.")
        if resolution is None:
            resolution = Resolution(id=new_id(), cell_id=cell.id, meeting_id=meeting.id)
            session.add(resolution)
        chair = session.get(Member, meeting.chair_id) if meeting.chair_id else None
        resolution.doc_type = doc_type
        resolution.subject = resolution_subject(meeting.planned_at.date())
        resolution.body = _dump(_draft_sections(session, store, meeting, cell))
        resolution.signer_name = chair.full_name if chair else ""
        resolution.signer_title = "BÍ THƯ"
        session.flush()
        view = _view(session, resolution)
    changes = Changes(Change.RESOLUTION)
    return OpResult(view, changes)


def _editable_resolution(session: Session, store: Store, resolution_id: uuid.UUID) -> Resolution:
    resolution = session.get(Resolution, resolution_id)
    if resolution is None or resolution.cell_id != store.cell_id:
        raise NotFoundError("Không tìm thấy nghị quyết này.")
    if resolution.finalised_at is not None:
        raise ReadOnlyError(READ_ONLY_MESSAGE)
    if resolution.meeting_id:
        editable_meeting(session, store, resolution.meeting_id)
    return resolution


def update_resolution(store: Store, resolution_id: uuid.UUID, *, subject: str, sections: list[Section],
                      signer_name: str, signer_title: str = "BÍ THƯ") -> OpResult[ResolutionView]:
    if not subject.strip():
        raise ValidationFailed("Trích yếu nghị quyết không được để trống.", field="subject")
    if signer_title not in ("BÍ THƯ", "PHÓ BÍ THƯ"):
        raise ValidationFailed("Người ký T/M CHI BỘ là Bí thư hoặc Phó Bí thư.", field="signer_title")
    with store.transaction() as session:
        resolution = _editable_resolution(session, store, resolution_id)
        resolution.subject, resolution.body = subject.strip(), _dump(sections)
        resolution.signer_name, resolution.signer_title = signer_name.strip(), signer_title
        view = _view(session, resolution)
    changes = Changes(Change.RESOLUTION)
    return OpResult(view, changes)


def issue_resolution(store: Store, resolution_id: uuid.UUID) -> OpResult[ResolutionView]:
    """Give the resolution its number from the register (next per type per term, never reused); the
    tasks assigned at the meeting are attached to it for next month's follow-up."""
    with store.transaction() as session:
        resolution = _editable_resolution(session, store, resolution_id)
        if resolution.number is not None:
            raise ValidationFailed("Nghị quyết này đã có số.")
        if not resolution.signer_name.strip():
            raise ValidationFailed("Hãy ghi họ tên người ký (T/M CHI BỘ) trước khi cấp số.", field="signer_name")
        meeting = load_meeting(session, store, resolution.meeting_id) if resolution.meeting_id else None
        passed = session.scalar(select(Vote.id).where(Vote.meeting_id == resolution.meeting_id,
                                                      Vote.decision_kind == "resolution", Vote.passed.is_(True),
                                                      Vote.deleted.is_(False)).limit(1))
        if resolution.doc_type == "NQ" and passed is None:
            raise ValidationFailed("Chưa có biểu quyết thông qua nghị quyết; hãy ghi kết quả biểu quyết trước.")
        cell = session.get(Cell, resolution.cell_id)
        assert cell is not None
        issued_on = meeting.planned_at.date() if meeting else dt.date.today()
        record = issue_number(session, cell.id, resolution.doc_type, issued_on, subject=resolution.subject,
                              signer=resolution.signer_name, recipients="\n".join(_recipients(cell)),
                              meeting_id=resolution.meeting_id, source_id=resolution.id)
        resolution.number, resolution.issued_on = record.number, issued_on
        for task in session.scalars(select(Task).where(Task.meeting_id == resolution.meeting_id,
                                                       Task.deleted.is_(False))):
            task.resolution_id = resolution.id
        store.audit(session, "resolution", resolution.id, "issue", after={"number": record.symbol})
        view = _view(session, resolution)
    changes = Changes(Change.RESOLUTION | Change.DOCUMENT)
    return OpResult(view, changes)
