"""A page: its title, a short line saying what it is for, the few actions people use most, a body."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QAction, QShowEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from secretary_app.changes import Changes, OpResult
from ui import ops
from ui.confirm import ask
from ui.context import AppContext
from ui.undo import Job, ServiceCommand

if TYPE_CHECKING:
    from secretary_app.services.overview import Target
    from secretary_app.store import Store

T = TypeVar("T")


class Page(QWidget):
    """Subclasses set ``key``, build their body in ``__init__`` and load data in ``refresh``."""

    key = ""
    confirm_box: QMessageBox | None  # the last question confirm() asked, kept so tests can find it

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
        self.title_label.setWordWrap(True)  # in large text a long title takes two lines, not the window's width
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("pageHint")
        self.hint_label.setWordWrap(True)
        titles.addWidget(self.title_label)
        titles.addWidget(self.hint_label)
        header.addLayout(titles, 1)
        self._actions = QHBoxLayout()
        header.addLayout(self._actions)
        self._layout.addLayout(header)
        self._more: QMenu | None = None  # the "Thêm…" menu, made with its first entry
        self._stale = False  # changed while hidden: refresh when shown
        ctx.hub.changed.connect(self._changes_arrived)

    def add_action(self, text: str, slot, *, primary: bool = False, shortcut: str = "") -> QPushButton:
        button = QPushButton(text)
        if primary:
            button.setObjectName("primary")
        if shortcut:
            button.setShortcut(shortcut)
            button.setToolTip(f"{text} ({shortcut})")
        button.clicked.connect(slot)
        self._actions.addWidget(button)
        return button

    def add_more_action(self, text: str, slot: Callable[[], object], *, shortcut: str = "") -> QAction:
        """An action in the header's "Thêm…" menu (UI.md: two to four labelled actions, the rest here). Its
        shortcut works while the page is on screen, as a button's does."""
        if self._more is None:
            self.more_button = QPushButton(self.tr("More…"))
            self._more = QMenu(self.more_button)
            self.more_button.setMenu(self._more)
            self._actions.addWidget(self.more_button)
        action = QAction(text, self)  # the menu shows the shortcut beside it
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._more.addAction(action)
        self.addAction(action)  # the shortcut is live while the page is shown
        return action

    def body(self) -> QVBoxLayout:
        return self._layout

    def refresh(self) -> None:
        """Reload what the page shows. Called when it is first shown and after relevant changes."""

    def show_target(self, target: Target) -> None:
        """Select the record ``target`` names (an overview item was opened); the page is already shown.
        Pages with records override it; one whose list is still loading selects the record once it arrives."""

    def on_changes(self, changes: Changes) -> None:
        """Refresh when a service call (here or elsewhere) changed something this page shows. Called by
        the change hub for every write made through ``ui/ops.py``; ``changes.initiator`` is the widget
        that asked, so a page can keep its selection after its own edit."""

    def _changes_arrived(self, changes: Changes) -> None:
        self.on_changes(changes)

    def refresh_when_shown(self) -> None:
        """Refresh now if the page is on screen, else the next time it is shown: a hidden page does not
        re-read the store on every change (the minutes autosave every few seconds). A page outside a shown
        window (alone in a test) refreshes at once."""
        if self.isVisible() or not self.window().isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def show_error(self, error: Exception) -> None:
        ops.show_error(self.ctx, self, error)

    def confirm(self, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> None:
        """One plain question; "No, keep it" is the default so a stray Enter deletes nothing."""
        self.confirm_box = ask(self, title, text, yes_text, on_yes)  # kept so tests can find the question

    def read(self, call: Callable[[Store], T]) -> ops.ReadOp[T]:
        """A read through the doorway, with this page's error message."""
        return ops.read(self.ctx, self, call).failure(self.show_error)

    def write(self, call: Callable[[Store], OpResult[T]]) -> ops.WriteOp[T]:
        """A write through the doorway: on the worker, then the hub tells every page what changed."""
        return ops.write(self.ctx, self, call).failure(self.show_error)

    def announce(self, changes: Changes) -> None:
        """For a call run on ``ctx.runner`` directly (not through ``ui/ops.py``): tell the hub what it changed."""
        self.ctx.hub.publish(changes.from_initiator(self))

    def run_undoable(self, stack: QUndoStack, text: str, do: Job, undo: Job) -> None:
        """Run a service call through the doorway; once it succeeded, push the step (``undo`` calls the
        services again, through the doorway too) onto the page's undo stack."""
        self.write(do).success(lambda _value: stack.push(ServiceCommand(text, do, undo, self.run_step))).run()

    def run_step(self, job: Job) -> None:
        """An undo or redo step: the service call through the doorway."""
        self.write(job).run()
