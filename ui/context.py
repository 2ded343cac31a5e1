"""What every page needs: the open store, settings, the task runner and the change hub. Passed in, never
global.

``store`` may still be opening when the window first appears: it is opened by the first job on the
task runner's single worker thread, so every job queued after it (every page's loading) finds it set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from secretary_app.paths import AppPaths
from secretary_app.settings import Settings
from ui.ops import ChangeHub
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from secretary_app.store import Store


@dataclass
class AppContext:
    settings: Settings
    runner: TaskRunner
    paths: AppPaths
    store: Store | None = None
    headless: bool = False  # --screenshot: report problems on stderr, never in a modal dialog
    hub: ChangeHub = field(default_factory=ChangeHub)  # what changed, broadcast to every page (ui/ops.py)

    @classmethod
    def for_store(cls, store: Store, settings: Settings | None = None,
                  runner: TaskRunner | None = None) -> AppContext:
        """A context around a store that is already open (the first-run path, and tests)."""
        return cls(settings=settings or Settings(), runner=runner or TaskRunner(), paths=store.paths, store=store)

    def open_store_in_background(self, on_error: Callable[[Exception], object] | None = None,
                                 after: threading.Event | None = None) -> None:
        """Queue the store's opening as the first job; later jobs run after it on the same thread. With
        ``after``, the worker waits for it first (the first page painted from the snapshot), so importing
        SQLAlchemy does not compete with that paint for the interpreter."""

        def open_store() -> None:
            if after is not None:
                after.wait(timeout=10)  # set in a ``finally``; the timeout only guards against a mistake
            from secretary_app.store import Store

            if self.store is None:
                self.store = Store(self.paths, daily_backups=(self.settings.backup_days, self.settings.backup_months))

        self.runner.run(open_store, on_error=on_error)
