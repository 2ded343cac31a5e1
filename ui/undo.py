"""Undo commands for the pages (roster, meetings). The edit itself is done first (on the worker thread); the command is
pushed after it succeeded, so its first redo() does nothing. Undo and redo call the services again through the
one doorway (``ui/ops.py``), so every step is audited like any other edit and every page hears of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from secretary_app.changes import OpResult

if TYPE_CHECKING:
    from secretary_app.store import Store

Job = Callable[["Store"], OpResult[Any]]  # a writing service call, given the store on the worker


class ServiceCommand(QUndoCommand):
    """``undo_job``/``redo_job`` are service calls; ``run`` hands them to the doorway."""

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
