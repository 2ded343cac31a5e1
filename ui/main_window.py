"""The one window: navigation on the left, one page per area, a status bar with the cell and sync state.

Pages are built the first time they are shown (their modules pull in the services and SQLAlchemy), so
the window itself appears as fast as a bare Qt window; see bench/startup.py.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMessageBox

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


class _PageStack(QStackedWidget):
    """A stack whose minimum size is the page on screen's, not the largest page ever built: one page that
    needs more room in large text must not push every other page past a 1366×768 screen."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize(0, 0)


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
        self.navigation.setWordWrap(True)
        self.stack = _PageStack()
        self.pages: dict = {}  # key → Page, filled as pages are first shown
        for index, key in enumerate(_PAGES):
            self.stack.addWidget(QWidget())  # stand-in until the page is built
            item = QListWidgetItem(titles[key])
            item.setToolTip(f"{titles[key]} (Alt+{index + 1})")
            self.navigation.addItem(item)
        self._fit_navigation()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.cell_label = QLabel()
        self.save_label = QLabel()  # "Đã lưu lúc 20:14": every edit is saved at once (autosave)
        self.save_label.setContentsMargins(0, 0, 24, 0)  # kept apart from the sync words beside it
        self.sync_label = QLabel(self.tr("Not connected to a server (working offline)"))
        self.statusBar().addWidget(self.cell_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.saved_at: dt.datetime | None = None
        self.sync_state = None  # the last SyncBarState shown
        from ui.background_sync import BackgroundSync

        self.background = BackgroundSync(ctx, self)
        self.background.stateChanged.connect(self._show_sync_state)
        self.background.failed.connect(self._sync_failed)
        self.background.loginNeeded.connect(self._ask_password)
        self.background.choiceNeeded.connect(self._ask_first_sync)
        self.login_dialog: QDialog | None = None  # the password asked at start (no keyring / session ended); kept for tests
        self.choice_box: QMessageBox | None = None  # the first sync's "merge or keep apart" question; kept for tests
        self._asked_password = False  # once per start
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
        self.show_page(page)  # first: the overview paints its saved list at once
        self._load_cell_name()
        if self.ctx.headless:  # a screenshot: the state only, no network
            self._load_sync_state()
        else:
            self.background.start()

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
                page.syncRequested.connect(self.background.sync_now)
                page.cancelRequested.connect(self.background.cancel)
                page.statusLoaded.connect(self.background.take_status)
                page.intervalChanged.connect(self.background.set_interval_minutes)
                self.background.stateChanged.connect(page.show_bar_state)
            if key == "overview":
                page.openTarget.connect(self.open_target)
            page.refresh()
        return self.pages[key]

    def open_target(self, target) -> None:
        """Show the page a to-do item of the overview names, at its record (services.overview.Target)."""
        self.show_page(target.page)
        self.page(target.page).show_target(target)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGE_KEYS[row])
        self.stack.setCurrentWidget(page)

    def _settings_changed(self) -> None:
        apply_theme(QApplication.instance(), large_text=self.ctx.settings.large_text)  # type: ignore[arg-type]  # a QApplication
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """As wide as the longest area name in the navigation's font (the theme's, a point above the text),
        so "Nghị quyết & văn bản" never ends in "…" in large text; 260 px at least."""
        from PySide6.QtGui import QFont, QFontMetrics

        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        longest = max(QFontMetrics(font).horizontalAdvance(self.navigation.item(row).text())
                      for row in range(self.navigation.count()))
        self.navigation.setFixedWidth(max(260, longest + 22 + 24 + 8 + 16))  # icon, padding, spacing, margins

    def _on_changes(self, changes: Changes) -> None:
        """The window's own part of the hub: the cell's name and the sync state in the status bar. Pages
        subscribe to the hub themselves."""
        if self.background.stopped:
            return  # closing: what the last sync delivered changes nothing on screen
        if changes.touches(Change.CELL):
            self._load_cell_name()
        if changes.flags & ~Change.CELL:  # any edit adds to the changes waiting to be synced
            self._sync_line_timer.start()  # once per burst of edits (the minutes autosave every few s)
        if changes.initiator is not self.background and changes.flags & ~(Change.SYNC | Change.SETTINGS):
            self.saved_at = dt.datetime.now()  # written and committed by the call that just finished
            self.save_label.setText(self.tr("Saved at %1").replace("%1", self.saved_at.strftime("%H:%M")))

    def _show_sync_state(self, state) -> None:
        from ui.pages.sync import bar_text

        self.sync_state = state
        self.sync_label.setText(bar_text(state))

    def _sync_failed(self, error: Exception, asked: bool) -> None:
        from secretary_app.sync.engine import FirstSyncChoice

        # A person pressed "Đồng bộ ngay": tell them (the first sync's question is its own box); background
        # failures only show in the bar.
        if asked and not isinstance(error, FirstSyncChoice):
            ops.show_error(self.ctx, self, error)

    def _ask_password(self) -> None:
        """The session is gone: without an OS keyring this is every start. Asked once per start (the
        reason said once ever), never in a loop; "Đồng bộ" page's "Đăng nhập…" is always there."""
        if self._asked_password or self.ctx.headless:
            return
        self._asked_password = True
        ops.read(self.ctx, self, _login_prompt_facts).success(self._open_login).failure(lambda _e: None).run()

    def _open_login(self, facts: tuple[str, str, bool]) -> None:
        from ui.pages.sync import LoginDialog

        server, username, keyring = facts
        if not server:
            return
        why = ""
        if not keyring and not self.ctx.settings.sync_no_keyring_told:
            why = self.tr("This computer has no password store (keyring), so the app cannot remember the "
                          "session: enter the password each time the app starts to sync. Your data stays on "
                          "this computer either way.")
            self.ctx.settings.sync_no_keyring_told = True
            _save_settings(self.ctx)
        dialog = LoginDialog(server, username, self, reason=why or self.tr("Enter the password to sync."))
        dialog.accepted.connect(lambda: self._login(dialog))
        self.login_dialog = dialog
        dialog.open()

    def _login(self, dialog) -> None:
        from secretary_app.sync import service

        server, user, password = dialog.server.text().strip(), dialog.username.text().strip(), dialog.password.text()
        ops.write(self.ctx, self, lambda store: service.login(store, server, user, password)) \
            .success(lambda _outcome: self.background.sync_now()).progress(self.tr("Logging in…")).run()

    def _ask_first_sync(self, choice) -> None:
        """First sync of this PC's own data against a cell that has data: nothing sent until the person says."""
        from PySide6.QtWidgets import QMessageBox

        from secretary_app.sync.engine import describe_counts

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("First sync"), self.tr(
            "This computer has its own data (%1), and the cell “%2” on the server has data too (%3). Nothing "
            "has been sent yet.").replace("%1", describe_counts(choice.here)).replace("%2", choice.cell_name)
            .replace("%3", describe_counts(choice.there)), parent=self)
        box.setInformativeText(self.tr(
            "Merge: both sides' records are kept, as two computers of one cell. Keep apart: nothing is sent, "
            "this computer stops syncing with the server; to receive the server's cell, set it up in another "
            "data folder."))
        merge = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        apart = box.addButton(self.tr("Keep apart"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)

        def chosen(button) -> None:
            from secretary_app.sync import service

            if button is merge:
                self.background.first_sync = "merge"
                self.background.sync_now()
            elif button is apart:
                ops.write(self.ctx, self, lambda store: service.forget_this_pc(store)).run()

        box.buttonClicked.connect(chosen)
        self.choice_box = box
        box.open()

    def _load_cell_name(self) -> None:
        def cell(store):
            from secretary_app.services.cell import get_cell

            return get_cell(store)

        ops.read(self.ctx, self, cell).success(self._cell_loaded).failure(lambda _e: None).run()

    def _load_sync_state(self) -> None:
        self.background.refresh_state()

    def _cell_loaded(self, cell) -> None:
        if cell is not None:
            self.cell_label.setText(f"{cell.name} — {cell.superior_name}")
            self.setWindowTitle(f"{cell.name} — {APP_TITLE}")

    def closeEvent(self, event) -> None:
        self.background.stop()  # a running sync stops at its next step; nothing half-done is left
        self._sync_line_timer.stop()
        self.ctx.runner.wait()
        super().closeEvent(event)


def _login_prompt_facts(store) -> tuple[str, str, bool]:
    """(server, account, whether the OS keyring works) for the start-up password prompt; read on the worker."""
    from secretary_app.credentials import Credentials
    from secretary_app.sync import service

    status = service.status(store)
    return status.server_url, status.username, Credentials().available


def _save_settings(ctx: AppContext) -> None:
    import contextlib

    from secretary_app.settings import save_settings

    with contextlib.suppress(OSError):  # not saved: said again next start, harmless
        save_settings(ctx.settings, ctx.paths.settings_file)
