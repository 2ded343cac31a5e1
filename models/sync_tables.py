"""Client-side sync bookkeeping (sync-security.md §2.3): the outbox written in the same transaction as
each edit, the sync state, and the two inboxes that are never emptied automatically."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

BULK_OP = "create_many"  # the op of an outbox row standing for many creates (OutboxEntry)


class OutboxEntry(Base):
    """One local change waiting for the server. ``mutation_seq`` is given when it joins a batch.

    A row with ``op`` = ``BULK_OP`` stands for ``records`` creates of one table written at once (a year of dues
    obligations: 60,000 rows). It holds each create's entity id and fields, and its id is the last of
    ``records`` ids kept free before it. The sync engine turns it into those rows, in those ids and with new
    mutation ids, before it reads the outbox (``secretary_app.sync.outbox.expand_bulk``); it is never sent
    as it is."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_bulk", "id", sqlite_where=text(f"op = '{BULK_OP}'")),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_seq: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    op: Mapped[str] = mapped_column(String(10))  # create / update / delete / restore
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON {name: [old, new]}
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    batch_key: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    records: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # changes this row stands for


class SyncState(Base):
    """One row: this PC's device, the cell it syncs, the pull cursor and the server's epoch."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(300), default="")
    username: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default="")
    device_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    cell_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    next_mutation_seq: Mapped[int] = mapped_column(Integer, default=1)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # This data folder must become a new device before it sends anything (a copy of another PC's data, a
    # restored backup): set by the client when the server says the device id is shared, or by a restore.
    new_device: Mapped[bool] = mapped_column(Boolean, default=False)


class ConflictInbox(Base):
    """A conflict the server kept: both values, visible on both PCs until a person resolves it."""

    __tablename__ = "conflict_inbox"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the server's conflict id
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    mutation_id: Mapped[uuid.UUID]
    device_id: Mapped[uuid.UUID | None] = mapped_column(nullable=True)
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    server_version: Mapped[int] = mapped_column(Integer, default=0)
    client_fields: Mapped[str] = mapped_column(Text, default="{}")
    server_fields: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(20), default="open")
    version: Mapped[int] = mapped_column(Integer, default=0)  # 0 until the server's record is pulled
    server_seq: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[str] = mapped_column(String(40), default="")
    updated_by: Mapped[str] = mapped_column(String(120), default="")


class RejectedInbox(Base):
    """A change the server refused, with the reason and the user's data intact."""

    __tablename__ = "rejected_inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    mutation_seq: Mapped[int] = mapped_column(Integer, default=0)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(String(10))
    fields: Mapped[str] = mapped_column(Text, default="{}")
    error_code: Mapped[str] = mapped_column(String(40), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
