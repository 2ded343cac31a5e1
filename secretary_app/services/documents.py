"""Official documents from the database: load plain records, build, render to Word or PDF, register.

Builders (``secretary_app.documents``) know nothing of the database and exporters know nothing of
either; this module is the glue. Rendering goes through ``exporters`` (temporary file + atomic replace),
so a failed export leaves no partial file; both failure kinds come back as ``UserError``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from exporters import (
    HD36_2018,
    Document,
    DocumentError,
    ExportError,
    LayoutProfile,
    font_cache,
    render_docx,
    render_pdf,
)
from models.audit import AuditEntry
from models.base import aware
from models.cell import Cell
from models.documents import DocumentRecord
from models.meetings import AgendaItem, Meeting, Resolution, Speech, Task, Vote
from models.members import Member
from models.rules.meetings import HELD_STATES
from models.rules.status import Membership, status_labels
from models.text import name_sort_key
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.document_kinds import FORMATS, KINDS, MEETING_KINDS
from secretary_app.documents import agenda, minutes, resolution
from secretary_app.documents.common import report_recipients, superior_committee
from secretary_app.documents.records import (
    AgendaEntry,
    CellHeader,
    DuesLedgerRecord,
    DuesLedgerRow,
    DuesReportRecord,
    MeetingRecord,
    MemberListRecord,
    MemberListRow,
    ResolutionRecord,
    SectionEntry,
    SpeechEntry,
    TaskEntry,
    VoteEntry,
)
from secretary_app.errors import NotFoundError, UserError, ValidationFailed
from secretary_app.services.dues import DuesYear, dues_year_in, status_line_for
from secretary_app.services.meeting_attendance import counts_in
from secretary_app.services.roster import status_of
from secretary_app.services.votes import ballots_of
from secretary_app.store import Store

if TYPE_CHECKING:
    from exporters.xlsx_renderer import SheetTable

_HELD_STATES = HELD_STATES


@dataclass(frozen=True)
class Exported:
    path: Path
    kind: str
    fmt: str
    sha256: str
    symbol: str = ""  # "03-NQ/CB" when the document is numbered in the register


@dataclass(frozen=True)
class Built:
    document: Document
    profile: LayoutProfile
    register_id: uuid.UUID | None = None  # the DocumentRecord that gets the file hash
    symbol: str = ""
    sheets: tuple[SheetTable, ...] = ()  # the same content as worksheets, for kinds exported to .xlsx


# --- loading records ---------------------------------------------------------------------------------


def _cell(session: Session, cell_id: uuid.UUID) -> tuple[Cell, CellHeader]:
    cell = session.get(Cell, cell_id)
    if cell is None:
        raise UserError("Chưa có thông tin chi bộ. Hãy chạy bước thiết lập ban đầu hoặc mở chi bộ mẫu.")
    return cell, CellHeader(superior_body=cell.superior_name, cell_name=cell.name, place=cell.place_name)


def _members(session: Session, cell_id: uuid.UUID) -> list[Member]:
    members = session.scalars(
        select(Member).where(Member.cell_id == cell_id, Member.deleted.is_(False)).options(selectinload(Member.events))
    ).all()
    return sorted(members, key=lambda m: name_sort_key(m.full_name))


def _meeting(session: Session, cell_id: uuid.UUID, meeting_id: uuid.UUID) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted or meeting.cell_id != cell_id:
        raise NotFoundError(f"Không tìm thấy kỳ sinh hoạt có mã {meeting_id}. Hãy chọn lại kỳ sinh hoạt.")
    return meeting


def _announced_on(session: Session, meeting: Meeting) -> dt.date | None:
    """The day the meeting moved to "announced" (the audit trail of ``advance_meeting``), in local time;
    None when it never was (a draft, or a record made before the trail existed)."""
    if meeting.state == "draft":
        return None
    entries = session.scalars(select(AuditEntry).where(
        AuditEntry.entity == "meeting", AuditEntry.entity_id == meeting.id, AuditEntry.action == "state")
        .order_by(AuditEntry.at)).all()
    for entry in entries:
        try:
            state = json.loads(entry.after or "{}").get("state")
        except (ValueError, AttributeError):
            continue
        if state == "announced":
            at = aware(entry.at)
            return min(at.astimezone().date(), meeting.planned_at.date())
    return None


def meeting_record(session: Session, cell_id: uuid.UUID, meeting_id: uuid.UUID) -> MeetingRecord:
    meeting = _meeting(session, cell_id, meeting_id)
    _, cell = _cell(session, cell_id)
    items = session.scalars(select(AgendaItem).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.deleted.is_(False)).order_by(AgendaItem.position)).all()
    votes = session.scalars(select(Vote).where(Vote.meeting_id == meeting.id, Vote.deleted.is_(False))).all()
    speeches = session.scalars(select(Speech).where(
        Speech.agenda_item_id.in_([item.id for item in items]), Speech.deleted.is_(False))
        .order_by(Speech.position)).all()
    by_item: dict[uuid.UUID | None, list[Speech]] = defaultdict(list)
    for speech in speeches:
        by_item[speech.agenda_item_id].append(speech)
    item_ids = {item.id for item in items}
    entries = []
    for index, item in enumerate(items):
        last = index == len(items) - 1
        item_votes = [v for v in votes if v.agenda_item_id == item.id or (last and v.agenda_item_id not in item_ids)]
        entries.append(AgendaEntry(
            title=item.title, presenter=item.presenter, gist=item.gist, conclusion=item.conclusion, step=item.step,
            speeches=tuple(SpeechEntry(s.speaker_name, s.opinion) for s in by_item[item.id]),
            votes=tuple(VoteEntry(v.subject, v.yes, v.base, v.no, v.abstain, v.passed,
                                  tuple((b.name, b.choice) for b in ballots_of(v))) for v in item_votes),
        ))
    chair = session.get(Member, meeting.chair_id) if meeting.chair_id else None
    recorder = session.get(Member, meeting.recorder_id) if meeting.recorder_id else None
    tasks = session.scalars(select(Task).where(Task.meeting_id == meeting.id, Task.deleted.is_(False))).all()
    held = meeting.state in _HELD_STATES
    return MeetingRecord(
        cell=cell, starts_at=meeting.started_at or meeting.planned_at, place=meeting.place,
        chair=chair.full_name if chair else "", chair_title=(chair.position if chair and chair.position else
                                                             "Bí thư chi bộ"),
        recorder=recorder.full_name if recorder else "", recorder_title=recorder.position if recorder else "",
        agenda=tuple(entries), kind=meeting.kind, topic=meeting.title if meeting.kind == "thematic" else "",
        ends_at=meeting.ended_at if held else None,
        attendance=counts_in(session, meeting) if held else None,
        tasks=tuple(TaskEntry(t.content, t.owner, t.deadline) for t in tasks),
        dues_note=status_line_for(session, cell_id, meeting.planned_at.date()),
        planned_minutes=meeting.planned_minutes, announced_on=_announced_on(session, meeting),
    )


def _resolution(session: Session, meeting: Meeting) -> Resolution:
    found = session.scalars(select(Resolution).where(
        Resolution.meeting_id == meeting.id, Resolution.deleted.is_(False)).order_by(Resolution.id.desc())  # UUIDv7: newest last
    ).first()
    if found is None:
        raise NotFoundError(f"Kỳ sinh hoạt “{meeting.title}” chưa có nghị quyết hoặc kết luận. "
                            "Hãy soạn nghị quyết trong trang Sinh hoạt chi bộ.")
    return found


def _register_row(session: Session, resolution_row: Resolution) -> DocumentRecord | None:
    return session.scalars(select(DocumentRecord).where(
        DocumentRecord.source_id == resolution_row.id, DocumentRecord.deleted.is_(False))).first()


def _sections(body: str) -> tuple[SectionEntry, ...]:
    if not body.strip():
        return ()
    try:
        data = json.loads(body)
    except json.JSONDecodeError:
        return (SectionEntry("I- NỘI DUNG", tuple(line for line in body.splitlines() if line.strip())),)
    return tuple(SectionEntry(str(s.get("heading", "")), tuple(str(x) for x in s.get("paragraphs", ())))
                 for s in data if isinstance(s, dict))


def resolution_record(session: Session, cell_id: uuid.UUID, meeting_id: uuid.UUID) -> tuple[ResolutionRecord,
                                                                                                DocumentRecord | None]:
    meeting = _meeting(session, cell_id, meeting_id)
    _, cell = _cell(session, cell_id)
    row = _resolution(session, meeting)
    register = _register_row(session, row)
    counts = counts_in(session, meeting)
    vote = session.scalars(select(Vote).where(
        Vote.meeting_id == meeting.id, Vote.decision_kind == "resolution", Vote.deleted.is_(False))).first()
    chair = session.get(Member, meeting.chair_id) if meeting.chair_id else None
    # The register keeps the Nơi nhận it was issued with; an older row may name the đảng bộ, its đảng ủy
    # without "(để báo cáo)" or the "Đảng ủy cấp trên" placeholder: each prints as the superior committee.
    superior = report_recipients(cell.superior_body)[0]
    names = {cell.superior_body, superior_committee(cell.superior_body), "Đảng ủy cấp trên"}
    stale = {variant.casefold() for name in names for variant in (name, f"{name} (để báo cáo)")}
    recipients = tuple(superior if line.strip().rstrip(",;.").casefold() in stale else line
                       for line in (register.recipients if register else "").splitlines() if line.strip())
    record = ResolutionRecord(
        cell=cell, doc_type=row.doc_type, number=row.number, issued_on=row.issued_on, subject=row.subject,
        sections=_sections(row.body), signer_name=row.signer_name, signer_title=row.signer_title or "BÍ THƯ",
        recipients=recipients, meeting_date=meeting.planned_at.date(), present=counts.present,
        total=counts.expected, chair=chair.full_name if chair else "",
        chair_title=chair.position if chair and chair.position else "Bí thư chi bộ", meeting_kind=meeting.kind,
        vote=VoteEntry(vote.subject, vote.yes, vote.base, vote.no, vote.abstain, vote.passed) if vote else None,
    )
    return record, register


def member_list_record(session: Session, cell_id: uuid.UUID, as_of: dt.date) -> MemberListRecord:
    _, cell = _cell(session, cell_id)
    rows = []
    for member in _members(session, cell_id):
        status = status_of(member, as_of)
        if not (status.in_cell and status.is_member):
            continue
        official = status.membership is Membership.OFFICIAL
        labels = status_labels(status, short=True)
        note = " · ".join(labels[1:] if official else labels)  # "Chính thức" is the default, left blank
        rows.append(MemberListRow(
            name=member.full_name, birth_date=member.birth_date, gender=member.gender,
            admitted_on=member.admission_decision_date, official_on=member.official_date if official else None,
            card_number=member.card_number, position=member.position,
            note=note,
        ))
    return MemberListRecord(cell=cell, as_of=as_of, rows=tuple(rows), signer_name=_secretary(session, cell_id))


def _secretary(session: Session, cell_id: uuid.UUID) -> str:
    """The current secretary's name, from the member's position (the roster has no separate office table)."""
    for member in _members(session, cell_id):
        if member.position.strip().casefold() == "bí thư chi bộ":
            return member.full_name
    return ""


def _kept_text(year: DuesYear) -> str:
    """"30%", or each share with its months when the dated setting changed within the period."""
    spans: list[tuple[int, dt.date, dt.date]] = []
    for month, percent in zip(year.months, year.kept_percent, strict=True):
        if spans and spans[-1][0] == percent:
            spans[-1] = (percent, spans[-1][1], month)
        else:
            spans.append((percent, month, month))
    if len(spans) == 1:
        return f"{spans[0][0]}%"
    return ", ".join(f"{p}% ({a.month:02d}–{b.month:02d}/{b.year})" for p, a, b in spans)


def dues_ledger_record(session: Session, cell_id: uuid.UUID, year: int, month: int | None = None,
                       as_of: dt.date | None = None) -> DuesLedgerRecord:
    """The ledger of ``year`` (or one month): what each member paid per month, net of reversals
    (services.dues computes it; the document only lays it out)."""
    as_of = as_of or dt.date.today()
    grid = dues_year_in(session, cell_id, year, month, as_of)
    _, cell = _cell(session, cell_id)
    rows = tuple(DuesLedgerRow(row.full_name, tuple(c.paid or None for c in row.cells)) for row in grid.rows)
    return DuesLedgerRecord(cell=cell, months=grid.months, rows=rows, signer_name=_secretary(session, cell_id),
                            issued_on=as_of, remitted=grid.remitted, kept=grid.kept, kept_percent=_kept_text(grid),
                            due=grid.due)


def dues_report_record(session: Session, cell_id: uuid.UUID, year: int, month: int | None = None,
                       as_of: dt.date | None = None) -> DuesReportRecord:
    as_of = as_of or dt.date.today()
    grid = dues_year_in(session, cell_id, year, month, as_of)
    _, cell = _cell(session, cell_id)
    return DuesReportRecord(cell=cell, first_month=grid.months[0], last_month=grid.months[-1],
                            members_at_end=grid.members_at_end(), due=grid.due, collected=grid.collected,
                            kept=grid.kept, remitted=grid.remitted, kept_percent=_kept_text(grid),
                            signer_name=_secretary(session, cell_id), issued_on=as_of)


# --- building, rendering, registering ----------------------------------------------------------------


def latest_meeting_id(store: Store) -> uuid.UUID:
    """The most recent meeting that was held (the one a secretary exports after a meeting)."""
    with store.transaction() as session:
        found = session.scalar(select(Meeting.id).where(
            Meeting.cell_id == store.cell_id, Meeting.deleted.is_(False), Meeting.state.in_(_HELD_STATES))
            .order_by(Meeting.planned_at.desc()).limit(1))
    if found is None:
        raise NotFoundError("Chi bộ chưa có kỳ sinh hoạt nào đã họp. Hãy ghi biên bản một kỳ sinh hoạt trước.")
    return found


def build(store: Store, kind: str, *, meeting_id: uuid.UUID | None = None, as_of: dt.date | None = None,
          year: int | None = None, month: int | None = None) -> Built:
    """The finished document model for ``kind``; ``meeting_id`` is required for meeting documents;
    ``year`` (default: the year of ``as_of``) and ``month`` choose the period of the dues kinds."""
    if kind not in KINDS:
        raise ValidationFailed(f"Loại văn bản “{kind}” không có; chọn một trong: {', '.join(KINDS)}.", field="kind")
    as_of = as_of or dt.date.today()
    with store.transaction() as session:
        cell_id = store.cell_id
        if kind in MEETING_KINDS and meeting_id is None:
            raise ValidationFailed("Chưa chọn kỳ sinh hoạt (meeting) cho văn bản này.", field="meeting")
        try:
            if kind == "resolution":
                assert meeting_id is not None
                record, register = resolution_record(session, cell_id, meeting_id)
                return Built(resolution.build_resolution(record), HD36_2018,
                             register.id if register else None, register.symbol if register else "")
            if kind in ("agenda", "minutes", "minutes-extract"):
                assert meeting_id is not None
                meeting = meeting_record(session, cell_id, meeting_id)
                if kind == "agenda":
                    return Built(agenda.build_agenda(meeting), HD36_2018)
                if meeting.attendance is None:
                    raise UserError("Kỳ sinh hoạt này chưa họp nên chưa có biên bản. Hãy chọn kỳ đã họp.")
                builder = minutes.build_minutes if kind == "minutes" else minutes.build_minutes_extract
                return Built(builder(meeting), HD36_2018)
            # The register and dues builders (and their worksheet layer) load for their own kinds only.
            from secretary_app.documents import dues_ledger, member_list

            if kind == "roster":
                return Built(member_list.build_member_list(member_list_record(session, cell_id, as_of)), HD36_2018)
            if kind == "dues-report":
                report = dues_report_record(session, cell_id, year or as_of.year, month, as_of)
                return Built(dues_ledger.build_dues_report(report), HD36_2018,
                             sheets=dues_ledger.report_sheets(report))
            ledger = dues_ledger_record(session, cell_id, year or as_of.year, month, as_of)
            document = dues_ledger.build_dues_ledger(ledger)
            return Built(document, dues_ledger.profile_for(document), sheets=dues_ledger.ledger_sheets(ledger))
        except DocumentError as error:
            raise ValidationFailed(f"Văn bản chưa đủ thông tin: {error}") from error


def render(built: Built, path: Path, fmt: str) -> str:
    """Write the document (no partial file on failure) and return the file's SHA-256."""
    if fmt not in FORMATS or (fmt == "xlsx" and not built.sheets):
        raise ValidationFailed(f"Định dạng “{fmt}” không có cho văn bản này; chọn docx (Word) hoặc pdf"
                               + (" hoặc xlsx (Excel)." if built.sheets else "."), field="format")
    try:
        if fmt == "xlsx":
            from exporters.xlsx_renderer import render_xlsx

            render_xlsx(built.sheets, path)
        else:
            (render_pdf if fmt == "pdf" else render_docx)(built.document, path, built.profile)
    except ExportError as error:
        raise UserError(str(error)) from error
    except DocumentError as error:
        raise ValidationFailed(f"Văn bản chưa đủ thông tin: {error}") from error
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(store: Store, kind: str, path: str | Path, fmt: str | None = None, *,
           meeting_id: uuid.UUID | None = None, as_of: dt.date | None = None,
           year: int | None = None, month: int | None = None) -> OpResult[Exported]:
    """Build, render to ``path`` and, for a numbered document, record the file hash in the register."""
    return finish_export(store, build(store, kind, meeting_id=meeting_id, as_of=as_of, year=year, month=month),
                         Path(path), kind, fmt)


def finish_export(store: Store, built: Built, path: Path, kind: str,
                  fmt: str | None = None) -> OpResult[Exported]:
    """Render a built document and, when it is numbered, record the file's hash in the register."""
    fmt = fmt or path.suffix.lstrip(".").lower()
    font_cache.use_folder(store.paths.cache)  # the parsed fonts, kept for the next export (exporters.fonts)
    digest = render(built, path, fmt)
    changes = Changes()  # a document without a number is not in the register
    if built.register_id is not None:
        with store.transaction() as session:
            row = session.get(DocumentRecord, built.register_id)
            if row is not None:
                row.file_hash = digest
                store.audit(session, "document_record", row.id, "export", after={"file": path.name, "sha256": digest})
        changes.add(Change.DOCUMENT)
    return OpResult(Exported(path, kind, fmt, digest, built.symbol), changes)


def kind_for_register(store: Store, record_id: uuid.UUID) -> tuple[str, uuid.UUID]:
    """What to export for a row of the register: (kind, meeting id)."""
    with store.transaction() as session:
        row = session.get(DocumentRecord, record_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy văn bản này trong sổ đăng ký. Hãy tải lại trang.")
        if row.meeting_id is None:
            raise UserError(f"Văn bản {row.symbol or row.subject} không gắn với kỳ sinh hoạt nào nên chưa xuất lại "
                            "được từ ứng dụng.")
        kind = {"NQ": "resolution", "KL": "resolution", "BB": "minutes", "CTr": "agenda"}.get(row.doc_type)
        if kind is None:
            raise UserError(f"Chưa hỗ trợ xuất lại loại văn bản {row.doc_type}.")
        return kind, row.meeting_id
