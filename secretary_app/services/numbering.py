"""Document numbers: per document type, for the whole term of the Party committee, never reused.

HD 36 §1.3.1.a: numbering runs from the day after the congress to the close of the next one and is not
reset on 1 January. A new term (the cell's ``term_start`` moves) restarts at 01. Numbers of deleted or
cancelled documents stay taken: the next number is computed over every row, tombstones included.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.base import new_id
from models.cell import Cell
from models.documents import DocumentRecord
from secretary_app.errors import UserError

ISSUER_CODE = "CB"  # chi bộ (documents.md §2)
# Types a cell numbers (documents.md §2). Minutes (BB) are recorded but carry no number.
NUMBERED_TYPES = ("NQ", "QĐ", "KL", "TB", "BC", "KH", "CTr", "ĐA", "PA", "TTr", "CV", "QC")
_ATTEMPTS = 5


def format_symbol(number: int, doc_type: str, issuer: str = ISSUER_CODE) -> str:
    """"03-NQ/CB": two digits at least, hyphen before the type, slash before the issuer."""
    return f"{number:02d}-{doc_type}/{issuer}"


def next_number(session: Session, cell_id: uuid.UUID, term_start: dt.date, doc_type: str) -> int:
    highest = session.scalar(
        select(func.max(DocumentRecord.number)).where(
            DocumentRecord.cell_id == cell_id, DocumentRecord.term_start == term_start,
            DocumentRecord.doc_type == doc_type,
        )
    )
    return (highest or 0) + 1


def issue_number(session: Session, cell_id: uuid.UUID, doc_type: str, issued_on: dt.date, *, subject: str,
                 signer: str, recipients: str = "", meeting_id: uuid.UUID | None = None,
                 source_id: uuid.UUID | None = None, file_hash: str = "") -> DocumentRecord:
    """Record an issued document with the next free number of its type in the current term."""
    if doc_type not in NUMBERED_TYPES:
        raise UserError(f"Loại văn bản \"{doc_type}\" không được đánh số trong sổ đăng ký văn bản của chi bộ.")
    cell = session.get(Cell, cell_id)
    if cell is None:
        raise UserError("Chưa có thông tin chi bộ; hãy hoàn tất bước thiết lập ban đầu.")
    if issued_on < cell.term_start:
        raise UserError(
            f"Ngày ban hành {issued_on:%d/%m/%Y} trước ngày bắt đầu nhiệm kỳ {cell.term_start:%d/%m/%Y}. "
            "Hãy kiểm tra lại ngày, hoặc nhiệm kỳ trong trang Cài đặt."
        )
    for _ in range(_ATTEMPTS):
        number = next_number(session, cell_id, cell.term_start, doc_type)
        record = DocumentRecord(
            id=new_id(), cell_id=cell_id, doc_type=doc_type, term_start=cell.term_start, number=number,
            symbol=format_symbol(number, doc_type), issued_on=issued_on, subject=subject, signer=signer,
            recipients=recipients, meeting_id=meeting_id, source_id=source_id, file_hash=file_hash,
        )
        try:
            with session.begin_nested():  # the unique constraint is the last word on "never the same number"
                session.add(record)
        except IntegrityError:
            continue
        return record
    raise UserError("Không cấp được số văn bản do có nhiều người cùng ban hành. Hãy thử lại.")
