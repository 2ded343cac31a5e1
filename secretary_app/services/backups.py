"""Backups as the secretary sees them: make one now (into the data folder's backups or onto a USB stick),
list them, see what one holds, restore one. The file work is in ``secretary_app.db.backup``; this module
adds the audit trail's check, the counts and what a restore means for sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from secretary_app.db.backup import (
    BackupFile,
    BackupPreview,
    backup_database,
    list_backups,
    preview_backup,
    replace_database,
)
from secretary_app.errors import UserError
from secretary_app.paths import AppPaths

__all__ = ["BackupMade", "BackupPreview", "backup_age", "create_backup", "last_backup", "preview_backup",
           "restore_backup"]


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
    audit = audit_status(paths)
    if target is not None and target.is_dir():
        made = backup_database(database, target, "manual")
    elif target is not None:
        made = backup_database(database, target.parent, "manual", target=target)
    else:
        made = backup_database(database, paths.backups, "manual")
    preview = preview_backup(made)
    return BackupMade(made, preview.members, preview.meetings, preview.documents, audit)


def audit_status(paths: AppPaths) -> str:
    from secretary_app.services.audit_log import verify_database

    return verify_database(paths.database).summary


def last_backup(paths: AppPaths) -> BackupFile | None:
    backups = list_backups(paths.backups)
    return backups[0] if backups else None


def restore_backup(paths: AppPaths, backup: Path) -> Path | None:
    """Restore ``backup`` in place of the data folder's database (nothing else may have it open: the
    caller holds the one-copy lock). The current database is kept as a "before-restore" backup. The
    restored data then syncs as a new computer, so the changes it still had waiting are sent again
    instead of clashing with what the original went on sending after the backup was made."""
    from secretary_app.store import Store
    from secretary_app.sync.service import become_new_device

    before = replace_database(backup, paths.database, paths.backups)
    store = Store(paths, daily_backups=(0, 0))  # brings an older backup's schema up to date
    try:
        become_new_device(store)
    finally:
        store.close()
    return before


def backup_age(backup: BackupFile | None, now: dt.datetime | None = None) -> str:
    """"hôm nay lúc 20:15", "3 ngày trước", or "chưa có" — for the Cài đặt page."""
    if backup is None:
        return "chưa có bản sao lưu nào"
    now = now or dt.datetime.now()
    days = (now.date() - backup.taken_at.date()).days
    when = "hôm nay" if days == 0 else "hôm qua" if days == 1 else f"{days} ngày trước"
    return f"{when}, lúc {backup.taken_at:%H:%M ngày %d/%m/%Y}"
