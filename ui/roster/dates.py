"""A date field typed as dd/mm/yyyy (empty allowed), read with the same parser as the importer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from secretary_app.roster_io.dates import DateProblem, parse_date
from ui.sizing import fit_placeholder


class DateEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        fit_placeholder(self)  # "ngày/tháng/năm" whole, in large text too
        self.setMaximumWidth(self.minimumWidth() + 40)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def date(self) -> dt.date | None:
        """The typed date; raises DateProblem (a Vietnamese reason) when it is not a real date."""
        return parse_date(self.text())


__all__ = ["DateEdit", "DateProblem"]
