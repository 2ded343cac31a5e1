"""A page: its title, a short line saying what it is for, the few actions people use most, a body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from secretary_app.store import Changes
from ui.confirm import ask
from ui.context import AppContext
from ui.tasks import user_message
from ui.undo import ServiceCommand


class Page(QWidget):
    """Subclasses set ``key``, build their body in ``__init__`` and load data in ``refresh``."""

    key = ""

    def __init__(self, ctx: AppContext, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 18, 24, 12)
        self._layout.setSpacing(12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("pageHint")
        self.hint_label.setWordWrap(True)
        titles.addWidget(self.title_label)
        titles.addWidget(self.hint_label)
        header.addLayout(titles, 1)
        self._actions = QHBoxLayout()
        header.addLayout(self._actions)
        self._layout.addLayout(header)

    def add_action(self, text: str, slot, *, primary: bool = False, shortcut: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        if primary:
            button.setObjectName("primary")
        if shortcut:
            button.setShortcut(shortcut)
            button.setToolTip(f"{text} ({shortcut})")
        button.clicked.connect(slot)
        self._actions.addWidget(button)
        return button

    def body(self) -> QVBoxLayout:
        return self._layout

    def refresh(self) -> None:
        """Reload what the page shows. Called when it is first shown and after relevant changes."""

    def on_changes(self, changes: Changes) -> None:
        """Refresh when a service call elsewhere changed something this page shows."""

    def show_error(self, error: Exception) -> None:
        if self.ctx.headless:
            import sys

            print(f"Lỗi: {user_message(error)}", file=sys.stderr)
            return
        QMessageBox.warning(self, self.tr("Could not complete"), user_message(error))

    def confirm(self, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> None:
        """One plain question; "No, keep it" is the default so a stray Enter deletes nothing."""
        self.confirm_box = ask(self, title, text, yes_text, on_yes)  # kept so tests can find the question

    def announce(self, changes: Changes) -> None:
        """Tell the window (every built page) what an edit changed; alone in a test, just this page."""
        window = self.window()
        if hasattr(window, "apply_changes"):
            window.apply_changes(changes)
        else:
            self.on_changes(changes)

    def run_undoable(self, stack: QUndoStack, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> None:
        """Run a service call on the worker; once it succeeded, announce what changed and push the step
        (``undo`` calls the services again) onto the page's undo stack."""

        def done(changes: Changes) -> None:
            stack.push(ServiceCommand(text, do, undo, self.run_and_announce))
            self.announce(changes)

        self.ctx.runner.run(do, on_done=done, on_error=self.show_error)

    def run_and_announce(self, job: Callable[[], Any]) -> None:
        """Run a service call (an undo or redo step) on the worker and announce what it changed."""

        def done(result: Any) -> None:
            self.announce(result[1] if isinstance(result, tuple) else result)

        self.ctx.runner.run(job, on_done=done, on_error=self.show_error)


class ComingPage(Page):
    """A page whose area is being built: it says plainly what will be here and what to use meanwhile."""

    def __init__(self, ctx: AppContext, title: str, hint: str, will_hold: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, hint, parent)
        text = QLabel(self.tr("This page will hold:") + "<ul>" + "".join(f"<li>{item}</li>" for item in will_hold)
                      + "</ul>")
        text.setWordWrap(True)
        self.body().addWidget(text)
        self.body().addStretch(1)
