"""Backups of the local database: consistent copies made with SQLite's online backup API (never a file copy
of a live database, which can catch a half-written page or miss the WAL), automatic rotation, a preview
of what a backup file holds, and restore.

File names carry what a listing needs: ``so-tay-bi-thu-20261201-201500-123456-<reason>.sqlite3``.
Reasons: ``auto`` (the daily backup, rotated: one a day for a week, one a month for a year, both
settings), ``manual``, ``before-restore`` and ``before-<revision>`` (before a migration; the newest ten
of each kind are kept).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secretary_app.db.crypto import DbKey, NeedsKey, connect, is_encrypted
from secretary_app.db.revision import known_revision
from secretary_app.errors import UserError

KEEP_AUTOMATIC = 10
AUTO = "auto"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[\w.-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


@dataclass(frozen=True)
class BackupPreview:
    """What a backup holds, read from the file itself, shown before anything is restored."""

    path: Path
    taken_at: dt.datetime | None
    cell_name: str
    superior_name: str
    members: int
    meetings: int
    documents: int
    revision: str


def _copy(source: Any, target: Path, key: DbKey | None = None) -> None:
    """The online backup API from an open connection into a new file, encrypted with the same key."""
    dest = connect(target, key)
    try:
        source.backup(dest)
    finally:
        dest.close()


def backup_database(database: Path, folder: Path, reason: str, *, target: Path | None = None,
                    key: DbKey | None = None) -> Path:
    """Copy ``database`` as one consistent snapshot into ``folder`` (or to ``target``); return its path.

    A full disk or a missing folder raises a UserError that says so; a half-written copy is removed, so a
    backup file that exists is always whole."""
    if target is None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    source = connect(database, key, readonly=True)
    try:
        _copy(source, target, key)
    except (sqlite3.Error, OSError, _cipher_error()) as exc:
        target.unlink(missing_ok=True)
        raise UserError(
            f"Không sao lưu được vào {target.parent}: {_plain(exc)}. Dữ liệu đang dùng không bị ảnh hưởng; "
            "hãy chọn thư mục khác hoặc giải phóng chỗ trống rồi thử lại."
        ) from exc
    finally:
        source.close()
    if target.parent == folder and reason != AUTO:
        _prune(folder, database.stem, reason)
    return target


def _plain(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "ổ đĩa đã đầy"
    if isinstance(exc, PermissionError) or "permission" in text or "readonly" in text:
        return "không có quyền ghi"
    if isinstance(exc, FileNotFoundError) or "unable to open" in text:
        return "không tìm thấy thư mục"
    return str(exc)


def _prune(folder: Path, stem: str, reason: str) -> None:
    """Keep the newest backups of one kind (migrations, restores, manual); older ones only fill the disk."""
    old = sorted(folder.glob(f"{stem}-*-{reason}.sqlite3"))
    for path in old[:-KEEP_AUTOMATIC]:
        path.unlink(missing_ok=True)


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first."""
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if not match:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        found.append(BackupFile(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(folder: Path, *, daily: int, monthly: int) -> list[Path]:
    """Thin the automatic backups: the newest of each of the last ``daily`` days that have one, and the
    first of each of the last ``monthly`` months; return what was deleted. Other kinds are left alone."""
    autos = [b for b in list_backups(folder) if b.reason == AUTO]  # newest first
    keep: set[Path] = set()
    days: list[dt.date] = []
    for backup in autos:
        day = backup.taken_at.date()
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(backup.path)
    months: dict[tuple[int, int], BackupFile] = {}
    for backup in autos:  # newest first, so the last one seen in a month is its first
        months[(backup.taken_at.year, backup.taken_at.month)] = backup
    for key in sorted(months, reverse=True)[:monthly]:
        keep.add(months[key].path)
    gone = [b.path for b in autos if b.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def take_daily(database: Path, folder: Path, *, daily: int, monthly: int, now: dt.datetime | None = None,
               key: DbKey | None = None) -> Path | None:
    """The automatic backup: at most one a day, then the rotation. None when today's already exists."""
    today = (now or dt.datetime.now()).date()
    if not database.exists() or any(b.reason == AUTO and b.taken_at.date() == today for b in list_backups(folder)):
        return None
    made = backup_database(database, folder, AUTO, key=key)
    rotate(folder, daily=daily, monthly=monthly)
    return made


def _cipher_error() -> type[Exception]:
    """sqlcipher3's own Error class (not a subclass of sqlite3's), or sqlite3.Error when it is not installed."""
    try:
        import sqlcipher3
    except ImportError:
        return sqlite3.Error
    return sqlcipher3.dbapi2.Error


def preview_backup(path: Path, key: DbKey | None = None) -> BackupPreview:
    """Read what ``path`` holds without changing it. A file that is not a readable Sổ tay Bí thư database,
    or one made by a newer version of the program, raises a UserError saying so."""
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu {path}.")
    if is_encrypted(path) and key is None:
        raise NeedsKey(f"Tệp {path.name} không phải bản sao lưu Sổ tay Bí thư đọc được, hoặc đã được mã hóa bằng "
                       "khóa của máy khác: khi đó hãy dùng tệp khóa của máy đó (secretary-app backup restore TỆP "
                       "--key-file TỆP_KHÓA).")
    try:
        conn = connect(path, key if is_encrypted(path) else None, readonly=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            cell = conn.execute("SELECT name, superior_name FROM cell WHERE deleted = 0 LIMIT 1").fetchone()

            def count(table: str) -> int:
                return int(conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0])

            members, meetings, documents = count("member"), count("meeting"), count("document_record")
        finally:
            conn.close()
    except (sqlite3.Error, _cipher_error(), TypeError) as exc:
        raise UserError(f"Tệp {path.name} không phải bản sao lưu Sổ tay Bí thư đọc được (có thể bị hỏng).") from exc
    if not known_revision(revision):
        raise UserError(f"Bản sao lưu {path.name} do một phiên bản Sổ tay Bí thư mới hơn tạo ra. Hãy cập nhật "
                        "chương trình trước khi khôi phục; không có gì bị thay đổi.")
    match = _NAME.match(path.name)
    taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f") if match else \
        dt.datetime.fromtimestamp(path.stat().st_mtime)
    name, superior = cell if cell else ("(chưa có chi bộ)", "")
    return BackupPreview(path, taken, name, superior, members, meetings, documents, revision)


def _reads_well(database: Path, key: DbKey | None) -> bool:
    try:
        conn = connect(database, key, readonly=True)
        try:
            return [row[0] for row in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except Exception:  # sqlite3's or sqlcipher3's errors, or no key: not a database to keep as a backup
        return False


def replace_database(backup: Path, database: Path, folder: Path, *, key: DbKey | None = None,
                     backup_key: DbKey | None = None) -> Path | None:
    """Put ``backup`` in place of ``database``; the caller has closed every connection to it.

    The backup is checked first (a readable backup of this or an older version). The current database is
    backed up ("before-restore") or, when it is too damaged to copy, moved aside whole (with its log) for
    support to look at. The backup is copied to a new file beside the database, which then takes the
    database's name in one rename: at any moment the name holds either the old database or the whole new
    one. ``key`` opens the current database, ``backup_key`` the backup (which keeps its own key: the
    caller remembers it for the folder). Returns the before-restore backup, if one was made."""
    backup_key = backup_key if is_encrypted(backup) else None
    preview_backup(backup, backup_key)
    before: Path | None = None
    if database.exists():
        try:
            if not _reads_well(database, key):  # the backup API copies damaged pages as they are
                raise UserError("damaged")
            before = backup_database(database, folder, "before-restore", key=key)
        except UserError:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{database}{suffix}")
                if part.exists():
                    part.rename(part.with_name(f"{database.name}.damaged-{stamp}{suffix}"))
    fresh = database.with_name(database.name + ".restoring")
    fresh.unlink(missing_ok=True)
    source = connect(backup, backup_key, readonly=True)
    try:
        _copy(source, fresh, backup_key)
    except (sqlite3.Error, _cipher_error(), OSError) as exc:
        fresh.unlink(missing_ok=True)
        raise UserError(f"Không khôi phục được: {_plain(exc)}. Dữ liệu đang dùng không bị thay đổi.") from exc
    finally:
        source.close()
    for suffix in ("-wal", "-shm"):  # the old log belongs to the old file, already backed up
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, database)
    return before
