"""Reading and checking the audit trail (who changed what, when, before and after).

The check works on any database file with the standard library, so it runs on a backup as well as on the
live database, and needs no open store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from models.audit import GENESIS, entry_digest
from secretary_app.db.crypto import DbKey, connect, key_for

ACTIONS = {"create": "thêm", "update": "sửa", "delete": "xóa", "restore": "khôi phục", "event": "ghi sự kiện",
           "undo": "hoàn tác", "import": "nhập từ tệp", "assess": "đánh giá", "record": "ghi", "plan": "lập kế hoạch",
           "state": "đổi trạng thái", "finalise": "hoàn tất", "issue": "ban hành"}


@dataclass(frozen=True)
class AuditCheck:
    entries: int
    broken_at: int | None  # the number of the first entry that does not fit the chain
    reason: str

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    @property
    def summary(self) -> str:
        if self.ok:
            return f"toàn vẹn ({self.entries} mục)"
        return f"BỊ SỬA ĐỔI từ mục số {self.broken_at}: {self.reason}"


def verify_database(database: Path, key: DbKey | None = None) -> AuditCheck:
    """Walk the chain in order: each entry's prev_hash is the hash before it, its hash is what its content
    gives, and the numbers run 1, 2, 3… without a gap (a deleted entry leaves one). ``key`` defaults to
    the data folder's own."""
    conn = connect(database, key or key_for(database), readonly=True)
    try:
        rows = conn.execute("SELECT seq, at, who, entity, entity_id, action, before, after, prev_hash, hash "
                            "FROM audit_entry ORDER BY seq").fetchall()
    finally:
        conn.close()
    prev, count = GENESIS, 0
    for expected, (seq, at, who, entity, entity_id, action, before, after, prev_hash, digest) in enumerate(rows, 1):
        if seq != expected:
            what = "thiếu mục trước nó" if seq is not None and seq > expected else "mục không có số thứ tự"
            return AuditCheck(len(rows), expected, what)
        if prev_hash != prev:
            return AuditCheck(len(rows), seq, "không nối với mục trước (mục trước đã bị sửa hoặc xóa)")
        if entry_digest(seq, str(at), who, entity, str(entity_id), action, before, after, prev_hash) != digest:
            return AuditCheck(len(rows), seq, f"nội dung mục đã bị sửa ({entity}, lúc {at})")
        prev, count = digest, count + 1
    return AuditCheck(count, None, "")


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime  # local time
    who: str
    entity: str
    entity_id: str
    action: str  # in words
    label: str  # the record's name when the images have one
    before: str
    after: str


def read_log(database: Path, *, text: str = "", who: str = "", since: dt.date | None = None,
             until: dt.date | None = None, limit: int = 500, key: DbKey | None = None) -> list[AuditRow]:
    """The newest entries first, filtered by a record's name or id, a person and a date range."""
    from models.text import search_key

    conn = connect(database, key or key_for(database), readonly=True)
    try:
        rows = conn.execute("SELECT seq, at, who, entity, entity_id, action, before, after FROM audit_entry "
                            "ORDER BY seq DESC").fetchall()
    finally:
        conn.close()
    wanted, person = search_key(text), search_key(who)
    found: list[AuditRow] = []
    for seq, at, author, entity, entity_id, action, before, after in rows:
        moment = dt.datetime.strptime(str(at)[:26], "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=dt.UTC).astimezone()
        day = moment.date()
        if (since and day < since) or (until and day > until) or (person and person not in search_key(author)):
            continue
        label = _label(before) or _label(after)
        if wanted and wanted not in search_key(f"{label} {entity} {entity_id}"):
            continue
        found.append(AuditRow(seq or 0, moment.replace(tzinfo=None), author, entity, str(entity_id),
                              ACTIONS.get(action, action), label, before, after))
        if len(found) >= limit:
            break
    return found


def _label(image: str) -> str:
    try:
        data = json.loads(image or "{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    for key in ("full_name", "name", "title", "subject", "symbol"):
        if isinstance(data.get(key), str) and data[key]:
            return str(data[key])
    return ""
