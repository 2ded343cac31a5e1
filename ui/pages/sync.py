"""Đồng bộ: the account on the committee's server, the last sync, changes not yet sent, and the two
inboxes (conflicts, rejected changes) that nothing empties behind the user's back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Changes
from secretary_app.sync import service
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import Column, RecordTableModel


def _local(when: dt.datetime | None) -> str:
    return when.astimezone().strftime("%H:%M %d/%m/%Y") if when else ""


def status_line(status: service.SyncStatus) -> str:
    """The status bar's words: "Đã đồng bộ lúc 20:15", "3 thay đổi chưa đồng bộ" or "Ngoại tuyến"."""
    if not status.server_url or (status.last_error and "ngoại tuyến" in status.last_error.lower()):
        return QCoreApplication.translate("SyncPage", "Offline")
    if status.pending:
        return QCoreApplication.translate("SyncPage", "%1 change(s) not yet synced").replace("%1", str(status.pending))
    if status.last_sync_at:
        when = status.last_sync_at.astimezone().strftime("%H:%M")
        return QCoreApplication.translate("SyncPage", "Synced at %1").replace("%1", when)
    return QCoreApplication.translate("SyncPage", "Not synced yet")


def load_status(store) -> service.SyncStatus:  # type: ignore[no-untyped-def]
    return service.status(store)


class LoginDialog(QDialog):
    def __init__(self, server: str, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to the sync server"))
        layout = QFormLayout(self)
        self.server = QLineEdit(server)
        self.server.setPlaceholderText("https://dongbo.example.vn")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addRow(self.tr("Server address:"), self.server)
        layout.addRow(self.tr("User name:"), self.username)
        layout.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)


class SyncPage(Page):
    key = "sync"
    statusText = Signal(str)  # for the main window's status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Synchronisation"),
                         self.tr("Keep this computer and the upper committee's server in step. The app works "
                                 "fully without a server."), parent)
        self.login_button = self.add_action(self.tr("Log in…"), self._login)
        self.sync_button = self.add_action(self.tr("Sync now"), self._sync, primary=True, shortcut="F5")
        account = QGroupBox(self.tr("Account and state"))
        form = QFormLayout(account)
        self.account_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("errorText")
        form.addRow(self.tr("Account:"), self.account_label)
        form.addRow(self.tr("Last sync:"), self.last_label)
        form.addRow(self.tr("Not yet sent:"), self.pending_label)
        form.addRow(self.error_label)
        self.body().addWidget(account)
        inboxes = QVBoxLayout()  # one above the other: each table gets the full width
        self.conflicts = RecordTableModel([
            Column(self.tr("Record"), lambda r: " ".join(x for x in (r[0].entity_label, r[0].record_label) if x)),
            Column(self.tr("Field"), lambda r: r[1]),
            Column(self.tr("Kept on the server"), lambda r: "" if r[2] is None else str(r[2])),
            Column(self.tr("Other value"), lambda r: "" if r[3] is None else str(r[3])),
        ])
        self.rejected = RecordTableModel([
            Column(self.tr("Record"), lambda r: r.entity),
            Column(self.tr("Reason"), lambda r: r.error_code),
            Column(self.tr("When"), lambda r: _local(r.created_at)),
        ])
        for title, model in ((self.tr("Conflicts to resolve"), self.conflicts),
                             (self.tr("Changes the server refused"), self.rejected)):
            box = QGroupBox(title)
            view = QTableView()
            view.setModel(model)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            QVBoxLayout(box).addWidget(view)
            inboxes.addWidget(box, 1)
        self.body().addLayout(inboxes, 1)
        self.status: service.SyncStatus | None = None

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.run(lambda: service.status(self.ctx.store), on_done=self._show, on_error=self.show_error)

    def on_changes(self, changes: Changes) -> None:
        if changes:
            self.refresh()

    def _show(self, status: service.SyncStatus) -> None:
        self.status = status
        if status.server_url:
            self.account_label.setText(f"{status.username} — {status.server_url}")
        else:
            self.account_label.setText(self.tr("Not logged in. This computer works offline."))
        self.last_label.setText(_local(status.last_sync_at) or self.tr("never"))
        self.pending_label.setText(self.tr("%1 change(s)").replace("%1", str(status.pending)))
        self.error_label.setText(status.last_error)
        self.error_label.setVisible(bool(status.last_error))
        self.sync_button.setEnabled(bool(status.server_url))
        self.conflicts.set_records([(c, *field) for c in status.conflicts for field in c.fields])
        self.rejected.set_records(list(status.rejected))
        self.statusText.emit(status_line(status))

    # --- actions ---------------------------------------------------------------------------
    def _login(self) -> None:
        current = self.status
        dialog = LoginDialog(current.server_url if current else "", current.username if current else "", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        server, user, password = dialog.server.text().strip(), dialog.username.text().strip(), dialog.password.text()
        self.ctx.runner.run(lambda: service.login(self.ctx.store, server, user, password),
                            on_done=lambda cell: self._logged_in(cell), on_error=self._failed,
                            label=self.tr("Logging in…"), parent=self)

    def _logged_in(self, cell: str) -> None:
        QMessageBox.information(self, self.tr("Logged in"), self.tr("Logged in; this computer syncs the cell "
                                                                     "\"%1\".").replace("%1", cell))
        self.refresh()

    def _sync(self) -> None:
        self.sync_button.setEnabled(False)
        self.ctx.runner.run(lambda progress: service.sync_now(self.ctx.store, progress=progress),
                            on_done=self._synced, on_error=self._failed, label=self.tr("Syncing with the server…"),
                            parent=self, with_progress=True)

    def _synced(self, report) -> None:  # type: ignore[no-untyped-def]
        self.sync_button.setEnabled(True)
        window = self.window()
        if hasattr(window, "apply_changes") and report.pulled:
            changes = Changes()
            changes.add("cell", "member", "meeting", "resolution", "dues", "candidate", "document")
            window.apply_changes(changes)
        self.refresh()
        if report.conflicts or report.rejected:
            QMessageBox.information(self, self.tr("Sync finished"), report.line())

    def _failed(self, error: Exception) -> None:
        self.sync_button.setEnabled(True)
        self.refresh()
        self.show_error(error)
