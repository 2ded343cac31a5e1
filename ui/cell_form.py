"""The cell-details form, shared by the first-run wizard and the settings page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLineEdit, QWidget

from secretary_app.services.cell import CellInput, CellRecord
from ui.qt_dates import to_date


def _date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class CellForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Chi bộ Tổ dân phố số 5"))
        self.superior = QLineEdit()
        self.superior.setPlaceholderText(self.tr("e.g. Đảng bộ phường Hoàn Kiếm"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. Hoàn Kiếm"))
        self.region = QComboBox()
        for number, label in ((1, "I"), (2, "II"), (3, "III"), (4, "IV")):
            self.region.addItem(self.tr("Region %1").replace("%1", label), number)
        self.cell_type = QComboBox()
        for key, label in (("residential", self.tr("Residential area")), ("agency", self.tr("Agency")),
                           ("enterprise", self.tr("Enterprise")), ("school", self.tr("School")),
                           ("armed_forces", self.tr("Armed forces"))):
            self.cell_type.addItem(label, key)
        today = dt.date.today()
        self.term_start = _date_edit(today.replace(month=1, day=1))
        self.term_end = _date_edit(today.replace(year=today.year + 5, month=1, day=1))
        self.grassroots = QCheckBox(self.tr("Grassroots cell (has its own seal)"))
        form.addRow(self.tr("Cell name:"), self.name)
        form.addRow(self.tr("Superior Party organisation:"), self.superior)
        form.addRow(self.tr("Place name for the date line:"), self.place)
        form.addRow(self.tr("Minimum-wage region:"), self.region)
        form.addRow(self.tr("Kind of cell:"), self.cell_type)
        form.addRow(self.tr("Committee term from:"), self.term_start)
        form.addRow(self.tr("Committee term to:"), self.term_end)
        form.addRow("", self.grassroots)
        self.fields = {"name": self.name, "superior_name": self.superior, "place_name": self.place,
                       "wage_region": self.region, "term_end": self.term_end}

    def value(self) -> CellInput:
        return CellInput(
            name=self.name.text(), superior_name=self.superior.text(), place_name=self.place.text(),
            wage_region=int(self.region.currentData()), term_start=to_date(self.term_start.date()),
            term_end=to_date(self.term_end.date()), cell_type=str(self.cell_type.currentData()),
            is_grassroots=self.grassroots.isChecked(),
        )

    def set_value(self, cell: CellRecord) -> None:
        self.name.setText(cell.name)
        self.superior.setText(cell.superior_name)
        self.place.setText(cell.place_name)
        self.region.setCurrentIndex(self.region.findData(cell.wage_region))
        self.cell_type.setCurrentIndex(max(0, self.cell_type.findData(cell.cell_type)))
        self.term_start.setDate(QDate(cell.term_start.year, cell.term_start.month, cell.term_start.day))
        if cell.term_end:
            self.term_end.setDate(QDate(cell.term_end.year, cell.term_end.month, cell.term_end.day))
        self.grassroots.setChecked(cell.is_grassroots)

    def focus_field(self, field: str | None) -> None:
        widget = self.fields.get(field or "")
        if widget is not None:
            widget.setFocus()
