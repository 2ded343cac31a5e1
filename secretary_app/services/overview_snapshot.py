"""The last overview, kept as a small JSON file next to the database so the window can show the to-do list at
once when it starts, before the database is open (issue 11's start-up target); the fresh overview replaces
it as soon as the store is ready.

Privacy: the to-do list names members. A database encrypted at rest must not leak them through a file in
clear, so with an encrypted database no snapshot is written, and one left from before the encryption is
deleted (the overview then appears when the store is open, as before). Reading is forgiving: a missing,
corrupt or foreign file gives ``None``, never an error — start-up must not depend on it.

Imports only the standard library and the overview's data types: it runs before SQLAlchemy is imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secretary_app.paths import AppPaths
from secretary_app.services.overview import Action, Kind, Overview, Target, TodoItem, Urgency

if TYPE_CHECKING:
    from secretary_app.store import Store

FILE_NAME = "tong-quan.json"
VERSION = 1
_HEADER = b"SQLite format 3\x00"


def snapshot_path(paths: AppPaths) -> Path:
    return paths.data_dir / FILE_NAME


def _encrypted(database: Path) -> bool:
    """As ``db.crypto.is_encrypted`` (a plain SQLite file starts with its header), without importing it."""
    try:
        with open(database, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != _HEADER


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def save_snapshot(paths: AppPaths, data: Overview) -> bool:
    """Write the overview for the next start (atomically); False when skipped because the data is encrypted."""
    path = snapshot_path(paths)
    if _encrypted(paths.database):
        _forget(path)
        return False
    payload = {"version": VERSION, **_plain(asdict(data))}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
    return True


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _id(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


def _item(raw: dict[str, Any]) -> TodoItem:
    t = raw["target"]
    target = Target(str(t["page"]), _id(t.get("record_id")), t.get("step"), int(t.get("position", 0)),
                    _date(t.get("month")), Action(t.get("action", "")))
    return TodoItem(Kind(raw["kind"]), Urgency(raw["urgency"]), _date(raw.get("due")), str(raw["text"]), target)


def load_snapshot(paths: AppPaths) -> Overview | None:
    """The overview saved last time, or None (no file, a damaged or older file, an encrypted database)."""
    path = snapshot_path(paths)
    if _encrypted(paths.database):
        _forget(path)  # written before the data was encrypted: names must not stay in clear
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("version") != VERSION:
            return None
        return Overview(
            members_total=int(raw["members_total"]), official=int(raw["official"]),
            probationary=int(raw["probationary"]), exempt=int(raw["exempt"]), away=int(raw["away"]),
            last_meeting_title=str(raw["last_meeting_title"]),
            last_meeting_attendance=str(raw["last_meeting_attendance"]),
            next_meeting_title=str(raw["next_meeting_title"]),
            todo=tuple(_item(item) for item in raw["todo"]), as_of=_date(raw.get("as_of")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def fresh_overview(store: Store, **options: Any) -> Overview:
    """The overview computed from the store (``services.overview.overview``), saved for the next start."""
    from secretary_app.services.overview import overview

    data = overview(store, **options)
    with contextlib.suppress(OSError):  # a read-only or full disk costs only the fast start, never the overview
        save_snapshot(store.paths, data)
    return data
