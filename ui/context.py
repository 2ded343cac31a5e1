"""What every page needs: the open store, settings and the task runner. Passed in, never global."""

from __future__ import annotations

from dataclasses import dataclass

from secretary_app.settings import Settings
from secretary_app.store import Store
from ui.tasks import TaskRunner


@dataclass
class AppContext:
    store: Store
    settings: Settings
    runner: TaskRunner
