"""The admission documents of one person, through the documents engine: the cell's resolution proposing
admission or recognition (numbered NQ in the register, once per vote), the extract of the minutes of the
meeting that voted, and the dossier checklist."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters import HD36_2018
from models.documents import DocumentRecord
from models.meetings import AgendaItem, Meeting, Vote
from models.members import Member
from models.rules.dates import format_vn
from secretary_app.changes import OpResult
from secretary_app.documents import admission as builders
from secretary_app.documents import minutes
from secretary_app.documents.records import VoteEntry
from secretary_app.errors import UserError
from secretary_app.services import admissions as adm
from secretary_app.services import documents
from secretary_app.services.meeting_attendance import counts_in
from secretary_app.services.numbering import issue_number
from secretary_app.store import Store

KINDS = {
    "admission-resolution": "Nghị quyết đề nghị kết nạp",
    "admission-extract": "Trích biên bản xét kết nạp",
    "recognition-resolution": "Nghị quyết đề nghị công nhận đảng viên chính thức",
    "recognition-extract": "Trích biên bản xét công nhận đảng viên chính thức",
    "dossier": "Danh mục hồ sơ",
}


def _passing_vote(session: Session, candidate_id: uuid.UUID, kind: str) -> tuple[Vote, Meeting]:
    found = session.execute(
        select(Vote, Meeting).join(Meeting, Meeting.id == Vote.meeting_id)
        .where(Vote.candidate_id == candidate_id, Vote.decision_kind == kind, Vote.passed.is_(True),
               Vote.deleted.is_(False), Meeting.deleted.is_(False)).order_by(Meeting.planned_at)).first()
    if found is None:
        what = "đề nghị kết nạp" if kind == "admission" else "đề nghị công nhận đảng viên chính thức"
        raise UserError(f"Chi bộ chưa biểu quyết {what} (đạt ít nhất 2/3) tại một kỳ sinh hoạt trong sổ tay; "
                        "hãy ghi biểu quyết ở bước Nghị quyết của kỳ sinh hoạt.")
    return found[0], found[1]


def _facts(detail: adm.CandidateDetail, kind: str) -> builders.PersonFacts:
    lines: list[str] = []
    for step in detail.steps:
        if step.done_date is None:
            continue
        if step.kind == "class_certificate" and kind == "admission":
            lines.append(f"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng cấp ngày {format_vn(step.done_date)}"
                         + (f" ({step.document_ref})" if step.document_ref else "") + ".")
        if step.kind == "introducer" and kind == "admission":
            who = f"đồng chí {step.member_name}" if step.member_name else adm.ORGANISATIONS.get(
                detail.data.youth_union, "tổ chức Đoàn")
            lines.append(f"Người giới thiệu: {who}"
                         + (f", cùng công tác, cư trú từ {format_vn(step.since_date)}" if step.since_date else "")
                         + ".")
        if step.kind == "ceremony" and kind == "recognition":
            lines.append(f"Kết nạp ngày {format_vn(step.done_date)}; hết 12 tháng dự bị ngày "
                         + next((format_vn(e.due) for e in detail.timeline if e.kind == adm.PROBATION and e.due), "")
                         + ".")
    if detail.helper_name:
        lines.append(f"Đảng viên giúp đỡ: đồng chí {detail.helper_name}.")
    return builders.PersonFacts(detail.data.full_name, detail.data.birth_date, detail.data.occupation, tuple(lines))


def _register(session: Session, store: Store, vote: Vote, meeting: Meeting, subject: str,
              signer: str) -> DocumentRecord:
    """The NQ number of this vote's resolution: issued once, the same on every later export."""
    row = session.scalar(select(DocumentRecord).where(DocumentRecord.source_id == vote.id,
                                                      DocumentRecord.deleted.is_(False)))
    return row or issue_number(session, store.cell_id, "NQ", meeting.planned_at.date(), subject=subject,
                               signer=signer, meeting_id=meeting.id, source_id=vote.id)


def build(store: Store, candidate_id: uuid.UUID, kind: str, today: dt.date | None = None) -> documents.Built:
    if kind not in KINDS:
        raise UserError(f"Loại văn bản “{kind}” không có; chọn một trong: {', '.join(KINDS)}.")
    today = today or dt.date.today()
    detail = adm.get_candidate(store, candidate_id, today)
    with store.transaction() as session:
        _, cell = documents._cell(session, store.cell_id)
        signer = documents._secretary(session, store.cell_id)
        if kind == "dossier":
            return documents.Built(builders.build_checklist(cell, detail.data.full_name, _checklist(detail, today),
                                                            issued_on=today, signer=signer), HD36_2018)
        vote_kind = kind.split("-")[0]
        vote, meeting = _passing_vote(session, candidate_id, vote_kind)
        if kind.endswith("extract"):
            record = documents.meeting_record(session, store.cell_id, meeting.id)
            if record.attendance is None:
                raise UserError("Kỳ sinh hoạt đã biểu quyết chưa được ghi là đã họp nên chưa có biên bản để trích.")
            items = session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                                AgendaItem.deleted.is_(False))
                                    .order_by(AgendaItem.position)).all()
            position = items.index(vote.agenda_item_id) if vote.agenda_item_id in items else len(items) - 1
            purpose = KINDS[kind].replace("Trích biên bản ", "").lower()
            return documents.Built(minutes.build_minutes_extract(record, (position,), signer_name=signer,
                                                                 purpose=f"{purpose} {detail.data.full_name}"),
                                   HD36_2018)
        counts = counts_in(session, meeting)
        chair = session.get(Member, meeting.chair_id) if meeting.chair_id else None
        facts = _facts(detail, vote_kind)
        entry = VoteEntry(vote.subject, vote.yes, vote.base, vote.no, vote.abstain, vote.passed)
        preview = builders.build_proposal(cell, vote_kind, facts, number=1, issued_on=meeting.planned_at.date(),
                                          meeting_date=meeting.planned_at.date(), present=counts.present,
                                          total=counts.total, chair=chair.full_name if chair else "",
                                          signer=signer, vote=entry)  # checks every field before a number is taken
        register = _register(session, store, vote, meeting, preview.subject or "", signer)
        document = builders.build_proposal(cell, vote_kind, facts, number=register.number,
                                           issued_on=register.issued_on, meeting_date=meeting.planned_at.date(),
                                           present=counts.present, total=counts.total,
                                           chair=chair.full_name if chair else "", signer=signer, vote=entry)
        return documents.Built(document, HD36_2018, register.id, register.symbol)


def _checklist(detail: adm.CandidateDetail, today: dt.date) -> tuple[builders.ChecklistLine, ...]:
    steps = {s.kind: s for s in detail.steps}
    lines: list[builders.ChecklistLine] = []
    for kind in ("class_certificate", "application", "background_declaration", "background_check"):
        step = steps.get(kind)
        state = "Có" if step else "Thiếu"
        expiry = detail.certificate_expiry
        if kind == "class_certificate" and step and expiry:
            state = f"Hết hạn ngày {format_vn(expiry)}" if expiry <= today else f"Có (hết hạn ngày {format_vn(expiry)})"
        lines.append(builders.ChecklistLine(adm.STEP_LABELS[kind], step.done_date if step else None, state))
    introducers = [s for s in detail.steps if s.kind == "introducer"]
    for n in range(2):
        step = introducers[n] if n < len(introducers) else None
        who = (step.member_name or adm.ORGANISATIONS.get(detail.data.youth_union, "")) if step else ""
        lines.append(builders.ChecklistLine(f"Giấy giới thiệu của người giới thiệu thứ {n + 1}"
                                            + (f" ({who})" if who else ""),
                                            step.done_date if step else None, "Có" if step else "Thiếu"))
    for kind in ("mass_opinion", "residence_opinion"):
        step = steps.get(kind)
        lines.append(builders.ChecklistLine(adm.STEP_LABELS[kind], step.done_date if step else None,
                                            "Có" if step else "Thiếu"))
    vote = next(e for e in detail.timeline if e.kind == adm.CELL_VOTE)
    lines.append(builders.ChecklistLine("Nghị quyết chi bộ đề nghị kết nạp", vote.done,
                                        "Có" if vote.done else "Thiếu"))
    return tuple(lines)


def export(store: Store, candidate_id: uuid.UUID, kind: str, path: str | Path, fmt: str | None = None,
           today: dt.date | None = None) -> OpResult[documents.Exported]:
    """Build, render to ``path`` (docx or pdf) and record a numbered resolution's file hash in the register."""
    return documents.finish_export(store, build(store, candidate_id, kind, today), Path(path), kind, fmt)
