"""Record a dated event in a member's history: transfer, exemption, discipline, death, …"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.roster import DISCIPLINE_LABELS, EVENT_LABELS, PERIOD_KINDS, EventInput, EventKind
from ui.roster.dates import DateEdit, DateProblem

# The kinds a secretary records by hand (admission and recognition follow the record's dates).
_KINDS = [EventKind.TRANSFER_OUT_OFFICIAL, EventKind.TRANSFER_IN_OFFICIAL, EventKind.TRANSFER_OUT_TEMPORARY,
          EventKind.TRANSFER_IN_TEMPORARY, EventKind.TEMPORARY_TRANSFER_END, EventKind.EXEMPTION,
          EventKind.EXEMPTION_END, EventKind.DISCIPLINE, EventKind.DEATH, EventKind.REMOVAL, EventKind.EXPULSION,
          EventKind.RESIGNATION, EventKind.READMISSION, EventKind.ADMISSION, EventKind.RECOGNITION]


class EventDialog(QDialog):
    def __init__(self, member_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record an event"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Member: %1").replace("%1", member_name)))
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in _KINDS:
            self.kind.addItem(EVENT_LABELS[kind], kind.value)
        self.event_date = DateEdit()
        self.event_date.set_date(dt.date.today())
        self.end_date = DateEdit()
        self.discipline = QComboBox()
        for form_value, label in DISCIPLINE_LABELS.items():
            self.discipline.addItem(label, form_value.value)
        self.detail = QLineEdit()
        self.detail.setPlaceholderText(self.tr("e.g. the Party organisation the member moves to"))
        self.reason = QLineEdit()
        self.decision_ref = QLineEdit()
        form.addRow(self.tr("Event:"), self.kind)
        form.addRow(self.tr("Date:"), self.event_date)
        self.end_label = QLabel(self.tr("Until (first day back):"))
        form.addRow(self.end_label, self.end_date)
        self.discipline_label = QLabel(self.tr("Form of discipline:"))
        form.addRow(self.discipline_label, self.discipline)
        self.detail_label = QLabel(self.tr("Other organisation:"))
        form.addRow(self.detail_label, self.detail)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Decision number:"), self.decision_ref)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("error")  # styled by ui.theme
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._result: EventInput | None = None

    def set_kind(self, kind: EventKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = EventKind(self.kind.currentData())
        widget: QWidget
        for widget in (self.end_label, self.end_date):
            widget.setVisible(kind in PERIOD_KINDS)
        for widget in (self.discipline_label, self.discipline):
            widget.setVisible(kind is EventKind.DISCIPLINE)
        transfer = kind.value.startswith("transfer")
        for widget in (self.detail_label, self.detail):
            widget.setVisible(transfer)

    def _check_and_accept(self) -> None:
        kind = EventKind(self.kind.currentData())
        try:
            day = self.event_date.date()
            end = self.end_date.date() if kind in PERIOD_KINDS else None
        except DateProblem as problem:
            self.error_label.setText(str(problem))
            return
        if day is None:
            self.error_label.setText(self.tr("Enter the date of the event."))
            return
        detail = self.discipline.currentData() if kind is EventKind.DISCIPLINE else self.detail.text()
        self._result = EventInput(kind.value, day, end, self.reason.text(), detail or "", self.decision_ref.text())
        self.accept()

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)

    def data(self) -> EventInput | None:
        return self._result
