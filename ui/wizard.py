"""First start: set up the cell, or open the demo cell to look around first."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from secretary_app.demo import create_demo_cell
from secretary_app.errors import UserError
from secretary_app.services.cell import save_cell
from secretary_app.store import Store
from ui.cell_form import CellForm


class _ChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to Sổ tay Bí thư"))
        self.setSubTitle(self.tr("This is the first start. How would you like to begin?"))
        layout = QVBoxLayout(self)
        self.own = QRadioButton(self.tr("Set up my cell (takes a minute)"))
        self.demo = QRadioButton(self.tr("Open the demo cell to look around first"))
        self.own.setChecked(True)
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

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Sổ tay Bí thư — first-time set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.choice = _ChoicePage()
        self.cell_page = _CellPage()
        self.setPage(self.PAGE_CHOICE, self.choice)
        self.setPage(self.PAGE_CELL, self.cell_page)
        self.resize(760, 560)

    def validateCurrentPage(self) -> bool:
        """Save when the person finishes; a wrong field keeps them on the page with a plain message."""
        if self.currentId() == self.PAGE_CHOICE and self.choice.demo.isChecked():
            try:
                create_demo_cell(self.store)
            except UserError as exc:
                QMessageBox.warning(self, self.tr("Could not create the demo cell"), exc.message)
                return False
            return True
        if self.currentId() == self.PAGE_CELL:
            try:
                save_cell(self.store, self.cell_page.form.value())
            except UserError as exc:
                self.cell_page.error.setText(exc.message)
                self.cell_page.form.focus_field(exc.field)
                return False
        return True
