"""First start, three ways: set up a new cell, receive the cell from the committee's sync server, or open
the demo cell to look around first.

The save (and the join) goes through the one doorway (``ui/ops.py``) on the worker thread like every other screen: Finish
starts it and keeps the wizard open; once it succeeded the wizard closes itself, and a refused field keeps
the person on the page with the plain message."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from secretary_app.errors import UserError
from ui import ops
from ui.cell_form import CellForm
from ui.context import AppContext
from ui.tasks import user_message


class _ChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Sổ tay Bí thư"))
        self.setSubTitle(self.tr("This is the first start. How would you like to begin?"))
        layout = QVBoxLayout(self)
        self.own = QRadioButton(self.tr("New cell: set up my cell (takes a minute)"))
        self.server = QRadioButton(self.tr("From the server: receive my cell from the upper committee's sync "
                                           "server (an account is needed)"))
        self.demo = QRadioButton(self.tr("Demo cell: look around first"))
        self.own.setChecked(True)
        # The demo makes this the last page: tell the wizard, so it shows Finish instead of Next.
        self.demo.toggled.connect(self.setFinalPage)
        layout.addWidget(self.own)
        layout.addWidget(self.server)
        layout.addWidget(self.demo)
        note = QLabel(self.tr("You can change every detail later in Settings."))
        note.setWordWrap(True)
        layout.addWidget(note)

    def nextId(self) -> int:
        if self.own.isChecked():
            return SetupWizard.PAGE_CELL
        return SetupWizard.PAGE_SERVER if self.server.isChecked() else -1


class _ServerPage(QWizardPage):
    """Join from the server: address, account, password; the cell and every record arrive on the worker."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Receive the cell from the server"))
        self.setSubTitle(self.tr("Use the address and the account the upper committee gave you. The cell's "
                                 "details and all its records are copied to this computer."))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://dongbo.example.vn")
        self.address.setMinimumWidth(380)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Server address:"), self.address)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Password:"), self.password)
        layout.addLayout(form)
        self.state = QLabel()  # "Đang nhận dữ liệu…" / what went wrong and what to do
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class _CellPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Your cell"))
        self.setSubTitle(self.tr("These names appear in the header of every document, exactly as written here."))
        layout = QVBoxLayout(self)
        self.form = CellForm()
        layout.addWidget(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")  # styled by ui.theme
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

    def nextId(self) -> int:
        return -1


class SetupWizard(QWizard):
    PAGE_CHOICE, PAGE_CELL, PAGE_SERVER = 0, 1, 2

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved = False  # set once the worker saved: Finish then closes the wizard
        self.saving = False
        self.joining = False
        self.joined = False
        self.setWindowTitle(self.tr("Sổ tay Bí thư — first-time set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.choice = _ChoicePage()
        self.cell_page = _CellPage()
        self.server_page = _ServerPage()
        self.setPage(self.PAGE_CHOICE, self.choice)
        self.setPage(self.PAGE_CELL, self.cell_page)
        self.setPage(self.PAGE_SERVER, self.server_page)
        self.resize(760, 560)

    def validateCurrentPage(self) -> bool:
        """Finish: start the save on the worker and stay; ``_saved`` finishes the wizard once it is done."""
        if self.saved:
            return True
        if self.currentId() == self.PAGE_SERVER:
            if self.joined:
                return True
            self._join()
            return False  # the worker finishes the wizard when everything has arrived
        demo = self.currentId() == self.PAGE_CHOICE and self.choice.demo.isChecked()
        if not demo and self.currentId() != self.PAGE_CELL:
            return True
        if self.saving:
            return False  # a second press of Finish while saving does not save twice
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        op: ops.WriteOp[Any]
        if demo:
            from secretary_app.demo import create_demo_cell

            op = ops.write(self.ctx, self, create_demo_cell).failure(self._demo_failed) \
                .progress(self.tr("Creating the demo cell…"))
        else:
            from secretary_app.services.cell import save_cell

            data = self.cell_page.form.value()
            op = ops.write(self.ctx, self, lambda store: save_cell(store, data)).failure(self._cell_refused)
        op.success(self._saved).run()
        return False

    def _saved(self, _value: object) -> None:
        self.saved, self.saving = True, False
        self.accept()  # validateCurrentPage now says yes

    def _stopped(self) -> None:
        self.saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _demo_failed(self, error: Exception) -> None:
        self._stopped()
        QMessageBox.warning(self, self.tr("Could not create the demo cell"), user_message(error))

    def _cell_refused(self, error: Exception) -> None:
        self._stopped()
        self.cell_page.error.setText(user_message(error))
        if isinstance(error, UserError):
            self.cell_page.form.focus_field(error.field)

    # --- from the server ---------------------------------------------------------------------
    def _join(self) -> None:
        if self.joining:
            return
        page = self.server_page
        address, username, password = page.address.text().strip(), page.username.text().strip(), page.password.text()
        if not (address and username and password):
            page.error.setText(self.tr("Fill in the server address, the user name and the password."))
            return
        self.joining = True
        page.error.setText("")
        page.state.setText(self.tr("Logging in and receiving the cell's data…"))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        from secretary_app.sync import service

        ops.write_reporting(self.ctx, self, lambda store, progress: service.join_from_server(
            store, address, username, password, progress=progress)) \
            .success(self._joined).failure(self._join_failed) \
            .progress(self.tr("Receiving the cell from the server…")).run()

    def _joined(self, report) -> None:
        self.joining, self.joined = False, True
        self.server_page.state.setText(self.tr("Received %1 records. This computer is ready.")
                                       .replace("%1", str(report.pulled)))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.accept()

    def _join_failed(self, error: Exception) -> None:
        self.joining = False
        self.server_page.state.setText("")
        self.server_page.error.setText(user_message(error))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
