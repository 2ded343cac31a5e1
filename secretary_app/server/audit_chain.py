"""The cells' audit trails on the server (issue 15.3): each PC sends its chained entries (models/audit.py),
the server checks every entry against the one before it on receipt, keeps them per cell and device, and
the upper committee verifies a cell's chains on demand (``secretary-server verify-audit``).

Append-only: no route changes or deletes an entry; an entry sent again must be the same entry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, func, insert, select

from models.audit import GENESIS, entry_digest
from secretary_app.server.db import audit_chain, devices, write_transaction
from secretary_app.sync.protocol import (
    AUDIT_CHAIN_BROKEN,
    AUDIT_ENTRY_CHANGED,
    AUDIT_GAP,
    AuditDeviceCheck,
    AuditEntryIn,
    AuditPushResponse,
    AuditVerifyResponse,
)

CONTENT = ("at", "who", "entity", "entity_id", "action", "before", "after", "prev_hash", "hash")


class AuditRefused(Exception):
    """An entry the chain cannot take. ``code`` is one of the protocol's AUDIT_* errors."""

    def __init__(self, code: str, seq: int, reason: str, expected: int | None = None) -> None:
        super().__init__(f"{code} at entry {seq}: {reason}")
        self.code, self.seq, self.reason, self.expected = code, seq, reason, expected


def _digest(entry: Any) -> str:
    return entry_digest(entry.seq, entry.at, entry.who, entry.entity, entry.entity_id, entry.action, entry.before,
                        entry.after, entry.prev_hash)


def receive_audit(engine: Engine, cell_id: uuid.UUID, device_id: uuid.UUID, entries: list[AuditEntryIn],
            now: dt.datetime) -> AuditPushResponse:
    """Store the entries that continue the device's chain. Those before a refused entry are kept (so a
    broken entry does not hold back the ones before it for ever), then the refusal is raised."""
    refusal: AuditRefused | None = None
    fresh: list[dict[str, Any]] = []
    with write_transaction(engine) as conn:
        if engine.dialect.name == "postgresql":  # one writer per device at a time (SQLite: the write lock)
            conn.execute(select(devices.c.id).where(devices.c.id == device_id).with_for_update())
        top = conn.execute(select(audit_chain.c.seq, audit_chain.c.hash).where(audit_chain.c.device_id == device_id)
                           .order_by(audit_chain.c.seq.desc()).limit(1)).first()
        last, last_hash = (top[0], top[1]) if top else (0, GENESIS)
        held = {}
        if entries and entries[0].seq <= last:
            held = {row.seq: row for row in conn.execute(select(audit_chain).where(
                audit_chain.c.device_id == device_id, audit_chain.c.seq.between(entries[0].seq, last)))}
        for entry in entries:
            if entry.seq <= last:
                stored = held.get(entry.seq)
                if stored is None or any(getattr(stored, k) != getattr(entry, k) for k in CONTENT):
                    refusal = AuditRefused(AUDIT_ENTRY_CHANGED, entry.seq,
                                           "the server already holds another entry with this number")
                    break
                continue  # the same entry again (its answer was lost): nothing to do
            if entry.seq != last + 1:
                refusal = AuditRefused(AUDIT_GAP, entry.seq, "entries are missing before it", expected=last + 1)
                break
            if entry.prev_hash != last_hash:
                refusal = AuditRefused(AUDIT_CHAIN_BROKEN, entry.seq, "it does not link to the entry before it")
                break
            if _digest(entry) != entry.hash:
                refusal = AuditRefused(AUDIT_CHAIN_BROKEN, entry.seq, "its content does not give its hash")
                break
            fresh.append({"device_id": device_id, "cell_id": cell_id, "seq": entry.seq, "received_at": now,
                          **{k: getattr(entry, k) for k in CONTENT}})
            last, last_hash = entry.seq, entry.hash
        if fresh:
            conn.execute(insert(audit_chain), fresh)
    if refusal is not None:
        raise refusal
    return AuditPushResponse(last_seq=last, stored=len(fresh))


def _walk(rows: Iterable[Any]) -> tuple[int, int | None, str]:
    """One device's chain in order: numbered 1, 2, 3… each linked to the one before, each hash its content's."""
    prev, count = GENESIS, 0
    for expected, row in enumerate(rows, 1):
        count = expected
        if row.seq != expected:
            return count, expected, "thiếu mục này (đã bị xóa)"
        if row.prev_hash != prev:
            return count, row.seq, "không nối với mục trước (mục trước đã bị sửa hoặc xóa)"
        if _digest(row) != row.hash:
            return count, row.seq, f"nội dung mục đã bị sửa ({row.entity}, lúc {row.at} UTC)"
        prev = row.hash
    return count, None, ""


def verify_cell(engine: Engine, cell_id: uuid.UUID) -> AuditVerifyResponse:
    """Every device's chain of the cell, walked from its first entry."""
    checks: list[AuditDeviceCheck] = []
    with engine.connect() as conn:
        names = dict(conn.execute(select(devices.c.id, devices.c.name)).all())
        device_ids = conn.scalars(select(audit_chain.c.device_id).where(audit_chain.c.cell_id == cell_id)
                                  .group_by(audit_chain.c.device_id).order_by(func.min(audit_chain.c.received_at),
                                                                              audit_chain.c.device_id)).all()
        for device_id in device_ids:
            rows = conn.execute(select(audit_chain).where(audit_chain.c.device_id == device_id,
                                                          audit_chain.c.cell_id == cell_id)
                                .order_by(audit_chain.c.seq)).yield_per(1000)
            entries, broken_at, reason = _walk(rows)
            checks.append(AuditDeviceCheck(device_id=device_id, device_name=names.get(device_id) or "",
                                           entries=entries, broken_at=broken_at, reason=reason))
    return AuditVerifyResponse(cell_id=cell_id, ok=all(c.broken_at is None for c in checks), devices=checks)
