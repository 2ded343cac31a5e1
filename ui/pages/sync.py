"""Đồng bộ: the account on the committee's server, the last sync, changes not yet sent, and the two
inboxes (conflicts, rejected changes) that nothing empties behind the user's back. A selected conflict
shows both values side by side; a person keeps one of them (or edits a text value) and the decision goes
out at the next sync (``secretary_app.sync.resolve``)."""

from __future__ import annotations

import datetime as dt
import uuid
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
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.services.overview import Target
from secretary_app.settings import Settings
from secretary_app.sync import resolve, service
from secretary_app.sync.bar import BarKind, SyncBarState, bar_state
from secretary_app.sync.client import SyncHealth
from ui.confirm import ask
from ui.context import AppContext
from ui.pages.base import Page
from ui.sizing import fit_placeholder
from ui.tables import Column, RecordTableModel


def _local(when: dt.datetime | None) -> str:
    return when.astimezone().strftime("%H:%M %d/%m/%Y") if when else ""


def bar_text(state: SyncBarState) -> str:
    """The status bar's words, from the typed state (never parsed back): "Đã đồng bộ lúc 20:15",
    "3 thay đổi chưa gửi", "Ngoại tuyến – sẽ thử lại lúc 20:20", "2 xung đột cần giải quyết"."""
    kind = state.kind
    if kind in (BarKind.NOT_SET, BarKind.OFFLINE):
        line = QCoreApplication.translate("SyncPage", "Offline")
        if state.retry_at is not None:
            line = QCoreApplication.translate("SyncPage", "Offline – will retry at %1").replace(
                "%1", state.retry_at.astimezone().strftime("%H:%M"))
    elif kind is BarKind.SYNCING:
        line = QCoreApplication.translate("SyncPage", "Syncing…")
    elif kind is BarKind.AUTH_NEEDED:
        line = QCoreApplication.translate("SyncPage", "Log in again to sync")
    elif kind is BarKind.CERTIFICATE:
        line = QCoreApplication.translate("SyncPage", "Server certificate refused")
    elif kind is BarKind.UPDATE_NEEDED:
        line = QCoreApplication.translate("SyncPage", "Update needed to sync")
    elif kind is BarKind.ERROR:
        line = QCoreApplication.translate("SyncPage", "Sync failed – see the Sync page")
    elif kind is BarKind.PENDING:
        line = QCoreApplication.translate("SyncPage", "%1 change(s) not yet sent").replace("%1", str(state.pending))
    elif kind is BarKind.SYNCED and state.last_sync_at is not None:
        line = QCoreApplication.translate("SyncPage", "Synced at %1").replace("%1", state.last_sync_at.astimezone().strftime("%H:%M"))
    else:
        line = QCoreApplication.translate("SyncPage", "Not synced yet")
    if state.pending and kind in (BarKind.OFFLINE, BarKind.AUTH_NEEDED, BarKind.SYNCING):
        line += " · " + QCoreApplication.translate("SyncPage", "%1 change(s) not yet sent").replace(
            "%1", str(state.pending))
    if state.conflicts:
        line += " · " + QCoreApplication.translate("SyncPage", "%1 conflict(s) to resolve").replace("%1", str(state.conflicts))
    return line


def status_line(status: service.SyncStatus) -> str:
    """The status bar's words for a stored status (no sync running, no retry planned)."""
    return bar_text(bar_state(status.health, logged_in=status.logged_in or status.health is SyncHealth.NOT_SET,
                              pending=status.pending, conflicts=len(status.conflicts),
                              last_sync_at=status.last_sync_at))


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def load_status(store) -> service.SyncStatus:
    return service.status(store)


class LoginDialog(QDialog):
    def __init__(self, server: str, username: str, parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log in to the sync server"))
        layout = QFormLayout(self)
        self.reason = QLabel(reason)  # why the password is asked now (no keyring: said once)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        layout.addRow(self.reason)
        self.server = QLineEdit(server)
        self.server.setMinimumWidth(360)  # a whole https:// address stays readable
        self.server.setPlaceholderText("https://dongbo.example.vn")
        # Room for a whole address with its port (fit), so the secretary can check it at a glance.
        fit_placeholder(self.server, "https://dongbo.danguy-phuonghoankiem.vn:8443")
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


class PasswordDialog(QDialog):
    """Đổi mật khẩu: the current one, then the new one twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the password"))
        layout = QFormLayout(self)
        self.current, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field in (self.current, self.new, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addRow(self.tr("Current password:"), self.current)
        layout.addRow(self.tr("New password (12 characters or more):"), self.new)
        layout.addRow(self.tr("New password again:"), self.again)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Change"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)


class SyncPage(Page):
    key = "sync"
    syncRequested = Signal()  # "Đồng bộ ngay": the window's background sync runs it
    statusLoaded = Signal(object)  # the SyncStatus just read: the status bar follows it
    intervalChanged = Signal(int)  # minutes between background syncs (the setting)
    cancelRequested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Synchronisation"),
                         self.tr("Keep this computer and the upper committee's server in step. The app works "
                                 "fully without a server."), parent)
        self.login_button = self.add_action(self.tr("Log in…"), self._login)
        self.sync_button = self.add_action(self.tr("Sync now"), self._sync, primary=True, shortcut="F5")
        self.cancel_button = self.add_action(self.tr("Stop syncing"), self.cancelRequested.emit)
        self.cancel_button.setVisible(False)
        account = QGroupBox(self.tr("Account and state"))
        form = QFormLayout(account)
        self.account_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("errorText")
        account_row = QHBoxLayout()
        account_row.addWidget(self.account_label, 1)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.forget_button = QPushButton(self.tr("Forget this computer"))
        self.forget_button.setToolTip(self.tr("Removes the session and the server's address from this computer; "
                                              "the data stays."))
        self.password_button = QPushButton(self.tr("Change password…"))
        self.logout_button.clicked.connect(self._logout)
        self.forget_button.clicked.connect(self._forget)
        self.password_button.clicked.connect(self._change_password)
        for button in (self.logout_button, self.forget_button, self.password_button):
            account_row.addWidget(button)
        form.addRow(self.tr("Account:"), account_row)
        form.addRow(self.tr("Last sync:"), self.last_label)
        low, high = Settings.BOUNDS["sync_interval_minutes"]
        self.interval = QSpinBox()
        self.interval.setRange(int(low), int(high))
        self.interval.setSuffix(self.tr(" minutes"))
        self.interval.setValue(ctx.settings.sync_interval_minutes)
        self.interval.setMaximumWidth(160)
        self.interval.setToolTip(self.tr("Also a few seconds after each change, and at once with F5."))
        self.interval.valueChanged.connect(self._interval_changed)
        pending_row = QHBoxLayout()  # one line for both: the page must fit 1366×700 with a conflict shown
        pending_row.addWidget(self.pending_label)
        pending_row.addStretch(1)
        pending_row.addWidget(QLabel(self.tr("Sync automatically every:")))
        pending_row.addWidget(self.interval)
        form.addRow(self.tr("Not yet sent:"), pending_row)
        form.addRow(self.error_label)
        self.body().addWidget(account)
        self.box: QMessageBox | None = None  # the last question or message, kept for tests
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
            Column(self.tr("Your content"), lambda r: r.content.replace("\n", "; ")),
            Column(self.tr("When"), lambda r: _local(r.created_at)),
        ])
        self.conflicts_box = QGroupBox(self.tr("Conflicts to resolve"))
        conflicts = QVBoxLayout(self.conflicts_box)
        self.conflict_view = self._table(self.conflicts)
        self.conflict_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflict_view.setMinimumHeight(60)  # a few rows; the panel below shows the selected one in full
        self.conflict_view.selectionModel().currentRowChanged.connect(self._show_conflict)
        self.conflicts_empty = QLabel(self.tr("No conflicts. When both computers change the same thing before "
                                              "syncing, both values wait here for you to choose."))
        self.conflicts_empty.setWordWrap(True)
        self.conflicts_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        conflicts.addWidget(self.conflicts_empty)
        conflicts.addWidget(self.conflict_view, 1)
        conflicts.addWidget(self._conflict_panel())
        inboxes.addWidget(self.conflicts_box, 3)
        refused = QGroupBox(self.tr("Changes the server refused"))
        refused_layout = QVBoxLayout(refused)
        self.rejected_empty = QLabel(self.tr("No refused changes. A refused change keeps your text here to copy; "
                                             "nothing leaves this list by itself."))
        self.rejected_empty.setWordWrap(True)
        self.rejected_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        refused_layout.addWidget(self.rejected_empty)
        self.rejected_view = self._table(self.rejected)
        refused_layout.addWidget(self.rejected_view)
        rejected_buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy the content"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.copy_button.clicked.connect(self._copy_rejected)
        self.dismiss_button.clicked.connect(self._dismiss_rejected)
        rejected_buttons.addWidget(self.copy_button)
        rejected_buttons.addWidget(self.dismiss_button)
        rejected_buttons.addStretch(1)
        refused_layout.addLayout(rejected_buttons)
        self.rejected_buttons = (self.copy_button, self.dismiss_button)
        inboxes.addWidget(refused, 1)
        self.body().addLayout(inboxes, 1)
        self.status: service.SyncStatus | None = None
        self.selected: tuple[service.ConflictRow, int] | None = None  # the conflict and the field's index
        self._wanted_conflict: uuid.UUID | None = None  # a conflict to select when the inboxes are next read (show_target)
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
            value.setMinimumHeight(30)
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
        for button in (self.logout_button, self.password_button):
            button.setVisible(bool(status.server_url) and status.logged_in)
        self.forget_button.setVisible(bool(status.server_url))
        self.conflicts_empty.setVisible(not status.conflicts)
        self.conflict_view.setVisible(bool(status.conflicts))
        self.rejected_empty.setVisible(not status.rejected)
        self.rejected_view.setVisible(bool(status.rejected))
        for button in self.rejected_buttons:
            button.setVisible(bool(status.rejected))
        current = self.selected
        if self._wanted_conflict is not None:  # an overview item asked for this conflict: its first field
            asked = next((c for c in status.conflicts if c.id == self._wanted_conflict), None)
            self._wanted_conflict = None
            if asked is not None:
                current = (asked, 0)
        self.conflicts.set_records([(c, *field, index) for c in status.conflicts
                                    for index, field in enumerate(c.fields)])
        self.rejected.set_records(list(status.rejected))
        self.conflicts_box.setTitle(self.tr("Conflicts to resolve (%1)").replace("%1", str(len(status.conflicts))))
        self.statusLoaded.emit(status)
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

    def show_target(self, target: Target) -> None:
        """An overview item: that conflict selected, both values in view (read again, so it is current)."""
        self._wanted_conflict = target.record_id
        self.refresh()

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

    def _logged_in(self, outcome: service.LoginOutcome) -> None:
        text = self.tr("Logged in; this computer syncs the cell \"%1\".").replace("%1", outcome.cell_name)
        if not outcome.remembered:
            text += "\n\n" + self.tr("This computer has no password store (keyring), so the session lasts until "
                                     "the app is closed: the password is asked again at the next start.")
        self.box = QMessageBox(QMessageBox.Icon.Information, self.tr("Logged in"), text, parent=self)
        self.box.open()
        self.refresh()
        self.syncRequested.emit()

    def _sync(self) -> None:
        self.syncRequested.emit()

    def show_bar_state(self, state: SyncBarState) -> None:
        """The background sync's state: the buttons follow it (stop while running)."""
        running = state.kind is BarKind.SYNCING
        self.cancel_button.setVisible(running)
        self.sync_button.setEnabled(not running and bool(self.status and self.status.server_url))

    def _interval_changed(self, minutes: int) -> None:
        from secretary_app.settings import save_settings

        self.ctx.settings.sync_interval_minutes = minutes
        try:
            save_settings(self.ctx.settings, self.ctx.paths.settings_file)
        except OSError as exc:
            self.show_error(exc)
        self.intervalChanged.emit(minutes)

    # --- account ---------------------------------------------------------------------------
    def _logout(self) -> None:
        self.write(lambda store: service.logout(store)).success(lambda _v: self.refresh()) \
            .progress(self.tr("Logging out…")).run()

    def _forget(self) -> None:
        self.box = ask(self, self.tr("Forget this computer"),
                       self.tr("Remove the session and the server's address from this computer? The cell's data "
                               "and the changes not yet sent stay here; log in again to send them."),
                       self.tr("Forget this computer"),
                       lambda: self.write(lambda store: service.forget_this_pc(store))
                       .success(lambda _v: self.refresh()).run(), no_text=self.tr("Cancel"))

    def _change_password(self) -> None:
        dialog = PasswordDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if dialog.new.text() != dialog.again.text():
            self.show_error(ValueError(self.tr("The two new passwords differ; nothing was changed. Try again.")))
            return
        current, new = dialog.current.text(), dialog.new.text()
        self.write(lambda store: service.change_password(store, current, new)) \
            .success(lambda _v: QMessageBox.information(self, self.tr("Password changed"), self.tr(
                "Password changed. The account's other computers must log in with the new password."))) \
            .progress(self.tr("Changing the password…")).run()

    # --- refused changes -------------------------------------------------------------------
    def _selected_rejected(self) -> service.RejectedRow | None:
        rows = self.rejected_view.selectionModel().selectedRows()
        if rows:
            return self.rejected.records[rows[0].row()]
        return self.rejected.records[0] if len(self.rejected.records) == 1 else None

    def _copy_rejected(self) -> None:
        from PySide6.QtWidgets import QApplication

        row = self._selected_rejected()
        if row is not None:
            QApplication.clipboard().setText(f"{row.entity}: {row.error_code}\n{row.content}")

    def _dismiss_rejected(self) -> None:
        row = self._selected_rejected()
        if row is None:
            return
        self.box = ask(self, self.tr("Dismiss the refused change"),
                       self.tr("Dismiss this refused change? Copy its content first if you still need it."),
                       self.tr("Dismiss"), lambda: self.write(lambda store: service.dismiss_rejected(store, row.id))
                       .success(lambda _v: self.refresh()).run(), no_text=self.tr("Cancel"))

    def _failed(self, error: Exception) -> None:
        self.announce(Changes(Change.SYNC))  # the failure is kept: the status bar says offline, log in, …
        self.refresh()
        self.show_error(error)
