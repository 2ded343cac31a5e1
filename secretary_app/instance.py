"""One copy of the app per data folder.

Two copies writing the same database would each believe its own screens, and the second one's undo
history would undo the first one's edits. The lock is an operating-system file lock (filelock), which
the system drops when the process ends in any way, so a crashed copy never leaves the folder locked; a
small note beside it says who holds it, for the message the second copy shows.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path

from filelock import FileLock, Timeout

from secretary_app.errors import UserError

PROGRAMS = {"gui": "cửa sổ Sổ tay Bí thư", "cli": "lệnh secretary-app"}


class AlreadyOpen(UserError):
    """Another copy of the app is using this data folder."""


class InstanceLock:
    def __init__(self, data_dir: Path, program: str, detail: str = "") -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(data_dir / "so-tay-bi-thu.lock", timeout=0)
        self._note = data_dir / "so-tay-bi-thu.lock.json"
        self.program = program
        self.detail = detail

    def acquire(self) -> InstanceLock:
        try:
            self._lock.acquire()
        except Timeout:
            raise AlreadyOpen(self._held_by_message()) from None
        note = {"program": self.program, "detail": self.detail, "pid": os.getpid(), "host": socket.gethostname(),
                "since": dt.datetime.now().isoformat(timespec="seconds")}
        self._note.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._note.unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _held_by_message(self) -> str:
        try:
            note = json.loads(self._note.read_text(encoding="utf-8"))
            since = dt.datetime.fromisoformat(note["since"])
            who = (f"{PROGRAMS.get(note['program'], note['program'])}"
                   f"{' (' + note['detail'] + ')' if note.get('detail') else ''}, tiến trình {note['pid']} "
                   f"trên máy {note['host']}, mở từ {since:%H:%M ngày %d/%m/%Y}")
        except (OSError, ValueError, KeyError, TypeError):
            who = "một bản khác của chương trình"
        return (f"Dữ liệu trong thư mục này đang được mở bởi {who}. Hãy dùng bản đang mở đó, hoặc đóng nó rồi "
                "thử lại. Hai bản cùng ghi một dữ liệu có thể ghi đè lên nhau.")
