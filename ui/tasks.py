"""Keep database, export and sync work off the GUI thread.

One worker thread runs jobs in order (a single writer: SQLite allows one anyway, and order matters
for a person's edits). The worker never calls Qt: it puts results on a queue that the GUI thread
drains on a short timer while jobs are pending, so no Qt object is touched from a Python thread. A
progress dialog appears only when a job takes longer than 600 ms, as Anki does, so quick jobs do not
flash.
"""

from __future__ import annotations

import logging
import queue
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from secretary_app.errors import UserError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class _Delivery:
    """Everything a finished job hands to the GUI thread, in one object."""

    __slots__ = ("callback", "dialog", "error", "result")

    def __init__(self, callback: Callable[[Any], object] | None, dialog: QProgressDialog | None,
                 result: Any = None, error: Exception | None = None) -> None:
        self.callback, self.dialog, self.result, self.error = callback, dialog, result, error


class _Progress:
    __slots__ = ("dialog", "done", "text", "total")

    def __init__(self, dialog: QProgressDialog | None, done: int, total: int, text: str) -> None:
        self.dialog, self.done, self.total, self.text = dialog, done, total, text


class TaskRunner(QObject):
    busyChanged = Signal(bool)
    POLL_MS = 20

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool: ThreadPoolExecutor | None = None  # made by the first job, after the window shows
        self._closed = False
        self._pending = 0
        self._inbox: queue.SimpleQueue[_Delivery | _Progress] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._drain)

    def run(self, job: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], object] | None = None, label: str = "",
            parent: QWidget | None = None, with_progress: bool = False) -> Future:
        """Run ``job()`` (or ``job(progress)`` when ``with_progress``) on the worker thread."""
        dialog = self._make_dialog(label, parent) if label else None

        def work() -> None:
            try:
                if with_progress:
                    result = job(lambda done, total, text="": self._post(_Progress(dialog, done, total, text)))
                else:
                    result = job()
                self._post(_Delivery(on_done, dialog, result=result))
            except Exception as exc:  # delivered to the GUI thread, never lost in the worker
                log.debug("Task failed: %s", traceback.format_exc())
                self._post(_Delivery(on_error, dialog, error=exc))

        if self._closed:  # the app is quitting: a timer that fires now has no one to show its result to
            log.debug("Task dropped after shutdown: %r", job)
            from concurrent.futures import Future as _Future

            dropped: Future = _Future()
            dropped.cancel()
            return dropped
        self._pending += 1
        if not self._timer.isActive():
            self._timer.start()
        self.busyChanged.emit(True)
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        return self._pool.submit(work)

    def _make_dialog(self, label: str, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setCancelButton(None)
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(600)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        return dialog

    def _post(self, item: _Delivery | _Progress) -> None:
        """Worker side: hand over without touching Qt."""
        self._inbox.put(item)

    def _drain(self) -> None:
        while True:
            try:
                item = self._inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Progress):
                self._show_progress(item)
            else:
                self._deliver(item)

    def _show_progress(self, progress: _Progress) -> None:
        dialog = progress.dialog
        if dialog is None:
            return
        dialog.setMaximum(max(progress.total, 0))
        dialog.setValue(progress.done)
        if progress.text:
            dialog.setLabelText(progress.text)

    def _deliver(self, delivery: _Delivery) -> None:
        callback, dialog, result, error = delivery.callback, delivery.dialog, delivery.result, delivery.error
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        self._pending -= 1
        if self._pending == 0:
            self._timer.stop()
            self.busyChanged.emit(False)
        if error is None:
            if callback:
                callback(result)
        elif callback:
            callback(error)
        else:
            log.error("Unhandled task error: %s", error)

    def wait(self, timeout_ms: int = 10000) -> None:
        """Tests and shutdown: block until queued jobs are done, then deliver their results."""
        from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop

        clock = QElapsedTimer()
        clock.start()
        while self._pending and clock.elapsed() < timeout_ms:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def shutdown(self) -> None:
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def user_message(error: Exception) -> str:
    """The text a person sees for a failed job: ours as is, anything else plainly, never a traceback."""
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, OSError):
        return (f"Không đọc/ghi được tệp: {error.strerror or error}. Hãy kiểm tra ổ đĩa còn chỗ trống và "
                f"quyền ghi vào thư mục, rồi thử lại. Dữ liệu đã lưu không bị ảnh hưởng.")
    return (f"Đã xảy ra lỗi không mong đợi ({error.__class__.__name__}). Dữ liệu đã lưu không bị ảnh hưởng; "
            "hãy thử lại, và báo cho người hỗ trợ nếu lỗi lặp lại.")
