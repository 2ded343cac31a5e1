"""Tổng quan: the secretary's to-do list — what is due soonest across every area, each item opening the place
to act on it — and the cell's key figures.

The list is computed by ``secretary_app.services.overview`` (one item per fact, with its urgency and target);
this page only renders it. At start the list saved last time (``overview_snapshot``) is shown at once,
marked "đang cập nhật…", and replaced when the store has answered.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from secretary_app.changes import Change, Changes
from secretary_app.services.overview import Overview, Target, TodoItem, Urgency
from secretary_app.services.overview_snapshot import load_snapshot
from ui.context import AppContext
from ui.pages.base import Page
from ui.theme import DONE, OVERDUE, WARNING


class _Card(QFrame):
    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        self.figure = QLabel("–")
        self.figure.setObjectName("figure")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)
        layout.addStretch(1)  # a taller neighbour (a caption on three lines) must not float this figure down


class _TodoList(QListWidget):
    """The to-do list: a click, or Enter on the current item, chooses it (once: no double-click needed)."""

    chosen = Signal(QListWidgetItem)

    def __init__(self) -> None:
        super().__init__()
        self.itemClicked.connect(self.chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)


# What the overview's figures and items are computed from (services/overview.py). Not MINUTES: the typing
# autosaves every few seconds and changes no item (held / finalised is a MEETING change).
_SHOWN = (Change.CELL | Change.MEMBER | Change.EVENT | Change.MEETING | Change.ATTENDANCE | Change.TASK
          | Change.RESOLUTION | Change.DUES | Change.ADMISSION | Change.SETTINGS | Change.SYNC)
_COLOURS = {Urgency.OVERDUE: OVERDUE, Urgency.SOON: WARNING, Urgency.DONE: DONE}
SNAPSHOT_DELAY_MS = 3000  # a burst of edits while the page is hidden rewrites the saved list once


class OverviewPage(Page):
    key = "overview"
    openTarget = Signal(object)  # Target: the window shows that page and record

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Overview"),
                         self.tr("What needs your attention soonest, and the cell at a glance."), parent)
        self.data: Overview | None = None
        self.fresh = False  # False while the list saved last time is shown
        self.todo_title = QLabel("<b>" + self.tr("To do, soonest first") + "</b>")
        self.body().addWidget(self.todo_title)
        self.updating = QLabel(self.tr("updating…"))
        self.updating.setObjectName("pageHint")
        self.updating.setVisible(False)
        self.body().addWidget(self.updating)
        self.todo = _TodoList()
        self.todo.setObjectName("todo")
        self.todo.setWordWrap(True)
        self.todo.setSpacing(3)
        # The current line is marked in a neutral shade, not the accent: on this list red means "overdue".
        palette = self.todo.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#E4E0DC"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#1A1A1A"))
        self.todo.setPalette(palette)
        self.todo.setToolTip(self.tr("Click an item, or press Enter, to open the place to act on it."))
        self.todo.chosen.connect(self._chosen)
        self.body().addWidget(self.todo, 1)
        grid = QGridLayout()
        self.cards = {
            "members": _Card(self.tr("members in the cell")),
            "official": _Card(self.tr("official members")),
            "probationary": _Card(self.tr("probationary members")),
            "exempt": _Card(self.tr("exempt from activities")),
            "away": _Card(self.tr("attending elsewhere temporarily")),
            "attendance": _Card(self.tr("present at the last meeting")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)
        self.body().addLayout(grid)
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(SNAPSHOT_DELAY_MS)
        self._snapshot_timer.timeout.connect(self._save_for_next_start)

    # --- loading ------------------------------------------------------------------------------------

    def _options(self) -> dict[str, object]:
        return {"badge_lead_days": self.ctx.settings.badge_lead_days,
                "count_unconfirmed_holidays": self.ctx.settings.count_unconfirmed_holidays}

    def refresh(self) -> None:
        if self.data is None:  # first paint: last time's list at once (a small file), marked as updating
            saved = load_snapshot(self.ctx.paths)
            if saved is not None:
                self.show_overview(saved, fresh=False)
        options = self._options()

        def fresh(store):
            from secretary_app.services.overview_snapshot import fresh_overview

            return fresh_overview(store, **options)

        self.read(fresh).success(self._loaded).run()

    def _loaded(self, data: Overview) -> None:
        self.show_overview(data, fresh=True)

    def _save_for_next_start(self) -> None:
        """A change while the page is hidden: the list saved for the next start is rewritten (on the worker)
        without painting; the page itself re-reads when it is shown."""
        if not self.window().isVisible():
            return  # the window was closed meanwhile: its worker is gone; the next start re-reads anyway
        options = self._options()

        def save(store):
            from secretary_app.services.overview_snapshot import fresh_overview

            fresh_overview(store, **options)

        self.read(save).failure(lambda _e: None).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(_SHOWN):
            self.refresh_when_shown()
            if self._stale:
                self._snapshot_timer.start()

    # --- showing ------------------------------------------------------------------------------------

    def show_overview(self, data: Overview, *, fresh: bool) -> None:
        self.data, self.fresh = data, fresh
        self.updating.setVisible(not fresh)
        self.cards["members"].figure.setText(str(data.members_total))
        self.cards["official"].figure.setText(str(data.official))
        self.cards["probationary"].figure.setText(str(data.probationary))
        self.cards["exempt"].figure.setText(str(data.exempt))
        self.cards["away"].figure.setText(str(data.away))
        self.cards["attendance"].figure.setText(data.last_meeting_attendance or "–")
        caption = self.tr("present at the last meeting")
        self.cards["attendance"].caption.setText(
            caption + f"\n({data.last_meeting_title})" if data.last_meeting_title else caption)
        self.todo.clear()
        for index, item in enumerate(data.todo):
            self.todo.addItem(self._line(index, item))
        if not data.todo:
            empty = QListWidgetItem(self.tr("Nothing needs doing now."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.todo.addItem(empty)
        elif self.todo.currentRow() < 0:  # Enter works at once; not highlighted, so its colour stays visible
            self.todo.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def word(self, item: TodoItem) -> str:
        """The state in a word: the colour is never the only sign."""
        if item.urgency is Urgency.OVERDUE:
            return self.tr("Overdue")
        if item.urgency is Urgency.SOON:
            return self.tr("Due soon") if item.due is not None else self.tr("Act soon")
        if item.urgency is Urgency.DONE:
            return self.tr("Done")
        return self.tr("To do")

    def _line(self, index: int, item: TodoItem) -> QListWidgetItem:
        line = QListWidgetItem(f"{self.word(item)} — {item.text}")
        line.setData(Qt.ItemDataRole.UserRole, index)
        colour = _COLOURS.get(item.urgency)
        if colour is not None:
            line.setForeground(QBrush(QColor(colour)))
        return line

    def item_at(self, row: int) -> TodoItem:
        assert self.data is not None
        return self.data.todo[self.todo.item(row).data(Qt.ItemDataRole.UserRole)]

    def _chosen(self, line: QListWidgetItem) -> None:
        index = line.data(Qt.ItemDataRole.UserRole)
        if self.data is None or index is None:
            return
        target: Target = self.data.todo[index].target
        self.openTarget.emit(target)
