"""Checks made when the database opens, so that damage is found before anything is written on top of it:
a corrupt or truncated file (SQLite's quick_check), a connection that did not get the write-ahead log
and full synchronous writes (power loss on an office PC must not lose a committed change), and a full
disk during a write. Each ends in a plain message that says what to do next."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text

from secretary_app.db.backup import BackupPreview, list_backups, preview_backup
from secretary_app.db.crypto import DbKey, NeedsKey, connect
from secretary_app.errors import UserError


class DamagedDatabase(UserError):
    """The database file cannot be trusted; ``good_backup`` is the newest backup that reads well, if any."""

    def __init__(self, message: str, good_backup: BackupPreview | None) -> None:
        super().__init__(message)
        self.good_backup = good_backup


def latest_good_backup(folder: Path, key: DbKey | None = None) -> BackupPreview | None:
    for backup in list_backups(folder):
        try:
            return preview_backup(backup.path, key)
        except UserError:
            continue  # a damaged or foreign backup: try the one before it
    return None


def damaged(database: Path, backups: Path, detail: str, key: DbKey | None = None) -> DamagedDatabase:
    good = latest_good_backup(backups, key)
    if good is None:
        advice = (f"Không có bản sao lưu nào đọc được trong {backups}. Nếu máy đã đồng bộ với máy chủ, hãy "
                  "thiết lập lại từ máy chủ; nếu không, hãy nhờ người hỗ trợ. Tệp hỏng được giữ nguyên.")
    else:
        advice = (f"Bản sao lưu tốt gần nhất: {good.path.name} (lúc {good.taken_at:%H:%M ngày %d/%m/%Y}, "
                  f"{good.members} đảng viên, {good.meetings} kỳ sinh hoạt). Khôi phục bằng lệnh: secretary-app "
                  f"backup restore \"{good.path}\" hoặc khi chương trình hỏi. Tệp hỏng được giữ lại bên cạnh.")
    return DamagedDatabase(f"Tệp dữ liệu {database} bị hỏng hoặc không đầy đủ ({detail}). {advice}", good)


def check_file(database: Path, backups: Path, key: DbKey | None = None) -> None:
    """Refuse a database file that SQLite finds damaged (quick_check), before any connection writes to it."""
    if not database.exists() or database.stat().st_size == 0:
        return
    try:
        conn = connect(database, key, readonly=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except NeedsKey:
        raise
    except Exception as exc:  # sqlite3's or sqlcipher3's error classes, which do not share a base
        if "locked" in str(exc):
            return  # another process is writing: the lock, not damage; the open goes on and waits for it
        if not hasattr(exc, "sqlite_errorcode") and not type(exc).__name__.endswith("Error"):
            raise
        raise damaged(database, backups, str(exc), key) from exc
    if rows != ["ok"]:
        raise damaged(database, backups, "; ".join(rows[:3]), key)


def check_connection(engine: Engine, database: Path) -> None:
    """Read back what the connect hook asked for: WAL and synchronous=FULL. A folder where SQLite cannot
    keep a write-ahead log (some network drives) would silently lose the power-loss guarantee."""
    with engine.connect() as conn:
        mode = str(conn.execute(text("PRAGMA journal_mode")).scalar()).lower()
        sync = int(conn.execute(text("PRAGMA synchronous")).scalar() or 0)
    if mode != "wal" or sync < 2:
        raise UserError(
            f"Thư mục dữ liệu {database.parent} không cho phép ghi an toàn (chế độ {mode}, đồng bộ {sync}); "
            "thường do thư mục nằm trên ổ mạng. Hãy chọn thư mục dữ liệu trên ổ đĩa của máy này."
        )


def is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.OperationalError) and "full" in str(orig).lower()
