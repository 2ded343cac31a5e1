"""Sync in the background (issue 16.2): on a timer (the setting, 5 minutes by default), a few seconds after
edits settle, and on demand; on a worker of its own, so waiting on the network never holds up a person's
edits (each local step of a sync is one short transaction) and never freezes the window.

- Offline (or the server busy): quiet — no message box; the next try is due at a growing delay, capped by the
  timer's interval, and the status bar says when ("Ngoại tuyến – sẽ thử lại lúc 20:20").
- Log in again, certificate, update needed: no retry loop; the status bar says it, the Sync page says what to do.
- Cancel: the sync stops at its next step boundary (everything done so far is committed, see
  ``SyncEngine.cancel``); closing the window cancels and waits for that.
- The first sync of a PC with its own data against a cell with data asks the person (``choiceNeeded``).
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from secretary_app.changes import Change, Changes
from secretary_app.sync.bar import SyncBarState, bar_state
from ui import ops
from ui.context import AppContext
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from secretary_app.sync import service

# The sync service (SQLAlchemy, httpx, pydantic: ~0.5 s to import) is imported on the worker, in the calls
# below, not when the window builds this object: the first paint of the window must not wait for it.
DEBOUNCE_MS = 4000  # "a few seconds after edits settle"
FIRST_RETRY_S = 15


class BackgroundSync(QObject):
    stateChanged = Signal(object)  # SyncBarState: the status bar's words come from this, never from text
    finished = Signal(object)  # the SyncReport of a sync that went through
    failed = Signal(object, bool)  # the exception of a sync that did not, and whether a person asked for it
    choiceNeeded = Signal(object)  # FirstSyncChoice: merge or keep apart, asked of the person
    loginNeeded = Signal()  # the session is gone (or was never kept: no keyring): ask the password

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *, interval_ms: int | None = None,
                 debounce_ms: int = DEBOUNCE_MS, first_retry_s: float = FIRST_RETRY_S) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = TaskRunner(self)  # the sync's own worker thread
        minutes = getattr(ctx.settings, "sync_interval_minutes", 5)
        self.interval_ms = interval_ms if interval_ms is not None else minutes * 60_000
        self.first_retry_s = first_retry_s
        self.running = False
        self.again = False  # asked while running: one more sync right after
        self.failures = 0
        self.retry_at: dt.datetime | None = None
        self.status: service.SyncStatus | None = None
        self.state: SyncBarState | None = None
        self.paused = False  # log in / certificate / update needed: no retries until something changes
        self.first_sync: str | None = None  # the person's answer to choiceNeeded, for the next sync
        self.asked = False  # the running sync was asked for by a person: its failure is shown to them
        self.stopped = False
        self._cancel = threading.Event()
        self.timer = QTimer(self)  # the regular sync
        self.timer.setInterval(self.interval_ms)
        self.timer.timeout.connect(self.request)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.request)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.timeout.connect(self.request)
        ctx.hub.changed.connect(self._on_changes)

    # --- control ---------------------------------------------------------------------------
    def start(self) -> None:
        """Read the state; sync at once when a server is set and the session is there, then on the timer."""
        self.timer.start()
        self.refresh_state(then_sync=True)

    def stop(self, wait_ms: int = 15000) -> None:
        """Closing: cancel a running sync at its next step and wait for it (nothing half-done is left)."""
        self.stopped = True  # what a cancelled sync delivers now changes nothing on screen
        for timer in (self.timer, self.debounce, self.retry):
            timer.stop()
        self._cancel.set()
        self.runner.wait(wait_ms)
        self.runner.shutdown()

    def set_interval_minutes(self, minutes: int) -> None:
        self.interval_ms = minutes * 60_000
        self.timer.setInterval(self.interval_ms)

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()

    def request(self, *, force: bool = False) -> None:
        """Sync now, or right after the sync that is running. Timers leave a paused or unset sync alone."""
        if self.stopped:
            return
        if self.running:
            self.again = True
            return
        if not force and (self.paused or (self.status is not None and not self.status.server_url)):
            return  # no server (working offline by choice), or waiting for the person (log in, update…)
        self._run()

    def sync_now(self) -> None:
        """"Đồng bộ ngay": also lifts a pause (after logging in again, say)."""
        self.paused = False
        self.retry.stop()
        self.asked = True
        self.request(force=True)

    # --- running -----------------------------------------------------------------------------
    def _run(self) -> None:
        self.running, self.again = True, False
        self._cancel.clear()
        self._emit_state()
        cancel, first = self._cancel.is_set, self.first_sync

        def sync(store, progress):
            from secretary_app.sync import service

            return service.sync_now(store, progress=progress, cancel=cancel, first_sync=first)

        # The initiator is this object, not a widget: the hub then knows the changes are our own sync's.
        op = ops.write_reporting(self.ctx, self, sync, runner=self.runner)  # type: ignore[arg-type]  # see above
        op.success(self._done).failure(self._failed).run()

    def _done(self, report: service.SyncReport) -> None:
        self.running, self.failures, self.retry_at, self.paused = False, 0, None, False
        self.first_sync, self.asked = None, False
        self.retry.stop()
        self.finished.emit(report)
        self._after()

    def _failed(self, error: Exception) -> None:
        from secretary_app.sync import service  # loaded already: the worker imported it for the sync
        from secretary_app.sync.client import (
            CertificateProblem,
            LoginRequired,
            Offline,
            ServerBusy,
            UpgradeRequired,
        )

        self.running = False
        self.ctx.hub.publish(Changes(Change.SYNC).from_initiator(self))  # the failure is kept in the state
        if isinstance(error, service.SyncCancelled):
            self.asked = False
            self._after(error)
            return
        if isinstance(error, Offline | ServerBusy):
            self.failures += 1
            delay = min(self.first_retry_s * 2 ** (self.failures - 1), self.interval_ms / 1000)
            self.retry_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
            self.retry.start(int(delay * 1000))
        elif isinstance(error, service.FirstSyncChoice):
            self.paused = True
            self.choiceNeeded.emit(error)
        elif isinstance(error, LoginRequired):
            self.paused = True
            self.loginNeeded.emit()
        elif isinstance(error, CertificateProblem | UpgradeRequired):
            self.paused = True
        self.failed.emit(error, self.asked)
        self.asked = False
        self._after(error)

    def _after(self, error: Exception | None = None) -> None:
        if self.stopped:
            return
        from secretary_app.sync.client import Offline, ServerBusy

        self.refresh_state()
        if self.again and not self.paused and not isinstance(error, Offline | ServerBusy):
            QTimer.singleShot(0, self.request)

    # --- the status bar's state ----------------------------------------------------------------
    def refresh_state(self, *, then_sync: bool = False) -> None:
        if self.stopped:
            return  # the window is closing: its workers may be gone
        def read(store):
            from secretary_app.sync import service

            return service.status(store)

        ops.read(self.ctx, None, read).success(lambda status: self._status_read(status, then_sync)) \
            .failure(lambda _e: None).run()

    def take_status(self, status: service.SyncStatus) -> None:
        """A status another part of the window read (the Sync page's refresh): the bar follows it."""
        self.status = status
        self._emit_state()

    def _status_read(self, status: service.SyncStatus, then_sync: bool) -> None:
        self.status = status
        self._emit_state()
        if then_sync and status.server_url:
            if status.logged_in:
                self.request()
            else:
                self.paused = True
                self.loginNeeded.emit()

    def _emit_state(self) -> None:
        status = self.status
        if status is None:
            return
        self.state = bar_state(status.health, logged_in=status.logged_in, pending=status.pending,
                               conflicts=len(status.conflicts), last_sync_at=status.last_sync_at,
                               syncing=self.running, retry_at=self.retry_at)
        self.stateChanged.emit(self.state)

    def _on_changes(self, changes: Changes) -> None:
        if changes.initiator is self:
            return  # what our own sync brought in: no new sync for it
        if changes.flags & ~Change.SETTINGS:
            if changes.flags == Change.SYNC:
                self.paused = False  # logged in, decided a conflict, forgot the server…: look again
            self.debounce.start()  # restarted by each edit: one sync once they settle
            self.refresh_state()

    def info(self) -> dict[str, Any]:
        """For tests and the Sync page: what the controller is doing."""
        return {"running": self.running, "retry_at": self.retry_at, "paused": self.paused}
