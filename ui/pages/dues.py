"""The Đảng phí page: members × months for a year (a word in every cell, never colour alone), quick cash
entry by keyboard (type a name, Enter fills the amount due, Enter saves), arrears and the 3-months rule,
and the ledger exported to Excel, PDF or Word.

Every service call goes through the one doorway ``ui/ops.py`` (``self.read`` / ``self.write``): it runs on
the worker thread, and the hub tells every page (this one included) what a write changed. The selected
member's category, basis and exemption / reduction / deferral decisions open the dialogs of ``ui/dues``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.text import search_key
from secretary_app.changes import Change, Changes
from secretary_app.services import documents, dues
from secretary_app.services.dues import Arrear, DuesYear, GridCell, LedgerRow, MonthState, RemovalAlert, vnd
from secretary_app.services.overview import Target
from secretary_app.store import Store
from ui.context import AppContext
from ui.dues.member_dues import BasisDialog, DecisionDialog, open_basis, open_decision
from ui.pages.base import Page
from ui.sizing import fit_placeholder
from ui.tables import Column, RecordTableModel, fit_columns, fit_rows

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


#: What a grid cell shows: a short word or a sign, never colour alone (the legend under the grid says it).
_MARKS = {MonthState.PAID: "✓", MonthState.DUE: "Nợ", MonthState.PARTIAL: "Thiếu", MonthState.OVERPAID: "Thừa",
          MonthState.EXEMPT: "Miễn", MonthState.NOT_HERE: "—", MonthState.FUTURE: ""}


def cell_text(cell: GridCell) -> str:
    """"✓", "Nợ", "Thiếu", "Thừa", "Miễn", "—", with "−50%" for a reduction and "↺" for a reversal."""
    text = _MARKS[cell.state]
    if 0 < cell.reduction_percent < 100:
        text += f" −{cell.reduction_percent}%"
    if cell.reversed:
        text += " ↺"
    return text.strip()


class _StatusLine(QLabel):
    """The page's one-line messages ("Đã ghi …", a hint): hidden while empty, so the grid has that room."""

    def __init__(self) -> None:
        super().__init__("")
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # QLabel's own name, so every message shows it
        super().setText(text)
        self.setVisible(bool(text))


class DuesPage(Page):
    key = "dues"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Party dues"),
                         self.tr("Monthly dues of every member, computed by the rules in force. "
                                 "Type a name, press Enter for the amount due, Enter again to save."), parent)
        self.today = dt.date.today()
        self.data: DuesYear | None = None
        self.add_action(self.tr("Category and basis…"), self.edit_basis, shortcut="Ctrl+B")
        self.add_action(self.tr("Export the ledger…"), self.save_ledger, shortcut="Ctrl+E")
        self.add_more_action(self.tr("Exemption, reduction…"), self.add_decision, shortcut="Ctrl+M")
        self.add_more_action(self.tr("Reverse a payment…"), lambda: self.reverse_selected())  # not clicked's bool

        # The year belongs to the grid: it sits at the right of the grid's tabs (below); the month collected
        # belongs to the entry: it sits in the entry row. One row less above the grid.
        year_box = QWidget()
        year_row = QHBoxLayout(year_box)
        year_row.setContentsMargins(0, 0, 0, 2)
        year_row.addWidget(QLabel(self.tr("Year")))
        self.year = QSpinBox()
        self.year.setRange(2011, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(lambda _: self.refresh())
        year_row.addWidget(self.year)
        self.month = QComboBox()
        for number in range(1, 13):
            self.month.addItem(f"{number:02d}", number)
        self.month.setCurrentIndex(max(0, self.today.month - 2))  # dues are collected for the month before
        self.month.currentIndexChanged.connect(lambda _: self._fill_amount())
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("Member")))
        self.name = QLineEdit()
        self.name.setObjectName("duesName")
        self.name.setPlaceholderText(self.tr("type a name, then Enter"))
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.name.setCompleter(completer)
        fit_placeholder(self.name)
        self.name.returnPressed.connect(self.pick_member)
        entry.addWidget(self.name, 3)
        # Short labels, the whole wording in the tooltips: the entry row fits 1366 px in large text too.
        month_label = QLabel(self.tr("Month"))
        for widget in (month_label, self.month):
            widget.setToolTip(self.tr("Month collected (usually the month before)"))
        entry.addWidget(month_label)
        entry.addWidget(self.month)
        amount_label = QLabel(self.tr("Amount"))
        amount_label.setToolTip(self.tr("Amount (VND)"))
        entry.addWidget(amount_label)
        self.amount = QLineEdit()
        self.amount.setObjectName("duesAmount")
        self.amount.setAlignment(RIGHT)
        self.amount.setPlaceholderText(self.tr("VND"))
        self.amount.setToolTip(self.tr("Amount (VND)"))
        fit_placeholder(self.amount, "10.000.000")
        self.amount.returnPressed.connect(self.save_payment)
        entry.addWidget(self.amount, 1)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("Cash"), "cash")
        self.channel.addItem(self.tr("Public-service portal"), "portal")
        self.channel.currentIndexChanged.connect(lambda _: self.receipt.setEnabled(self.channel.currentData() == "portal"))
        self.channel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        entry.addWidget(self.channel)
        self.receipt: QLineEdit = QLineEdit()  # typed: the lambda above refers to it first
        self.receipt.setPlaceholderText(self.tr("receipt no."))
        self.receipt.setEnabled(False)
        self.receipt.returnPressed.connect(self.save_payment)
        entry.addWidget(self.receipt)
        self.body().addLayout(entry)
        self.status = _StatusLine()  # takes no room while it has nothing to say
        self.body().addWidget(self.status)

        columns = [Column(self.tr("Full name"), lambda r: r.full_name)]
        for index in range(12):
            columns.append(Column(f"{index + 1:02d}", self._month_value(index), align=RIGHT))
        columns += [Column(self.tr("Paid"), lambda r: vnd(r.paid), sort_key=lambda r: r.paid, align=RIGHT),
                    Column(self.tr("Owed"), lambda r: vnd(r.owed) if r.owed else "", sort_key=lambda r: r.owed,
                           align=RIGHT)]
        self.model = RecordTableModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, 0)  # the name takes the room the twelve months and the totals leave
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for month_column in range(1, 13):
            self.table.horizontalHeader().setSectionResizeMode(month_column, QHeaderView.ResizeMode.Fixed)
        # Each row as tall as its cells need at the widths they have (a long name, or a mark such as "✓ −50%",
        # wraps onto a second line, never cut), measured again as the name column follows the window; not as
        # tall as the hidden row header's padded section, which left five rows on screen in large text.
        fit_rows(self.table, extra=4, least=0)
        self.totals = QLabel("")
        self.legend = QLabel(self.tr("✓ paid · Nợ unpaid · Thiếu underpaid · Thừa overpaid, to resolve · Miễn exempt · "
                                     "−50% reduced · ↺ a payment reversed · — not in the cell that month"))
        self.legend.setWordWrap(True)
        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.table, 1)
        grid_layout.addWidget(self.legend)
        grid_layout.addWidget(self.totals)
        self.arrears = QListWidget()
        self.arrears.setWordWrap(True)
        # The grid and the arrears as two tabs, the arrears' count on theirs: the grid gets the page's height
        # (ten members and more at 1366×700 in large text, where a list below it left five), and the twelve
        # months and the totals the full width.
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(grid, self.tr("Months of the year"))
        self.views.addTab(self.arrears, self.tr("Arrears"))
        self.views.setCornerWidget(year_box, Qt.Corner.TopRightCorner)
        self.body().addWidget(self.views, 1)
        self._member: LedgerRow | None = None
        self._wanted: Target | None = None  # an overview item's member and month, selected once loaded
        self.dialog: BasisDialog | DecisionDialog | None = None

    def _month_value(self, index: int) -> Callable[[LedgerRow], str]:
        return lambda row: cell_text(row.cells[index]) if index < len(row.cells) else ""

    # --- loading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        year, today = self.year.value(), self.today

        def load(store: Store) -> tuple[DuesYear, list[Arrear], list[RemovalAlert]]:
            return (dues.dues_year(store, year, as_of=today), dues.arrears(store, today),
                    dues.removal_alerts(store, today))

        self.read(load).success(self._loaded).run()

    def _loaded(self, result: tuple[DuesYear, list[Arrear], list[RemovalAlert]]) -> None:
        self.data, owed, alerts = result
        self.model.set_records(self.data.rows)
        self._fit_months()
        self.names.setStringList([row.full_name for row in self.data.rows])
        self.totals.setText(self.tr("Collected %1 · kept %2 · remitted %3 · owed by the rules %4")
                            .replace("%1", vnd(self.data.collected)).replace("%2", vnd(self.data.kept))
                            .replace("%3", vnd(self.data.remitted)).replace("%4", vnd(self.data.due)))
        self.arrears.clear()
        for alert in alerts:
            self.arrears.addItem(("⚠ " if alert.proposal else "• ") + alert.message)
        for arrear in owed:
            self.arrears.addItem(arrear.text)
        if not owed and not alerts:
            self.arrears.addItem(self.tr("No arrears."))
        # "Nợ đảng phí (2)", with a warning sign when the 3-month rule calls for the cell to consider removal.
        self.views.setTabText(1, self.tr("Arrears (%1)").replace("%1", str(len(owed)))
                              + (" ⚠" if any(a.proposal for a in alerts) else ""))
        self._select_wanted()

    def _fit_months(self) -> None:
        """Each month as wide as "Miễn" in the font in use (normal or large text), so the twelve months and the
        totals leave the name its room; a longer mark wraps onto a second line of its row."""
        width = self.table.fontMetrics().horizontalAdvance("Miễn") + 8  # the cell's 3 px margins and grid line
        for month_column in range(1, 13):
            self.table.setColumnWidth(month_column, width)  # the rows follow (fit_rows)

    def show_target(self, target: Target) -> None:
        """An overview item (dues in arrears): that member's row at the first unpaid month, ready for entry."""
        self._wanted = target
        if target.month is not None and target.month.year != self.year.value():
            self.year.setValue(target.month.year)  # reloads; the row is chosen when the year arrives
        elif self.data is not None:
            self._select_wanted()

    def _select_wanted(self) -> None:
        target, self._wanted = self._wanted, None
        if target is None or self.data is None:
            return
        row = next((i for i, r in enumerate(self.model.records) if r.member_id == target.record_id), None)
        if row is None:
            return
        month = target.month.month if target.month is not None else 1
        self.views.setCurrentIndex(0)  # the grid, even if the arrears' tab was open
        self.table.setCurrentIndex(self.model.index(row, month))  # column 0 is the name, then 01 … 12
        self.month.setCurrentIndex(month - 1)
        self._member = self.model.records[row]
        self.name.setText(self._member.full_name)
        self._fill_amount()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.DUES | Change.MEMBER | Change.EVENT | Change.CELL):
            self.refresh_when_shown()

    # --- quick cash entry ----------------------------------------------------------------------------

    def _selected_month(self) -> dt.date:
        return dt.date(self.year.value(), int(self.month.currentData()), 1)

    def _matches(self, text: str) -> list[LedgerRow]:
        if self.data is None or not text.strip():
            return []
        key = search_key(text)
        exact = [r for r in self.data.rows if search_key(r.full_name) == key]
        return exact or [r for r in self.data.rows if key in search_key(r.full_name)]

    def pick_member(self) -> None:
        """Enter in the name box: find the member, fill the amount due for the month, go to the amount."""
        found = self._matches(self.name.text())
        if len(found) != 1:
            self._member = None
            self.status.setText(self.tr("No member matches “%1”.").replace("%1", self.name.text()) if not found else
                                self.tr("Several members match: %1. Type more of the name.")
                                .replace("%1", ", ".join(r.full_name for r in found[:5])))
            return
        self._member = found[0]
        self.name.setText(found[0].full_name)
        self._fill_amount()
        self.amount.setFocus()
        self.amount.selectAll()

    def _fill_amount(self) -> None:
        if self._member is None:
            return
        cell = self._member.cells[self._selected_month().month - 1]
        if cell.due is None:
            self.amount.clear()
            self.status.setText(self.tr("%1 does not owe dues in this cell for that month.")
                                .replace("%1", self._member.full_name))
            return
        self.amount.setText(str(max(0, cell.due - cell.paid)))
        self.status.setText(cell.note or self.tr("Due for %1: %2; already paid %3.")
                            .replace("%1", self._selected_month().strftime("%m/%Y"))
                            .replace("%2", vnd(cell.due)).replace("%3", vnd(cell.paid)))

    def save_payment(self) -> None:
        """Enter in the amount box: record the cash payment, then back to the name box for the next one."""
        if self._member is None:
            self.name.setFocus()
            return
        text = self.amount.text().replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ")
        try:
            amount = int(text)
        except ValueError:
            self.status.setText(self.tr("Type the amount in đồng, for example 12420."))
            return
        member, month = self._member, self._selected_month()
        channel, receipt = str(self.channel.currentData()), self.receipt.text()

        def done(_rows: tuple[dues.PaymentRow, ...]) -> None:
            self.status.setText(self.tr("Recorded %1 from %2 for %3.").replace("%1", vnd(amount))
                                .replace("%2", member.full_name).replace("%3", month.strftime("%m/%Y")))
            self._member = None
            self.name.clear()
            self.amount.clear()
            self.receipt.clear()
            self.name.setFocus()

        today = self.today
        payment = dues.PaymentInput(member.member_id, month, amount=amount, channel=channel, receipt_number=receipt)
        self.write(lambda store: dues.record_payment(store, payment, today=today)).success(done).run()

    # --- reversal ---------------------------------------------------------------------------------------

    def reverse_selected(self, reason: str | None = None) -> None:
        """Reverse the last payment of the selected member and month, with a reason (never an edit)."""
        index = self.table.currentIndex()
        if not index.isValid() or not 1 <= index.column() <= 12:
            self.status.setText(self.tr("Select the month of a member in the grid first."))
            return
        row: LedgerRow = self.model.records[index.row()]
        month = row.cells[index.column() - 1].month
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("Reverse a payment"),
                self.tr("Why is the payment of %1 for %2 reversed?").replace("%1", row.full_name)
                .replace("%2", month.strftime("%m/%Y")))
            if not ok:
                return

        def done(reversal: dues.PaymentRow) -> None:
            self.status.setText(self.tr("Reversed %1 of %2 for %3.").replace("%1", vnd(-reversal.amount))
                                .replace("%2", row.full_name).replace("%3", month.strftime("%m/%Y")))

        today, why = self.today, reason or ""
        self.write(lambda store: dues.reverse_last_payment(store, row.member_id, month, why, today=today)) \
            .success(done).run()

    # --- the selected member's category and decisions -------------------------------------------------

    def selected_member(self) -> tuple[uuid.UUID, str] | None:
        """The member selected in the grid, else the one picked in the name box; None (with a hint) if neither."""
        index = self.table.currentIndex()
        if index.isValid():
            row: LedgerRow = self.model.records[index.row()]
            return row.member_id, row.full_name
        if self._member is not None:
            return self._member.member_id, self._member.full_name
        self.status.setText(self.tr("Select a member in the grid, or type their name and press Enter, first."))
        return None

    def edit_basis(self) -> BasisDialog | None:
        if (member := self.selected_member()) is None:
            return None
        self.dialog = open_basis(self.ctx, self, *member, today=self.today)
        return self.dialog

    def add_decision(self) -> DecisionDialog | None:
        if (member := self.selected_member()) is None:
            return None
        self.dialog = open_decision(self.ctx, self, *member, today=self.today)
        return self.dialog

    # --- export --------------------------------------------------------------------------------------

    def save_ledger(self) -> None:
        store = self.ctx.store
        folder = store.paths.exports if store is not None else Path.home()
        suggested = folder / f"so-thu-nop-dang-phi-{self.year.value()}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the dues ledger"), str(suggested),
            self.tr("Excel workbook (*.xlsx);;PDF file (*.pdf);;Word document (*.docx)"))
        if chosen:
            self.export_ledger(Path(chosen))

    def export_ledger(self, path: Path) -> None:
        fmt = path.suffix.lstrip(".").lower() or "xlsx"
        target = path if path.suffix else path.with_suffix(".xlsx")
        year = self.year.value()

        def done(exported: documents.Exported) -> None:
            self.status.setText(self.tr("Saved: %1").replace("%1", str(exported.path)))

        today = self.today
        self.write(lambda store: documents.export(store, "dues-ledger", target, fmt, as_of=today, year=year)) \
            .success(done).progress(self.tr("Exporting the dues ledger…")).run()
