"""The one window: navigation on the left, one page per area, a status bar with the cell and sync state."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from secretary_app import APP_TITLE
from secretary_app.services.cell import get_cell
from secretary_app.store import Changes
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.documents import DocumentsPage
from ui.pages.meetings import MeetingsPage
from ui.pages.members import MembersPage
from ui.pages.overview import OverviewPage
from ui.pages.placeholders import AdmissionsPage, DuesPage, SyncPage
from ui.pages.settings import SettingsPage
from ui.theme import apply_theme

# (page class, icon) in the order of UI.md; the label is each page's own translated title.
_PAGES: list[tuple[type[Page], QStyle.StandardPixmap]] = [
    (OverviewPage, QStyle.StandardPixmap.SP_DesktopIcon),
    (MembersPage, QStyle.StandardPixmap.SP_DirHomeIcon),
    (MeetingsPage, QStyle.StandardPixmap.SP_FileDialogDetailedView),
    (DocumentsPage, QStyle.StandardPixmap.SP_FileIcon),
    (DuesPage, QStyle.StandardPixmap.SP_DialogApplyButton),
    (AdmissionsPage, QStyle.StandardPixmap.SP_ArrowUp),
    (SyncPage, QStyle.StandardPixmap.SP_BrowserReload),
    (SettingsPage, QStyle.StandardPixmap.SP_FileDialogContentsView),
]
PAGE_KEYS = [cls.key for cls, _ in _PAGES]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_TITLE)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(260)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setWordWrap(True)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self._loaded: set[str] = set()
        for index, (cls, icon) in enumerate(_PAGES):
            page = cls(ctx)
            self.pages[cls.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.style().standardIcon(icon), page.title_label.text())
            item.setData(Qt.ItemDataRole.UserRole, cls.key)
            self.navigation.addItem(item)
            # Alt+1 … Alt+8 jump to a page; shown in the tooltip so people can discover them.
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.navigation.setCurrentRow(i))
            self.addAction(action)
            item.setToolTip(f"{page.title_label.text()} (Alt+{index + 1})")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.cell_label = QLabel()
        self.sync_label = QLabel(self.tr("Not connected to a server (working offline)"))
        self.statusBar().addWidget(self.cell_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        settings_page = self.pages["settings"]
        assert isinstance(settings_page, SettingsPage)
        settings_page.settingsChanged.connect(
            lambda: apply_theme(QApplication.instance(), large_text=ctx.settings.large_text))  # type: ignore[arg-type]
        self._load_cell_name()

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(PAGE_KEYS.index(key))

    def _show_row(self, row: int) -> None:
        key = PAGE_KEYS[row]
        self.stack.setCurrentIndex(row)
        if key not in self._loaded:  # pages load lazily, the first time they are shown
            self._loaded.add(key)
            self.pages[key].refresh()

    def apply_changes(self, changes: Changes) -> None:
        """Tell every loaded page what changed; each decides whether to refresh."""
        for key in self._loaded:
            self.pages[key].on_changes(changes)
        if "cell" in changes:
            self._load_cell_name()

    def _load_cell_name(self) -> None:
        self.ctx.runner.run(lambda: get_cell(self.ctx.store), on_done=self._cell_loaded)

    def _cell_loaded(self, cell) -> None:  # type: ignore[no-untyped-def]
        if cell is not None:
            self.cell_label.setText(f"{cell.name} — {cell.superior_name}")
            self.setWindowTitle(f"{cell.name} — {APP_TITLE}")

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.ctx.runner.wait()
        super().closeEvent(event)
