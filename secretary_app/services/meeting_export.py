"""Export for the meeting workspace: the meeting documents through the documents service (which owns the
builders), and the term's minutes book (documents.md §6) — every finalised meeting's minutes in one
page-numbered PDF."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from exporters import HD36_2018, Document, DocumentError, Header, Heading, PageBreak, Paragraph
from models.cell import Cell
from models.meetings import Meeting
from models.rules.meetings import MeetingState
from secretary_app.changes import OpResult
from secretary_app.documents import minutes as minutes_builders
from secretary_app.errors import UserError, ValidationFailed
from secretary_app.services import documents
from secretary_app.store import Store

# The workspace's names → the documents service's kinds.
KINDS = {"agenda": "agenda", "minutes": "minutes", "extract": "minutes-extract", "resolution": "resolution"}


def export_meeting_document(store: Store, meeting_id: uuid.UUID, kind: str, fmt: str, path: Path) -> OpResult[Path]:
    """Render one meeting document; a numbered one has its file hash recorded in the register."""
    if kind not in KINDS:
        raise ValidationFailed("Loại văn bản chỉ có: chương trình, biên bản, trích biên bản, nghị quyết.")
    _exported, changes = documents.export(store, KINDS[kind], Path(path), fmt, meeting_id=meeting_id)
    return OpResult(Path(path), changes)


def build_minutes_book(store: Store) -> Document:
    with store.transaction() as session:
        cell = session.get(Cell, store.cell_id)
        assert cell is not None
        ids = list(session.scalars(select(Meeting.id).where(
            Meeting.cell_id == cell.id, Meeting.deleted.is_(False), Meeting.state == MeetingState.FINAL,
            Meeting.planned_at >= cell.term_start).order_by(Meeting.planned_at)))
        if not ids:
            raise UserError("Nhiệm kỳ này chưa có biên bản nào đã hoàn tất.")
        term = f"{cell.term_start:%m/%Y} – {cell.term_end:%m/%Y}" if cell.term_end else f"từ {cell.term_start:%m/%Y}"
        records = [documents.meeting_record(session, cell.id, i) for i in ids]
        name, superior = cell.name, cell.superior_name
    try:
        parts = [minutes_builders.build_minutes(r) for r in records]
    except DocumentError as exc:
        raise UserError(f"Chưa đủ nội dung để lập sổ biên bản: {exc}") from exc
    blocks: list = [Paragraph.from_markup(f"Nhiệm kỳ {term}. Gồm {len(parts)} biên bản đã hoàn tất:",
                                          indent_first_line=False)]
    blocks += [Paragraph.from_markup(f"{n}. Biên bản {p.subject or ''}", indent_first_line=False)
               for n, p in enumerate(parts, start=1)]
    for p in parts:
        blocks.append(PageBreak())
        blocks.append(Heading(f"BIÊN BẢN {(p.subject or '').upper()}"))
        blocks.extend(p.blocks)
    return Document(Header(superior, name), "SỔ BIÊN BẢN", "sinh hoạt chi bộ", tuple(blocks))


def export_minutes_book(store: Store, path: Path) -> Path:
    """The term's minutes book as PDF; the renderer numbers pages from page 2 (documents.md §1)."""
    book = build_minutes_book(store)
    documents.render(documents.Built(book, HD36_2018), Path(path), "pdf")
    return Path(path)
