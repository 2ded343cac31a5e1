"""The one doorway from the screens into the core, after Anki's ``CollectionOp`` / ``QueryOp``.

Every service call a screen makes goes through here::

    ops.write(self.ctx, self, lambda store: votes.record_vote(store, meeting_id, ...)) \
        .success(self._recorded).failure(self._show_error).run()

    ops.read(self.ctx, self, lambda store: overview(store)).success(self._loaded).run()

- The call runs on the task runner's single worker thread (``ui/tasks.py``), never on the GUI thread, and
  receives the open store there (so a call queued before the store finished opening still finds it).
- ``write`` calls return ``OpResult(value, changes)``; ``success`` receives the value, then the change hub
  (``ctx.hub``) broadcasts the ``Changes`` — with ``initiator`` = the widget that asked — to every page and
  to the window. Pages refresh from the hub; nobody looks for the window or guesses a result's shape.
- ``read`` calls return plain data and change nothing.
- ``progress(label)``: a progress dialog saying ``label``, shown only if the call takes longer than 600 ms
  (UI.md); ``reporting()`` passes a ``progress(done, total, text)`` callback to the call as a second argument.
- Errors reach ``failure`` (or, by default, a plain Vietnamese message box, on stderr with ``--screenshot``),
  never a traceback; nothing saved is lost.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from PySide6.QtCore import QObject, Signal

from secretary_app.changes import Changes, OpResult
from ui.tasks import user_message

if TYPE_CHECKING:
    from concurrent.futures import Future

    from PySide6.QtWidgets import QWidget

    from secretary_app.store import Store
    from ui.context import AppContext
    from ui.tasks import TaskRunner

T = TypeVar("T")
R = TypeVar("R")


class ChangeHub(QObject):
    """The one place that says what changed. Pages and the window connect to ``changed``."""

    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


def show_error(ctx: AppContext, parent: QWidget | None, error: Exception) -> None:
    """The plain message for a failed call: a message box, or a line on stderr when headless."""
    if ctx.headless:
        print(f"Lỗi: {user_message(error)}", file=sys.stderr)
        return
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, QCoreApplication.translate("ops", "Could not complete"), user_message(error))


class _Op(Generic[R, T]):
    """A call on the worker with its continuations; ``R`` is what the call returns, ``T`` what success gets."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, call: Callable[..., R],
                 runner: TaskRunner | None = None) -> None:
        self._ctx, self._parent, self._call = ctx, parent, call
        self._runner = runner  # another worker than ctx.runner (background sync: its waits block no edit)
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self._label = ""
        self._reporting = False

    def success(self, fn: Callable[[T], Any]) -> Self:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], Any]) -> Self:
        self._failure = fn
        return self

    def progress(self, label: str) -> Self:
        """Show ``label`` in a progress dialog if the call takes longer than 600 ms."""
        self._label = label
        return self

    def reporting(self) -> Self:
        """Pass a ``progress(done, total, text)`` callback to the call as its second argument."""
        self._reporting = True
        return self

    def run(self) -> Future[Any]:
        ctx, call = self._ctx, self._call

        def job(*progress: Any) -> R:
            store = ctx.store
            if store is None:  # only if opening the store failed: its own message was shown then
                from secretary_app.errors import UserError

                raise UserError("Chưa mở được dữ liệu của chi bộ; hãy khởi động lại chương trình.")
            return call(store, *progress)

        return (self._runner or ctx.runner).run(job, on_done=self._done, on_error=self._failed, label=self._label,
                              parent=self._parent, with_progress=self._reporting)

    def _done(self, result: R) -> None:
        raise NotImplementedError

    def _failed(self, error: Exception) -> None:
        if self._failure is not None:
            self._failure(error)
        else:
            show_error(self._ctx, self._parent, error)


class WriteOp(_Op[OpResult[T], T]):
    """A call that changes the store: success gets the value, then the hub tells every page what changed."""

    def _done(self, result: OpResult[T]) -> None:
        if not isinstance(result, OpResult):
            raise TypeError(f"a write must return OpResult, got {type(result).__name__}")
        try:
            if self._success is not None:
                self._success(result.value)
        finally:
            self._ctx.hub.publish(result.changes.from_initiator(self._parent))


class ReadOp(_Op[T, T]):
    """A call that only reads: success gets what it returned."""

    def _done(self, result: T) -> None:
        if self._success is not None:
            self._success(result)


def write(ctx: AppContext, parent: QWidget | None, call: Callable[[Store], OpResult[T]]) -> WriteOp[T]:
    """A service call that writes. ``call(store)`` runs on the worker and returns ``OpResult``."""
    return WriteOp(ctx, parent, call)


def read(ctx: AppContext, parent: QWidget | None, call: Callable[[Store], T]) -> ReadOp[T]:
    """A service call that only reads (a page's first paint, a refresh). ``call(store)`` runs on the worker."""
    return ReadOp(ctx, parent, call)


def write_reporting(ctx: AppContext, parent: QWidget | None,
                    call: Callable[[Store, Callable[[int, int, str], None]], OpResult[T]], *,
                    runner: TaskRunner | None = None) -> WriteOp[T]:
    """A long write that reports progress: ``call(store, progress)``. ``runner``: a worker of its own, for a
    write that mostly waits on the network (sync) and must not hold up a person's edits."""
    return WriteOp(ctx, parent, call, runner).reporting()


def read_reporting(ctx: AppContext, parent: QWidget | None,
                   call: Callable[[Store, Callable[[int, int, str], None]], T]) -> ReadOp[T]:
    """A long read that reports progress: ``call(store, progress)``."""
    return ReadOp(ctx, parent, call).reporting()
