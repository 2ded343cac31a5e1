"""Dialogs of the admissions page: a candidate's fields, and one dated step with its document.

Dates are typed as dd/mm/yyyy; a date that is not real is refused in the dialog with the reason, nothing
is sent to the services until it reads."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.admissions import STEP_LABELS, CandidateData, StepInput
from ui.roster.dates import DateEdit, DateProblem
from ui.sizing import fit_placeholder


class _Form(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        # At least 680 px wide, and wider when the fields need it (large text): a strut, not setMinimumWidth,
        # which would override the layout's own minimum and cut the fields off at the dialog's edge.
        layout.addStrut(680)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _try_accept(self) -> None:
        try:
            self.read()
        except DateProblem as problem:
            self.fail(str(problem))
            return
        except ValueError as problem:
            self.fail(str(problem))
            return
        self.accept()

    def read(self) -> object:
        raise NotImplementedError


class CandidateDialog(_Form):
    """A candidate's own fields and the official member assigned to help them."""

    def __init__(self, members: Sequence[tuple[uuid.UUID, str]], data: CandidateData | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Candidate for admission"))
        self.name = QLineEdit()
        self.birth = DateEdit()
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Male"), "Nam")
        self.gender.addItem(self.tr("Female"), "Nữ")
        self.occupation = QLineEdit()
        self.helper = QComboBox()
        self.helper.addItem(self.tr("(not assigned yet)"), None)
        for member_id, name in members:
            self.helper.addItem(name, member_id)
        self.union = QComboBox()
        self.union.addItem(self.tr("Two official members introduce"), "")
        self.union.addItem(self.tr("Under 30, a Youth Union exists: its executive committee + one member"), "doan")
        self.union.addItem(self.tr("Under 30, no Youth Union: the trade union executive + one member"), "cong_doan")
        self.special = QCheckBox(self.tr("+30 working days for the decision"))
        self.form.addRow(self.tr("Full name"), self.name)
        self.form.addRow(self.tr("Date of birth"), self.birth)
        self.form.addRow(self.tr("Gender"), self.gender)
        self.form.addRow(self.tr("Occupation"), self.occupation)
        self.form.addRow(self.tr("Member helping them"), self.helper)
        self.form.addRow(self.tr("Introducers"), self.union)
        self.form.addRow(self.tr("Special case"), self.special)
        if data is not None:
            self.name.setText(data.full_name)
            self.birth.set_date(data.birth_date)
            self.gender.setCurrentIndex(max(0, self.gender.findData(data.gender)))
            self.occupation.setText(data.occupation)
            self.helper.setCurrentIndex(max(0, self.helper.findData(data.helper_member_id)))
            self.union.setCurrentIndex(max(0, self.union.findData(data.youth_union)))
            self.special.setChecked(data.special_case)

    def read(self) -> CandidateData:
        return CandidateData(self.name.text(), self.birth.date(), self.gender.currentData(), self.occupation.text(),
                             self.helper.currentData(), self.special.isChecked(), self.union.currentData())


class StepDialog(_Form):
    """One dated step: which step, when, the document's number or name; for an introducer, who and since when
    they have worked, studied or lived with the applicant in the same unit."""

    def __init__(self, members: Sequence[tuple[uuid.UUID, str]], today: dt.date, organisation: str = "",
                 kind: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a step"))
        self.kind = QComboBox()
        for key, label in STEP_LABELS.items():
            self.kind.addItem(label, key)
        self.day = DateEdit()
        self.day.set_date(today)
        self.document = QLineEdit()
        self.document.setPlaceholderText(self.tr("number and date of the document, e.g. 45-QĐ/ĐU"))
        fit_placeholder(self.document)
        self.introducer = QComboBox()
        if organisation:
            self.introducer.addItem(organisation, None)
        for member_id, name in members:
            self.introducer.addItem(name, member_id)
        self.since = DateEdit()
        self.form.addRow(self.tr("Step"), self.kind)
        self.form.addRow(self.tr("Date"), self.day)
        self.form.addRow(self.tr("Document"), self.document)
        self.form.addRow(self.tr("Introducer"), self.introducer)
        self.form.addRow(self.tr("Together in the same unit since"), self.since)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()

    def _kind_changed(self) -> None:
        introducer = self.kind.currentData() == "introducer"
        for widget in (self.introducer, self.since):
            widget.setVisible(introducer)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(introducer)

    def read(self) -> StepInput:
        done = self.day.date()
        if done is None:
            raise ValueError(self.tr("Type the date of this step."))
        introducer = self.kind.currentData() == "introducer"
        return StepInput(self.kind.currentData(), done, self.document.text(),
                         self.introducer.currentData() if introducer else None,
                         self.since.date() if introducer else None)
