"""The "Sao lưu và nhật ký" group of the Cài đặt page: when the last backup was made, a backup now (into
the backups folder or a chosen folder, a USB stick), a restore with a preview of what the file holds and
one question, and the audit trail with its check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.backups import (
    BackupMade,
    BackupPreview,
    backup_age,
    create_backup,
    last_backup,
    preview,
    restore_into,
)
from secretary_app.services.encryption import Encrypted, is_protected, protect_store
from ui import ops
from ui.confirm import ask
from ui.context import AppContext
from ui.tasks import user_message


class DataSafetyBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backups and change log"), parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.last = QLabel()
        self.last.setWordWrap(True)
        layout.addWidget(self.last)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now…"))
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.log_button = QPushButton(self.tr("Change log…"))
        for button in (self.backup_button, self.restore_button, self.log_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        encryption = QHBoxLayout()
        self.encryption = QLabel()
        self.encryption.setWordWrap(True)
        self.encrypt_button = QPushButton(self.tr("Protect with a password…"))
        encryption.addWidget(self.encryption, 1)
        encryption.addWidget(self.encrypt_button)
        layout.addLayout(encryption)
        self.encrypt_button.clicked.connect(self.ask_passphrase)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.choose_restore)
        self.log_button.clicked.connect(self.open_log)
        self.question: QMessageBox | None = None  # the restore question, kept for tests

    def refresh(self) -> None:
        paths = self.ctx.paths
        encrypted = is_protected(paths)
        self.encrypt_button.setVisible(not encrypted)
        self.encryption.setText(self.tr("The data on this computer is encrypted.") if encrypted else
                                self.tr("The data on this computer is not encrypted: anyone who can open the "
                                        "file can read the members' records. No system keyring was found to "
                                        "keep a key, so protect it with a password you will type at each start."))
        ops.read(self.ctx, self, lambda _store: backup_age(last_backup(paths))) \
            .success(lambda text: self.last.setText(self.tr("Last backup: %1").replace("%1", text))) \
            .failure(lambda exc: self.last.setText(user_message(exc))).run()

    def back_up(self, folder: Path | None = None) -> None:
        """Into ``folder`` when given (tests), else the folder the secretary picks (Cancel: the data folder's
        own backups)."""
        if folder is None and not self.ctx.headless:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Where to put the backup (a USB stick…)"),
                                                      str(self.ctx.paths.backups))
            folder = Path(chosen) if chosen else None
        paths = self.ctx.paths
        # A backup reads the store and writes a file: nothing a page shows changes.
        ops.read(self.ctx, self, lambda _store: create_backup(paths, folder)).success(self._backed_up) \
            .failure(self._failed).progress(self.tr("Backing up…")).run()

    def _backed_up(self, made: BackupMade) -> None:
        self.message.setText(self.tr("Backed up to %1: %2 members, %3 meetings, %4 documents. Change log: %5.")
                             .replace("%1", str(made.path)).replace("%2", str(made.members))
                             .replace("%3", str(made.meetings)).replace("%4", str(made.documents))
                             .replace("%5", made.audit))
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message.setText(user_message(error))

    def choose_restore(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), str(self.ctx.paths.backups),
                                                    self.tr("Backups (*.sqlite3)"))
            if not chosen:
                return
            path = Path(chosen)
        target, paths = path, self.ctx.paths
        ops.read(self.ctx, self, lambda _store: preview(paths, target)).success(self._ask_restore) \
            .failure(self._failed).run()

    def _ask_restore(self, preview: BackupPreview) -> None:
        when = preview.taken_at.strftime("%H:%M %d/%m/%Y") if preview.taken_at else "?"
        text = (self.tr("This backup was made at %1 and holds:\n%2 — %3\n%4 members, %5 meetings, %6 documents.\n\n"
                        "The data you have now is backed up first, then replaced by this backup. This computer "
                        "then syncs as a new computer, so nothing it had waiting is lost.")
                .replace("%1", when).replace("%2", preview.cell_name).replace("%3", preview.superior_name)
                .replace("%4", str(preview.members)).replace("%5", str(preview.meetings))
                .replace("%6", str(preview.documents)))
        self.question = ask(self, self.tr("Restore from a backup"), text, self.tr("Restore"),
                            lambda: self._restore(preview.path), self.tr("Do not restore"))

    def _restore(self, path: Path) -> None:
        # The hub then tells every page that everything changed, so each reads again.
        ops.write(self.ctx, self, lambda store: restore_into(store, path)).success(self._restored) \
            .failure(self._failed).progress(self.tr("Restoring…")).run()

    def _restored(self, before: Path | None) -> None:
        kept = self.tr(" The data from before is kept in %1.").replace("%1", str(before)) if before else ""
        self.message.setText(self.tr("Restored.") + kept)
        self.refresh()

    def ask_passphrase(self, passphrase: str | None = None) -> None:
        """Two entries of the same password, at least 8 characters, then encrypt on the worker."""
        if passphrase is None:
            from PySide6.QtWidgets import QInputDialog, QLineEdit

            first, ok = QInputDialog.getText(self, self.tr("Data password"),
                                             self.tr("A password for the data (at least 8 characters). Keep it "
                                                     "safe: without it the data cannot be opened."),
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return
            again, ok = QInputDialog.getText(self, self.tr("Data password"), self.tr("Type the password again:"),
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return
            if first != again:
                self.message.setText(self.tr("The two passwords differ; nothing was changed."))
                return
            passphrase = first
        chosen = passphrase
        ops.write(self.ctx, self, lambda store: protect_store(store, chosen)).success(self._encrypted) \
            .failure(self._failed).progress(self.tr("Encrypting…")).run()

    def _encrypted(self, done: Encrypted) -> None:
        self.message.setText(self.tr("Encrypted: %1 members and %2 backups.").replace("%1", str(done.members))
                             .replace("%2", str(done.backups)))
        self.refresh()

    def open_log(self) -> None:
        from ui.audit_dialog import AuditDialog

        self.log_dialog = AuditDialog(self.ctx, self)
        self.log_dialog.open()
