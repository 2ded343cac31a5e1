"""The register of issued documents (sổ đăng ký văn bản đi) as plain rows."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from models.documents import DocumentRecord
from secretary_app.store import Store


@dataclass(frozen=True)
class DocumentRow:
    id: uuid.UUID
    doc_type: str
    number: int | None
    symbol: str
    issued_on: dt.date
    subject: str
    signer: str
    term_start: dt.date | None = None
    recipients: str = ""
    file_hash: str = ""
    meeting_id: uuid.UUID | None = None


def list_documents(store: Store) -> list[DocumentRow]:
    with store.transaction() as session:
        docs = session.scalars(
            select(DocumentRecord)
            .where(DocumentRecord.cell_id == store.cell_id, DocumentRecord.deleted.is_(False))
            .order_by(DocumentRecord.issued_on.desc(), DocumentRecord.number.desc())
        ).all()
        return [DocumentRow(d.id, d.doc_type, d.number, d.symbol, d.issued_on, d.subject, d.signer, d.term_start,
                            d.recipients, d.file_hash, d.meeting_id) for d in docs]
