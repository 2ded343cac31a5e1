"""The one window: navigation on the left, one page per area, a status bar with the cell and sync state.

Pages are built the first time they are shown (their modules pull in the services and SQLAlchemy), so
the window itself appears as fast as a bare Qt window; see bench/startup.py.
"""

from __future__ import annotations

import importlib
from typing import cast

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from secretary_app import APP_TITLE
from secretary_app.changes import Change, Changes
from ui import ops
from ui.context import AppContext
from ui.theme import apply_theme

# key → module:class of its page, in the order of UI.md; imported by name when first shown. Each key's
# icon is resources/icons/<key>.svg (ui/icons.py), drawn after the window shows.
_PAGES: dict[str, str] = {
    "overview": "ui.pages.overview:OverviewPage",
    "members": "ui.pages.members:MembersPage",
    "meetings": "ui.pages.meetings:MeetingsPage",
    "documents": "ui.pages.documents:DocumentsPage",
    "dues": "ui.pages.dues:DuesPage",
    "admissions": "ui.pages.admissions:AdmissionsPage",
    "sync": "ui.pages.sync:SyncPage",
    "settings": "ui.pages.settings:SettingsPage",
}
PAGE_KEYS = list(_PAGES)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_TITLE)
        titles = {
            "overview": self.tr("Overview"), "members": self.tr("Party members"),
            "meetings": self.tr("Cell meetings"), "documents": self.tr("Resolutions and documents"),
            "dues": self.tr("Party dues"), "admissions": self.tr("Member development"),
            "sync": self.tr("Synchronisation"), "settings": self.tr("Settings"),
        }
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(260)
        self.navigation.setWordWrap(True)
        self.stack = QStackedWidget()
        self.pages: dict = {}  # key → Page, filled as pages are first shown
        for index, key in enumerate(_PAGES):
            self.stack.addWidget(QWidget())  # stand-in until the page is built
            item = QListWidgetItem(titles[key])
            item.setToolTip(f"{titles[key]} (Alt+{index + 1})")
            self.navigation.addItem(item)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.cell_label = QLabel()
        self.sync_label = QLabel(self.tr("Not connected to a server (working offline)"))
        self.statusBar().addWidget(self.cell_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        ctx.hub.changed.connect(self._on_changes)
        self._sync_line_timer = QTimer(self)
        self._sync_line_timer.setSingleShot(True)
        self._sync_line_timer.setInterval(1000)
        self._sync_line_timer.timeout.connect(self._load_sync_state)

    def start(self, page: str) -> None:
        """Load the cell's name and build the first page. Called once the store is open or queued to
        open on the task runner (whose jobs run in order), so every job here finds it."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~14 ms to import: not before the window shows

        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._add_icons_and_shortcuts()
        # Pages load data: only now may selecting one build it (Qt selects row 0 when the list shows).
        self.navigation.currentRowChanged.connect(self._show_row)
        self._load_cell_name()
        self._load_sync_state()
        self.show_page(page)

    def _add_icons_and_shortcuts(self) -> None:
        """Navigation icons and Alt+1 … Alt+8. Done in the first turn of the event loop, before anyone
        can press a key: Qt's first setShortcut builds its shortcut map (~16 ms), too slow to do before
        the window shows."""
        from PySide6.QtGui import QAction, QKeySequence

        from ui.icons import area_icon

        for index, key in enumerate(_PAGES):
            self.navigation.item(index).setIcon(area_icon(key))
            # Alt+1 … Alt+8 jump to a page; shown in the tooltip so people can discover them.
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.navigation.setCurrentRow(i))
            self.addAction(action)

    def show_page(self, key: str) -> None:
        row = PAGE_KEYS.index(key)
        blocked = self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(row)
        self.navigation.blockSignals(blocked)
        self._show_row(row)

    def page(self, key: str):
        """The page for ``key``, built (and loaded) on first use."""
        if key not in self.pages:
            module_name, class_name = _PAGES[key].split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            page = cls(self.ctx)
            index = PAGE_KEYS.index(key)
            stand_in = self.stack.widget(index)
            assert stand_in is not None  # every page has its stand-in from the start
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
            if key == "settings":
                page.settingsChanged.connect(self._settings_changed)
            if key == "sync":
                page.statusText.connect(self.sync_label.setText)
            page.refresh()
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGE_KEYS[row])
        self.stack.setCurrentWidget(page)

    def _settings_changed(self) -> None:
        # The app is a QApplication (ui/app.py makes it), which instance() types as its base class.
        apply_theme(cast(QApplication, QApplication.instance()), large_text=self.ctx.settings.large_text)

    def _on_changes(self, changes: Changes) -> None:
        """The window's own part of the hub: the cell's name and the sync state in the status bar. Pages
        subscribe to the hub themselves."""
        if changes.touches(Change.CELL):
            self._load_cell_name()
        if changes.flags & ~Change.CELL:  # any edit adds to the changes waiting to be synced
            self._sync_line_timer.start()  # once per burst of edits (the minutes autosave every few s)

    def _load_cell_name(self) -> None:
        def cell(store):
            from secretary_app.services.cell import get_cell

            return get_cell(store)

        ops.read(self.ctx, self, cell).success(self._cell_loaded).failure(lambda _e: None).run()

    def _load_sync_state(self) -> None:
        from ui.pages import sync

        ops.read(self.ctx, self, sync.load_status) \
            .success(lambda status: self.sync_label.setText(sync.status_line(status))).failure(lambda _e: None).run()

    def _cell_loaded(self, cell) -> None:
        if cell is not None:
            self.cell_label.setText(f"{cell.name} — {cell.superior_name}")
            self.setWindowTitle(f"{cell.name} — {APP_TITLE}")

    def closeEvent(self, event) -> None:
        self._sync_line_timer.stop()
        self.ctx.runner.wait()
        super().closeEvent(event)
