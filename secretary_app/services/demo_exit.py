"""Leaving the demo cell: the demo marks its data folder when it is made, and only a marked folder can be
left. Nothing is deleted: the demo's database is moved aside into a dated folder next to it, so the next
start finds an empty data folder and shows the first-start wizard."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from secretary_app.errors import UserError
from secretary_app.paths import AppPaths

DEMO_MARKER = "chi-bo-mau.txt"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def mark_demo(paths: AppPaths) -> None:
    """Written by the demo cell's creation: this folder holds the demo, not a real cell."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    (paths.data_dir / DEMO_MARKER).write_text(
        "Thư mục này chứa chi bộ mẫu của Sổ tay Bí thư (dữ liệu giả để xem thử).\n", encoding="utf-8")


def is_demo(paths: AppPaths) -> bool:
    return (paths.data_dir / DEMO_MARKER).is_file()


def leave_demo(paths: AppPaths, now: dt.datetime | None = None) -> Path:
    """Move the demo's database (closed by the caller) and its marker into ``chi-bo-mau-<time>`` beside
    them; returns that folder. Refuses a folder that is not marked as the demo: real data never moves."""
    if not is_demo(paths):
        raise UserError("Dữ liệu trên máy này không phải chi bộ mẫu nên không thoát được; dữ liệu được giữ nguyên.")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = paths.data_dir / f"chi-bo-mau-{stamp}"
    target.mkdir()
    database = paths.database
    for path in (database, *(database.with_name(database.name + side) for side in _SIDE_FILES)):
        if path.exists():
            shutil.move(str(path), target / path.name)
    shutil.move(str(paths.data_dir / DEMO_MARKER), target / DEMO_MARKER)
    return target
