"""Undo commands for the pages (roster, meetings). The edit itself is done first (on the worker thread); the command is
pushed after it succeeded, so its first redo() does nothing. Undo and redo call the services again, so
every step is audited like any other edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

Job = Callable[[], Any]


class ServiceCommand(QUndoCommand):
    """``undo_job``/``redo_job`` are service calls; ``run`` hands them to the page's task runner."""

    def __init__(self, text: str, redo_job: Job, undo_job: Job, run: Callable[[Job], None]) -> None:
        super().__init__(text)
        self._redo, self._undo, self._run = redo_job, undo_job, run
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True  # already done before the push
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)
