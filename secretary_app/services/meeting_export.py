"""Export the meeting documents (programme, minutes, extract, resolution, term minutes book) to DOCX/PDF."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from exporters import DocumentError, ExportError, render_docx, render_pdf
from models.cell import Cell
from models.meetings import Meeting
from models.members import Member
from secretary_app.documents.meeting_docs import (
    MeetingRecord,
    build_extract,
    build_minutes,
    build_minutes_book,
    build_programme,
    build_resolution,
)
from secretary_app.errors import NotFoundError, UserError, ValidationFailed
from secretary_app.services import votes as votes_service
from secretary_app.services.meeting_attendance import sheet_in
from secretary_app.services.meeting_cycle import _detail, load_meeting
from secretary_app.services.minutes import _view as minutes_view_in
from secretary_app.services.resolutions import get_resolution
from secretary_app.store import Store

DOCUMENTS = {"agenda": build_programme, "minutes": build_minutes, "extract": build_extract,
             "resolution": build_resolution}
FORMATS = ("docx", "pdf")


def meeting_record(store: Store, meeting_id: uuid.UUID) -> MeetingRecord:
    with store.transaction() as session:
        meeting = load_meeting(session, store, meeting_id)
        cell = session.get(Cell, meeting.cell_id)
        assert cell is not None
        detail = _detail(session, meeting)
        sheet = sheet_in(session, store, meeting)
        chair = session.get(Member, meeting.chair_id) if meeting.chair_id else None
        recorder = session.get(Member, meeting.recorder_id) if meeting.recorder_id else None
        minutes = minutes_view_in(session, meeting)
        ended = meeting.ended_at
    votes = tuple(votes_service.list_votes(store, meeting_id))
    return MeetingRecord(cell.name, cell.superior_name, cell.place_name, detail.title, detail.kind,
                         detail.planned_at, detail.planned_minutes, detail.place, detail.state, detail.agenda,
                         sheet.counts, sheet.guests, chair.full_name if chair else "",
                         recorder.full_name if recorder else "", minutes, votes,
                         get_resolution(store, meeting_id), ended)


def latest_meeting_id(store: Store) -> uuid.UUID:
    with store.transaction() as session:
        found = session.scalar(select(Meeting.id).where(Meeting.cell_id == store.cell_id, Meeting.deleted.is_(False))
                               .order_by(Meeting.planned_at.desc()).limit(1))
    if found is None:
        raise NotFoundError("Chi bộ chưa có kỳ sinh hoạt nào.")
    return found


def _render(document, path: Path, fmt: str) -> Path:  # type: ignore[no-untyped-def]
    if fmt not in FORMATS:
        raise ValidationFailed("Định dạng chỉ có thể là docx hoặc pdf.", field="format")
    try:
        (render_docx if fmt == "docx" else render_pdf)(document, path)
    except (DocumentError, ExportError) as exc:
        raise UserError(f"Không xuất được văn bản: {exc}") from exc
    return path


def export_meeting_document(store: Store, meeting_id: uuid.UUID, kind: str, fmt: str, path: Path) -> Path:
    builder = DOCUMENTS.get(kind)
    if builder is None:
        raise ValidationFailed("Loại văn bản chỉ có: agenda, minutes, extract, resolution.", field="kind")
    record = meeting_record(store, meeting_id)
    try:
        document = builder(record)
    except DocumentError as exc:
        raise UserError(f"Chưa đủ nội dung để xuất văn bản: {exc}") from exc
    return _render(document, Path(path), fmt)


def export_minutes_book(store: Store, path: Path) -> Path:
    """The term's minutes book: every finalised meeting since the term started, oldest first (PDF)."""
    with store.transaction() as session:
        cell = session.get(Cell, store.cell_id)
        assert cell is not None
        ids = list(session.scalars(select(Meeting.id).where(
            Meeting.cell_id == cell.id, Meeting.deleted.is_(False), Meeting.state == "final",
            Meeting.planned_at >= cell.term_start).order_by(Meeting.planned_at)))
        term = f"{cell.term_start:%m/%Y} – {cell.term_end:%m/%Y}" if cell.term_end else f"từ {cell.term_start:%m/%Y}"
        name, superior = cell.name, cell.superior_name
    records = [meeting_record(store, i) for i in ids]
    try:
        document = build_minutes_book(records, name, superior, term)
    except DocumentError as exc:
        raise UserError(str(exc)) from exc
    return _render(document, Path(path), "pdf")
