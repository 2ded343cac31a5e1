"""Consistent copies of the database file, made with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

KEEP_AUTOMATIC = 10


def backup_database(database: Path, folder: Path, reason: str) -> Path:
    """Copy ``database`` into ``folder`` as one consistent snapshot; return the new file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(database)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    _prune(folder, database.stem, reason)
    return target


def _prune(folder: Path, stem: str, reason: str) -> None:
    """Keep the newest automatic backups of one kind; older ones only fill the disk."""
    old = sorted(folder.glob(f"{stem}-*-{reason}.sqlite3"))
    for path in old[:-KEEP_AUTOMATIC]:
        path.unlink(missing_ok=True)
