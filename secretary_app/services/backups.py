"""Backups as the secretary sees them: make one now (into the data folder's backups or onto a USB stick),
list them, see what one holds, restore one. The file work is in ``secretary_app.db.backup``; this module
adds the audit trail's check, the counts and what a restore means for sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secretary_app.changes import Changes, OpResult
from secretary_app.db.backup import (
    BackupFile,
    BackupPreview,
    backup_database,
    list_backups,
    preview_backup,
    replace_database,
)
from secretary_app.db.crypto import DbKey, is_encrypted, key_for, keyring_key, parse_key, remember_key
from secretary_app.errors import UserError
from secretary_app.paths import AppPaths

if TYPE_CHECKING:
    from secretary_app.store import Store

__all__ = ["BackupMade", "BackupPreview", "backup_age", "create_backup", "export_key", "last_backup", "preview",
           "restore_backup", "restore_into"]


@dataclass(frozen=True)
class BackupMade:
    path: Path
    members: int
    meetings: int
    documents: int
    audit: str  # the audit trail's check, in words


def create_backup(paths: AppPaths, target: Path | None = None) -> BackupMade:
    """A manual backup: into the backups folder, into a chosen folder (the usual file name), or to a file.
    The audit trail is checked first and the result reported with the backup (a broken chain is still
    backed up: the backup is evidence, and refusing it would lose the rest)."""
    database = paths.database
    if not database.exists():
        raise UserError("Chưa có dữ liệu để sao lưu: thư mục dữ liệu chưa có chi bộ.")
    key = key_for(database)
    audit = audit_status(paths)
    if target is not None and target.is_dir():
        made = backup_database(database, target, "manual", key=key)
    elif target is not None:
        made = backup_database(database, target.parent, "manual", target=target, key=key)
    else:
        made = backup_database(database, paths.backups, "manual", key=key)
    preview = preview_backup(made, key)
    return BackupMade(made, preview.members, preview.meetings, preview.documents, audit)


def audit_status(paths: AppPaths) -> str:
    from secretary_app.services.audit_log import verify_database

    return verify_database(paths.database).summary


def preview(paths: AppPaths, backup: Path, key_file: Path | None = None) -> BackupPreview:
    """What ``backup`` holds; an encrypted one opens with ``key_file`` or, failing that, this folder's key."""
    return preview_backup(backup, _backup_key(paths, backup, key_file))


def _backup_key(paths: AppPaths, backup: Path, key_file: Path | None) -> DbKey | None:
    if not is_encrypted(backup):
        return None
    if key_file is not None:
        return read_key_file(key_file)
    try:
        return key_for(paths.database) if is_encrypted(paths.database) else keyring_key(paths.data_dir)
    except UserError:
        return None


def read_key_file(path: Path) -> DbKey:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise UserError(f"Không đọc được tệp khóa {path}: {exc.strerror or exc}.") from exc
    return parse_key(text)


def export_key(paths: AppPaths, target: Path) -> Path:
    """Write this folder's key to ``target`` (readable by its owner only), for restoring its backups on
    another PC; keep it apart from the backups, on paper or a second USB stick."""
    key = key_for(paths.database)
    if key is None:
        raise UserError("Dữ liệu này chưa được mã hóa nên không có khóa để lưu.")
    target.write_text(key.export_text() + "\n", encoding="utf-8")
    target.chmod(0o600)
    return target


def last_backup(paths: AppPaths) -> BackupFile | None:
    backups = list_backups(paths.backups)
    return backups[0] if backups else None


def restore_backup(paths: AppPaths, backup: Path, key_file: Path | None = None) -> Path | None:
    """Restore ``backup`` in place of the data folder's database (nothing else may have it open: the
    caller holds the one-copy lock). The current database is kept as a "before-restore" backup. The
    restored data then syncs as a new computer, so the changes it still had waiting are sent again
    instead of clashing with what the original went on sending after the backup was made."""
    from secretary_app.store import Store

    paths.ensure()
    backup_key = _backup_key(paths, backup, key_file)
    try:
        current_key = key_for(paths.database)
    except UserError:
        current_key = None  # the current database's key is lost: it is moved aside whole, not backed up
    before = replace_database(backup, paths.database, paths.backups, key=current_key, backup_key=backup_key)
    if backup_key is not None and backup_key.raw_hex:
        remember_key(paths.data_dir, backup_key)  # the restored database keeps the key it was made with
    from secretary_app.sync.service import become_new_device

    store = Store(paths, daily_backups=(0, 0))  # brings an older backup's schema up to date
    try:
        become_new_device(store)
    finally:
        store.close()
    return before


def restore_into(store: Store, backup: Path) -> OpResult[Path | None]:
    """Restore ``backup`` over the open store's database (the Cài đặt page; ``Store.restore_from``). Every
    record may differ afterwards, so every kind of change is reported. The value is the before-restore copy."""
    return OpResult(store.restore_from(backup), Changes.everything())


def backup_age(backup: BackupFile | None, now: dt.datetime | None = None) -> str:
    """"hôm nay lúc 20:15", "3 ngày trước", or "chưa có" — for the Cài đặt page."""
    if backup is None:
        return "chưa có bản sao lưu nào"
    now = now or dt.datetime.now()
    days = (now.date() - backup.taken_at.date()).days
    when = "hôm nay" if days == 0 else "hôm qua" if days == 1 else f"{days} ngày trước"
    return f"{when}, lúc {backup.taken_at:%H:%M ngày %d/%m/%Y}"
