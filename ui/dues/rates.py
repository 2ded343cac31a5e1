"""Cài đặt → "Mức đóng đảng phí": the dues settings in force (value, since when, on what authority) and the
dialog that adds a dated entry when a new decree comes (a regional minimum wage, a rate, the kept share,
rounding). An entry applies from the month of its date; earlier months keep the rules of their time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.services import dues
from ui import ops
from ui.context import AppContext
from ui.dues.fields import AmountEdit, parse_amount, parse_rate
from ui.roster.dates import DateEdit, DateProblem
from ui.tasks import user_message


class RateDialog(QDialog):
    """"Thêm mức mới": what changes, the new value, the date it takes effect, and the decree."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, on_saved: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._on_saved = on_saved
        self.setWindowTitle(self.tr("New party dues rate"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("When a new decree or decision changes a rate, record it here with the date it "
                               "takes effect. Months before that date keep the rates of their time."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.key = QComboBox()
        for key, label in dues.OVERRIDE_KEYS.items():
            self.key.addItem(label, key)
        self.key.currentIndexChanged.connect(self._key_changed)
        form.addRow(self.tr("What changes:"), self.key)
        self.value = AmountEdit()
        self.unit = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.value)
        row.addWidget(self.unit, 1)
        form.addRow(self.tr("New value:"), row)
        self.effective = DateEdit()
        form.addRow(self.tr("In force from:"), self.effective)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("e.g. Nghị định 293/2025/NĐ-CP"))
        form.addRow(self.tr("Source (decree, decision):"), self.source)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._key_changed()

    def _key_changed(self) -> None:
        unit = dues.OVERRIDE_UNITS[str(self.key.currentData())]
        self.unit.setText({"rate": self.tr("% (e.g. 0,3)"), "percent": self.tr("% of the dues collected"),
                           "step": self.tr("đồng (1 = exact to the đồng, 1000 = up to the next 1.000 đ)")}
                          .get(unit, self.tr("đồng")))

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.save_button.setEnabled(True)

    def save(self) -> None:
        key = str(self.key.currentData())
        try:
            value = (parse_rate if dues.OVERRIDE_UNITS[key] == "rate" else parse_amount)(self.value.text())
            effective = self.effective.date()
        except (ValueError, DateProblem) as problem:
            self.fail(str(problem))
            return
        source = self.source.text()
        self.save_button.setEnabled(False)  # one save per click, even when the worker is slow
        ops.write(self.ctx, self, lambda store: dues.add_cell_override(store, key, value, effective, source)) \
            .success(lambda _id: self._saved()).failure(lambda error: self.fail(user_message(error))).run()

    def _saved(self) -> None:
        if self._on_saved is not None:
            self._on_saved()
        self.accept()


class DuesRatesBox(QGroupBox):
    """The "Mức đóng đảng phí" section of Cài đặt."""

    COLUMNS = 4

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Party dues rates"), parent)
        self.ctx = ctx
        self.entries: list[dues.RateEntry] = []
        self.today = dt.date.today()  # which entries are in force (a test sets the demo's day)
        self.dialog: RateDialog | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The rates used to compute each month's dues, with the date they took effect "
                               "and their source. A new rate applies from its month on."))
        intro.setWordWrap(True)  # large text: one line would push the whole Cài đặt page sideways
        layout.addWidget(intro)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Setting"), self.tr("Value"), self.tr("In force from"),
                                              self.tr("Source")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(3, 260)
        self.table.setMinimumHeight(260)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a new rate…"))
        self.add_button.clicked.connect(self.add_rate)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        ctx.hub.changed.connect(self._changes)

    def _changes(self, changes: Changes) -> None:
        if changes.touches(Change.DUES | Change.CELL):
            self.refresh()

    def refresh(self) -> None:
        today = self.today
        ops.read(self.ctx, self, lambda store: dues.rate_entries(store, today)) \
            .success(self._show).failure(self._failed).run()

    def _failed(self, error: Exception) -> None:
        self.table.setRowCount(0)
        self.message.setText(user_message(error))
        self.message.show()

    def _show(self, entries: list[dues.RateEntry]) -> None:
        self.entries = entries
        self.message.hide()
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            since = entry.effective_from.strftime("%d/%m/%Y") if entry.effective_from else ""
            if entry.upcoming:
                since = self.tr("%1 (upcoming)").replace("%1", since)
            source = entry.source + (self.tr(" · entered by the cell") if entry.by_cell else "")
            for c, text in enumerate((entry.label, entry.value_text, since, source)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def add_rate(self) -> RateDialog:
        self.dialog = RateDialog(self.ctx, self)
        self.dialog.open()
        return self.dialog
