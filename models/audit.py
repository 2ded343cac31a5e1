"""Audit trail: who changed what, when, with the before and after images.

Append-only and chained: each entry carries the hash of the one before it (``prev_hash``) and its own
(``hash``, over its number, time, author, record, action, both images and ``prev_hash``), so editing,
deleting or inserting an entry anywhere in the file breaks the chain from that entry on. The cell id is
left out of the hash: joining the server's cell re-keys it on every row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, new_id, utcnow

GENESIS = "0" * 64
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLite keeps a DateTime: the text the hash is made of


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    cell_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True, index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    who: Mapped[str] = mapped_column(String(120), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    action: Mapped[str] = mapped_column(String(20))  # create / update / delete / event / undo
    before: Mapped[str] = mapped_column(Text, default="")  # JSON
    after: Mapped[str] = mapped_column(Text, default="")  # JSON
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")


def stamp(moment: dt.datetime) -> str:
    """The UTC time as stored, naive, to the microsecond."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.strftime(TIME_FORMAT)


def entry_digest(seq: int, at: str, who: str, entity: str, entity_id_hex: str, action: str, before: str,
                 after: str, prev_hash: str) -> str:
    parts = (str(seq), at, who, entity, entity_id_hex, action, before, after, prev_hash)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
