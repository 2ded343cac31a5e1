"""Đồng bộ: the account on the committee's server, the last sync, changes not yet sent, and the two
inboxes (conflicts, rejected changes) that nothing empties behind the user's back. A selected conflict
shows both values side by side; a person keeps one of them (or edits a text value) and the decision goes
out at the next sync (``secretary_app.sync.resolve``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.sync import resolve, service
from ui import ops
from ui.confirm import ask
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import Column, RecordTableModel


def _local(when: dt.datetime | None) -> str:
    return when.astimezone().strftime("%H:%M %d/%m/%Y") if when else ""


def status_line(status: service.SyncStatus) -> str:
    """The status bar's words: "Đã đồng bộ lúc 20:15", "3 thay đổi chưa đồng bộ" or "Ngoại tuyến"."""
    health = status.health
    if health in (service.SyncHealth.NOT_SET, service.SyncHealth.OFFLINE):
        return QCoreApplication.translate("SyncPage", "Offline")
    if health is service.SyncHealth.AUTH_NEEDED:
        return QCoreApplication.translate("SyncPage", "Log in again to sync")
    if health is service.SyncHealth.CERTIFICATE:
        return QCoreApplication.translate("SyncPage", "Server certificate refused")
    if health is service.SyncHealth.UPDATE_NEEDED:
        return QCoreApplication.translate("SyncPage", "Update needed to sync")
    if status.pending:
        line = QCoreApplication.translate("SyncPage", "%1 change(s) not yet synced").replace("%1", str(status.pending))
    elif status.last_sync_at:
        when = status.last_sync_at.astimezone().strftime("%H:%M")
        line = QCoreApplication.translate("SyncPage", "Synced at %1").replace("%1", when)
    else:
        line = QCoreApplication.translate("SyncPage", "Not synced yet")
    if status.conflicts:
        line += " · " + QCoreApplication.translate("SyncPage", "%1 conflict(s) to resolve").replace(
            "%1", str(len(status.conflicts)))
    return line


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def load_status(store) -> service.SyncStatus:
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


class EditValueDialog(QDialog):
    """"Sửa rồi lưu…": the other computer's text, ready to edit into the value both computers keep."""

    def __init__(self, title: str, server: str, other: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit the value"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Edit %1, then save. It starts from the other computer's value; the server "
                               "holds: “%2”.").replace("%1", title).replace("%2", server))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.editor = QPlainTextEdit(other)
        self.editor.setTabChangesFocus(True)  # Tab leaves the box: the dialog stays keyboard usable
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def value(self) -> str:
        return self.editor.toPlainText().strip()


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
            Column(self.tr("Kept on the server"), lambda r: _shown(r[2])),
            Column(self.tr("Other value"), lambda r: _shown(r[3])),
        ])
        self.rejected = RecordTableModel([
            Column(self.tr("Record"), lambda r: r.entity),
            Column(self.tr("Reason"), lambda r: r.error_code),
            Column(self.tr("When"), lambda r: _local(r.created_at)),
        ])
        self.conflicts_box = QGroupBox(self.tr("Conflicts to resolve"))
        conflicts = QVBoxLayout(self.conflicts_box)
        self.conflict_view = self._table(self.conflicts)
        self.conflict_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflict_view.selectionModel().currentRowChanged.connect(self._show_conflict)
        conflicts.addWidget(self.conflict_view, 1)
        conflicts.addWidget(self._conflict_panel())
        inboxes.addWidget(self.conflicts_box, 3)
        refused = QGroupBox(self.tr("Changes the server refused"))
        QVBoxLayout(refused).addWidget(self._table(self.rejected))
        inboxes.addWidget(refused, 1)
        self.body().addLayout(inboxes, 1)
        self.status: service.SyncStatus | None = None
        self.selected: tuple[service.ConflictRow, int] | None = None  # the conflict and the field's index
        self.confirm_box: QMessageBox | None = None
        self.edit_dialog: EditValueDialog | None = None

    def _table(self, model: RecordTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        return view

    def _conflict_panel(self) -> QWidget:
        """Both values of the selected conflict side by side, and the three ways to decide."""
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(panel)
        self.conflict_title = QLabel()
        self.conflict_title.setWordWrap(True)
        self.conflict_title.setStyleSheet("font-weight: bold")
        grid.addWidget(self.conflict_title, 0, 0, 1, 2)
        self.server_caption = QLabel(self.tr("Kept on the server"))
        self.other_caption = QLabel()
        self.server_value, self.other_value = QLabel(), QLabel()
        for column, (caption, value) in enumerate(((self.server_caption, self.server_value),
                                                   (self.other_caption, self.other_value))):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFrameShape(QFrame.Shape.Box)
            value.setMinimumHeight(36)
            grid.addWidget(caption, 1, column)
            grid.addWidget(value, 2, column)
            grid.setColumnStretch(column, 1)
        buttons = QHBoxLayout()
        self.keep_server_button = QPushButton(self.tr("Keep the server's value"))
        self.use_other_button = QPushButton(self.tr("Use this computer's value"))
        self.edit_button = QPushButton(self.tr("Edit and save…"))
        self.keep_server_button.clicked.connect(lambda: self._decide("server"))
        self.use_other_button.clicked.connect(lambda: self._decide("client"))
        self.edit_button.clicked.connect(self._edit_and_save)
        for button in (self.keep_server_button, self.use_other_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.conflict_panel = panel
        panel.setVisible(False)
        return panel

    # --- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.read(service.status).success(self._show).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.initiator is not self:  # any edit adds to the changes waiting; our own refresh themselves
            self.refresh_when_shown()

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
        current = self.selected
        self.conflicts.set_records([(c, *field, index) for c in status.conflicts
                                    for index, field in enumerate(c.fields)])
        self.rejected.set_records(list(status.rejected))
        self.conflicts_box.setTitle(self.tr("Conflicts to resolve (%1)").replace("%1", str(len(status.conflicts))))
        self.statusText.emit(status_line(status))
        # Keep the person's place; otherwise show the first conflict, so its two values are in view.
        rows = self.conflicts.records
        wanted = next((i for i, r in enumerate(rows) if current and (r[0].id, r[4]) == (current[0].id, current[1])),
                      0 if rows else None)
        if wanted is None:
            self.selected = None
            self.conflict_panel.setVisible(False)
        else:
            self.conflict_view.selectRow(wanted)
            self._show_conflict(self.conflicts.index(wanted, 0))

    # --- conflicts ------------------------------------------------------------------------
    def _show_conflict(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not index.isValid() or index.row() >= len(self.conflicts.records):
            return
        conflict, label, server, other, field = self.conflicts.records[index.row()]
        self.selected = (conflict, field)
        record = " ".join(x for x in (conflict.entity_label, conflict.record_label) if x)
        self.conflict_title.setText(f"{record} · {label}")
        self.server_value.setText(_shown(server))
        self.other_value.setText(_shown(other))
        if conflict.mine:
            self.other_caption.setText(self.tr("Sent from this computer"))
            self.use_other_button.setText(self.tr("Use this computer's value"))
        else:
            self.other_caption.setText(self.tr("Sent from another computer (%1)").replace("%1", conflict.by or "?"))
            self.use_other_button.setText(self.tr("Use the other computer's value"))
        if conflict.kind == "delete":
            self.keep_server_button.setText(self.tr("Keep the record"))
            self.use_other_button.setText(self.tr("Delete the record"))
        elif conflict.kind == "restore":
            self.keep_server_button.setText(self.tr("Leave it deleted"))
            self.use_other_button.setText(self.tr("Restore it with the edit"))
        else:
            self.keep_server_button.setText(self.tr("Keep the server's value"))
        name = conflict.names[field] if field < len(conflict.names) else ""
        self.edit_button.setVisible(name in conflict.editable)
        self.conflict_panel.setVisible(True)

    def _decide(self, choice: resolve.Choice) -> None:
        if self.selected is None:
            return
        conflict, field = self.selected
        label, server, other = conflict.fields[field]
        record = " ".join(x for x in (conflict.entity_label, conflict.record_label) if x)
        if conflict.kind == "delete":
            text = (self.tr("Delete %1 on every computer?") if choice == "client"
                    else self.tr("Keep %1 with the edit, and drop the deletion?")).replace("%1", record)
        elif conflict.kind == "restore":
            text = (self.tr("Restore %1 with the edit?") if choice == "client"
                    else self.tr("Leave %1 deleted, and drop the edit?")).replace("%1", record)
        else:
            chosen = _shown(server if choice == "server" else other)
            text = self.tr("Use “%1” for %2 of %3?").replace("%1", chosen).replace("%2", label).replace("%3", record)
            if len(conflict.fields) > 1:  # one change, one decision: say which other fields it covers
                others = ", ".join(f[0] for i, f in enumerate(conflict.fields) if i != field)
                text += "\n" + self.tr("The same choice applies to the other fields of this change: %1.").replace(
                    "%1", others)
        self._confirm(text, lambda: self._resolve(conflict, choice, None))

    def _edit_and_save(self) -> None:
        if self.selected is None:
            return
        conflict, field = self.selected
        label, server, other = conflict.fields[field]
        record = " ".join(x for x in (conflict.entity_label, conflict.record_label) if x)
        dialog = EditValueDialog(f"{label} — {record}", _shown(server), _shown(other), self)
        dialog.accepted.connect(lambda: self._confirm_edited(conflict, field, label, record, dialog.value()))
        self.edit_dialog = dialog  # kept so tests (and the window) can find it; open() does not block
        dialog.open()

    def _confirm_edited(self, conflict, field: int, label: str, record: str, value: str) -> None:
        values = {conflict.names[field]: value}
        text = self.tr("Use “%1” for %2 of %3?").replace("%1", value).replace("%2", label).replace("%3", record)
        if len(conflict.fields) > 1:
            text += "\n" + self.tr("The other fields of this change keep the server's value.")
        self._confirm(text, lambda: self._resolve(conflict, "value", values))

    def _confirm(self, text: str, on_yes: Callable[[], None]) -> None:
        """One plain question; "No" is the default so a stray Enter decides nothing."""
        self.confirm_box = ask(
            self, self.tr("Resolve the conflict"),
            text + "\n\n" + self.tr("The decision goes to the server at the next sync; then every computer "
                                     "shows the same."),
            self.tr("Yes, save the decision"), on_yes, no_text=self.tr("No"))

    def _resolve(self, conflict: service.ConflictRow, choice: resolve.Choice, values: dict[str, Any] | None) -> None:
        self.write(lambda store: resolve.resolve_conflict(store, conflict.id, choice, values))  \
            .success(self._resolved).progress(self.tr("Saving the decision…")).run()

    def _resolved(self, _value: None) -> None:
        self.selected = None
        self.refresh()

    # --- actions ---------------------------------------------------------------------------
    def _login(self) -> None:
        current = self.status
        dialog = LoginDialog(current.server_url if current else "", current.username if current else "", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        server, user, password = dialog.server.text().strip(), dialog.username.text().strip(), dialog.password.text()
        self.write(lambda store: service.login(store, server, user, password)).success(self._logged_in) \
            .failure(self._failed).progress(self.tr("Logging in…")).run()

    def _logged_in(self, cell: str) -> None:
        QMessageBox.information(self, self.tr("Logged in"), self.tr("Logged in; this computer syncs the cell "
                                                                     "\"%1\".").replace("%1", cell))
        self.refresh()

    def _sync(self) -> None:
        self.sync_button.setEnabled(False)
        ops.write_reporting(self.ctx, self, lambda store, progress: service.sync_now(store, progress=progress)) \
            .success(self._synced).failure(self._failed).progress(self.tr("Syncing with the server…")).run()

    def _synced(self, report: service.SyncReport) -> None:
        self.sync_button.setEnabled(True)  # the hub told every page what came in (all of it, if records did)
        self.refresh()
        if report.conflicts or report.rejected:
            QMessageBox.information(self, self.tr("Sync finished"), report.line())

    def _failed(self, error: Exception) -> None:
        self.sync_button.setEnabled(True)
        self.announce(Changes(Change.SYNC))  # the failure is kept: the status bar says offline, log in, …
        self.refresh()
        self.show_error(error)
