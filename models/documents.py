"""The register of issued documents and content-addressed attachments (documents.md §6)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, SyncMixin


class DocumentRecord(SyncMixin, Base):
    """One issued document. Numbers run per type for the whole term and are never reused."""

    __tablename__ = "document_record"
    __table_args__ = (
        UniqueConstraint("cell_id", "term_start", "doc_type", "number", name="uq_document_number"),
    )

    doc_type: Mapped[str] = mapped_column(String(10))  # NQ, BB, BC, KH, CTr, KL, …
    term_start: Mapped[dt.date] = mapped_column(Date)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # minutes carry no number
    symbol: Mapped[str] = mapped_column(String(40), default="")  # "03-NQ/CB"
    issued_on: Mapped[dt.date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(String(300), default="")
    signer: Mapped[str] = mapped_column(String(120), default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    file_hash: Mapped[str] = mapped_column(String(64), default="")
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    source_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)  # the resolution/minutes it renders
    amends_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("document_record.id"), nullable=True)


class Attachment(SyncMixin, Base):
    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    data: Mapped[bytes] = mapped_column(LargeBinary)
