"""The member record form: every field of rules.md §3.1, checked before it is saved."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.roster import MemberData, MemberDetail
from ui.context import AppContext
from ui.roster.dates import DateEdit, DateProblem
from ui.roster.member_tabs import AwardsTab, DuesTab

_DATES = ("birth_date", "admission_decision_date", "ceremony_date", "official_date")


class MemberDialog(QDialog):
    """Fill in or correct a member's record. ``data()`` gives the checked record after OK.

    With ``ctx`` and the member's ``detail`` (an existing member), the Đảng phí and Khen thưởng – kỷ luật tabs
    show that member's dues and badge / discipline; for a new member they say to save the record first."""

    def __init__(self, data: MemberData | None, parent: QWidget | None = None, *, ctx: AppContext | None = None,
                 detail: MemberDetail | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New member") if data is None else self.tr("Member record"))
        self.setMinimumWidth(720)
        labels = {
            "full_name": self.tr("Full name"), "birth_name": self.tr("Birth name (if different)"),
            "birth_date": self.tr("Date of birth"), "gender": self.tr("Gender"),
            "ethnicity": self.tr("Ethnicity"), "religion": self.tr("Religion"),
            "home_town": self.tr("Home town"), "residence": self.tr("Residence"),
            "admission_decision_date": self.tr("Admission decision date"),
            "ceremony_date": self.tr("Admission ceremony date"), "official_date": self.tr("Official member since"),
            "card_number": self.tr("Party card number"), "record_number": self.tr("Party record number"),
            "national_id": self.tr("Citizen ID number"), "position": self.tr("Position"),
            "education": self.tr("General education"), "political_theory": self.tr("Political theory level"),
            "profession": self.tr("Profession"), "phone": self.tr("Phone"), "notes": self.tr("Notes"),
        }
        self.fields: dict[str, QWidget] = {}
        for name in labels:
            if name in _DATES:
                widget: QWidget = DateEdit()
            elif name == "gender":
                widget = QComboBox()
                widget.addItems(["", "Nam", "Nữ"])
            elif name == "notes":
                widget = QPlainTextEdit()
                widget.setMaximumHeight(70)
            else:
                widget = QLineEdit()
            widget.setObjectName(name)
            self.fields[name] = widget
        # The four tabs of UI.md. The first two hold the fields, one column each, so every field, the address
        # above all, gets the dialog's whole width; dues, badges and discipline are payments, decisions and
        # events kept by their own services: their tabs show them and open the dialogs that change them.
        groups = {
            self.tr("General information"): ("full_name", "birth_name", "birth_date", "gender", "ethnicity",
                                              "religion", "home_town", "residence", "national_id", "phone"),
            self.tr("Party history"): ("admission_decision_date", "ceremony_date", "official_date", "card_number",
                                        "record_number", "position", "education", "political_theory",
                                        "profession", "notes"),
        }
        self.tabs = QTabWidget()
        for title, names in groups.items():
            page = QWidget()
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name in names:
                form.addRow(labels[name] + ":", self.fields[name])
            self.tabs.addTab(page, title)
        member_id: uuid.UUID | None = detail.id if detail is not None else None
        full_name = data.full_name if data is not None else ""
        self.dues_tab = DuesTab(ctx, member_id, full_name)
        self.tabs.addTab(self.dues_tab, self.tr("Party dues"))
        self.awards_tab = AwardsTab(detail)
        self.tabs.addTab(self.awards_tab, self.tr("Awards and discipline"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")  # styled by ui.theme
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._result: MemberData | None = None
        if data is not None:
            self.set_data(data)

    def set_data(self, data: MemberData) -> None:
        for name, widget in self.fields.items():
            value = getattr(data, name)
            if isinstance(widget, DateEdit):
                widget.set_date(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                assert isinstance(widget, QLineEdit)  # every other field is a line
                widget.setText(value)

    def _read(self) -> MemberData:
        values: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, DateEdit):
                try:
                    values[name] = widget.date()
                except DateProblem as problem:
                    raise _FieldProblem(name, str(problem)) from None
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentText()
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            else:
                assert isinstance(widget, QLineEdit)  # every other field is a line
                values[name] = widget.text()
        return MemberData(**values).normalised()

    def _check_and_accept(self) -> None:
        try:
            data = self._read()
        except _FieldProblem as problem:
            self.show_problem(problem.field, problem.message)
            return
        problems = data.problems()
        if problems:
            self.show_problem(*problems[0])
            return
        self._result = data
        self.accept()

    def show_problem(self, field: str | None, message: str) -> None:
        self.error_label.setText(message)
        if field in self.fields:
            widget = self.fields[field]
            for index in range(self.tabs.count()):  # the field may be on the other tab
                tab = self.tabs.widget(index)
                if tab is not None and tab.isAncestorOf(widget):
                    self.tabs.setCurrentIndex(index)
            widget.setFocus()

    def data(self) -> MemberData | None:
        return self._result


class _FieldProblem(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
