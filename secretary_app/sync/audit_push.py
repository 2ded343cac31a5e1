"""The last step of a sync: this PC's audit entries (models/audit.py) go to the server, in order, so the
upper committee can verify the chain there (issue 15.3).

The server says how far it holds this device's chain; the entries after that go in batches. Nothing is
kept locally about what was sent: a lost answer just means the next sync asks again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select

from models.audit import AuditEntry, stamp
from secretary_app.sync.client import AuditRefusedError, SyncClient, SyncError
from secretary_app.sync.protocol import (
    AUDIT_BATCH,
    AUDIT_CHAIN_BROKEN,
    AUDIT_GAP,
    MAX_BATCH_BYTES,
    AuditEntryIn,
    AuditPushRequest,
)

audit_entry = AuditEntry.__table__


class AuditShared(SyncError):
    """The server holds other entries under this device's numbers: another install shares the device id
    (a copied data folder). The caller makes this data folder a new device and sends again."""


@dataclass
class AuditSent:
    sent: int = 0
    problem: str = ""  # said to the user: the server refused this PC's chain (edited on this PC)


def _entries_after(engine: Engine, last: int) -> list[AuditEntryIn]:
    """The next batch after entry ``last``: at most AUDIT_BATCH entries, about MAX_BATCH_BYTES of text."""
    batch: list[AuditEntryIn] = []
    size = 0
    with engine.connect() as conn:
        rows = conn.execute(select(audit_entry).where(audit_entry.c.seq > last).order_by(audit_entry.c.seq)
                            .limit(AUDIT_BATCH)).mappings()
        for row in rows:
            size += len(row["before"]) + len(row["after"]) + 400
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(AuditEntryIn(seq=row["seq"], at=stamp(row["at"]), who=row["who"], entity=row["entity"],
                                      entity_id=row["entity_id"].hex, action=row["action"], before=row["before"],
                                      after=row["after"], prev_hash=row["prev_hash"], hash=row["hash"]))
    return batch


def send_audit(engine: Engine, client: SyncClient, device_id: uuid.UUID, cell_id: uuid.UUID) -> AuditSent:
    outcome = AuditSent()
    known = client.push_audit(AuditPushRequest(device_id=device_id, cell_id=cell_id))
    if known is None:
        return outcome  # this account keeps no audit trail on the server
    last = known.last_seq
    # The first batch starts with the last entry the server holds: equal, it vouches for every entry before
    # it (each hash covers the one before); different, another install shares this device id.
    overlap = last > 0
    for _ in range(100_000):
        batch = _entries_after(engine, last - 1 if overlap else last)
        if overlap and (not batch or batch[0].seq != last):
            raise AuditShared("Máy chủ có nhiều mục nhật ký dưới số hiệu của máy này hơn chính máy này.")
        overlap = False
        if not batch:
            break
        try:
            answer = client.push_audit(AuditPushRequest(device_id=device_id, cell_id=cell_id, entries=batch))
        except AuditRefusedError as refused:
            if refused.code == AUDIT_GAP and refused.expected is not None and refused.expected - 1 < last:
                last = refused.expected - 1  # the server lost entries (restored from a backup): send them again
                continue
            if refused.code == AUDIT_CHAIN_BROKEN:
                outcome.problem = (f"Nhật ký thay đổi trên máy này không còn nguyên vẹn từ mục số {refused.seq} "
                                   "nên máy chủ không nhận các mục từ đó trở đi. Hãy mở Cài đặt → Nhật ký thay đổi… "
                                   "để kiểm tra và báo cấp ủy cấp trên; dữ liệu vẫn được đồng bộ bình thường.")
                return outcome
            raise AuditShared("Máy chủ đã có nhật ký khác dưới số hiệu của máy này.") from refused
        if answer is None:
            break
        outcome.sent += answer.stored
        last = answer.last_seq
    return outcome
