"""First start: set up the cell, or open the demo cell to look around first.

The save goes through the one doorway (``ui/ops.py``) on the worker thread like every other screen: Finish
starts it and keeps the wizard open; once it succeeded the wizard closes itself, and a refused field keeps
the person on the page with the plain message."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QRadioButton, QVBoxLayout, QWizard, QWizardPage

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
        self.own = QRadioButton(self.tr("Set up my cell (takes a minute)"))
        self.demo = QRadioButton(self.tr("Open the demo cell to look around first"))
        self.own.setChecked(True)
        # The demo makes this the last page: tell the wizard, so it shows Finish instead of Next.
        self.demo.toggled.connect(self.setFinalPage)
        layout.addWidget(self.own)
        layout.addWidget(self.demo)
        note = QLabel(self.tr("You can change every detail later in Settings."))
        note.setWordWrap(True)
        layout.addWidget(note)

    def nextId(self) -> int:
        return SetupWizard.PAGE_CELL if self.own.isChecked() else -1


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
    PAGE_CHOICE, PAGE_CELL = 0, 1

    def __init__(self, ctx: AppContext, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.ctx = ctx
        self.saved = False  # set once the worker saved: Finish then closes the wizard
        self.saving = False
        self.setWindowTitle(self.tr("Sổ tay Bí thư — first-time set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.choice = _ChoicePage()
        self.cell_page = _CellPage()
        self.setPage(self.PAGE_CHOICE, self.choice)
        self.setPage(self.PAGE_CELL, self.cell_page)
        self.resize(760, 560)

    def validateCurrentPage(self) -> bool:
        """Finish: start the save on the worker and stay; ``_saved`` finishes the wizard once it is done."""
        if self.saved:
            return True
        demo = self.currentId() == self.PAGE_CHOICE and self.choice.demo.isChecked()
        if not demo and self.currentId() != self.PAGE_CELL:
            return True
        if self.saving:
            return False  # a second press of Finish while saving does not save twice
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
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
