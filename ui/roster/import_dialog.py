"""Import a roster spreadsheet: choose the file, check the column mapping, read the preview (each row
valid / warning / error, with the reason; the rows of a "Quá trình" sheet that cannot be recorded, with
theirs), then import everything acceptable in one go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import OpResult
from secretary_app.roster_io import importing
from secretary_app.roster_io.columns import FIELD_LABELS
from secretary_app.roster_io.reading import Progress, Table
from ui import ops
from ui.context import AppContext
from ui.tables import Column, RecordTableModel, fit_columns, fit_rows
from ui.tasks import user_message

if TYPE_CHECKING:
    from secretary_app.store import Store


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Import the roster from a spreadsheet"))
        self.resize(1260, 680)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("Choose an Excel (.xlsx) or CSV file with one member per row."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self.choose_file)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout.addLayout(top)

        self.mapping_box = QGroupBox(self.tr("Columns (suggested from the headers; correct them if needed)"))
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for index, (field, label) in enumerate(FIELD_LABELS.items()):
            combo = QComboBox()
            combo.setObjectName(field)
            # As wide as the file's longest column name: "Ngày vào Đảng" whole, never "Ngày vào Đả".
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.combos[field] = combo
            self.mapping_grid.addWidget(QLabel(label + ":"), index // 3, (index % 3) * 2)
            self.mapping_grid.addWidget(combo, index // 3, (index % 3) * 2 + 1)
            combo.activated.connect(lambda _i: self._remap())
        self.mapping_box.setEnabled(False)
        layout.addWidget(self.mapping_box)

        # Member rows, then the refused rows of the history sheet, which read "Quá trình, row 7".
        self.model = RecordTableModel([
            Column(self.tr("Row"), self._row_label, lambda r: (isinstance(r, importing.HistoryRow), r.row)),
            Column(self.tr("Full name"), lambda r: r.name),
            Column(self.tr("Check"), lambda r: {"valid": self.tr("Valid"), "warning": self.tr("Warning"),
                                                 "error": self.tr("Error")}[r.state]),
            Column(self.tr("Will be"), lambda r: {"create": self.tr("added"), "update": self.tr("updated"),
                                                   "unchanged": self.tr("unchanged"),
                                                   "skip": self.tr("skipped (duplicate)"),
                                                   "reject": self.tr("not imported")}[r.action]),
            Column(self.tr("Reason"), self._reason),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        fit_columns(self.view, 4)  # the reason takes the room left and wraps
        fit_rows(self.view)  # onto as many lines as it needs
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.report_button = QPushButton(self.tr("Save list of problem rows…"))
        self.report_button.clicked.connect(self.save_report)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.report_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.table: Table | None = None
        self.history: Table | None = None
        self.path: Path | None = None
        self.preview: importing.ImportPreview | None = None

    def _row_label(self, row: importing.RowResult | importing.HistoryRow) -> object:
        if isinstance(row, importing.HistoryRow) and self.preview is not None:
            return self.tr("%1, row %2").replace("%1", self.preview.history_sheet).replace("%2", str(row.row))
        return row.row

    @staticmethod
    def _reason(row: importing.RowResult | importing.HistoryRow) -> str:
        reason = " ".join(row.messages)
        return f"{row.label}: {reason}" if isinstance(row, importing.HistoryRow) and row.label else reason

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the roster file"), str(Path.home()),
                                              self.tr("Spreadsheets (*.xlsx *.csv)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check ``path`` off the GUI thread, with progress for big files."""
        self.path = path
        self.file_label.setText(self.tr("Reading %1…").replace("%1", path.name))

        def job(store: Store, progress: Progress) -> tuple[Table, Table | None, importing.ImportPreview]:
            table, history = importing.read_file(path, progress)
            return table, history, importing.preview_table(store, table, path, progress=progress, history=history)

        ops.read_reporting(self.ctx, self, job).success(self._previewed).failure(self._failed) \
            .progress(self.tr("Reading the file…")).run()

    def _failed(self, error: Exception) -> None:
        self.preview = None
        self.model.set_records([])
        self.import_button.setEnabled(False)
        self.file_label.setText(user_message(error))

    def _previewed(self, result: tuple[Table, Table | None, importing.ImportPreview]) -> None:
        self.table, self.history, self.preview = result
        headers = [self.tr("(not imported)")] + [h or f"#{i + 1}" for i, h in enumerate(self.table.headers)]
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItems(headers)
            column = self.preview.mapping.get(field)
            combo.setCurrentIndex(0 if column is None else column + 1)
        self.mapping_box.setEnabled(True)
        self._show(self.preview)

    def _remap(self) -> None:
        if self.table is None or self.path is None:
            return
        mapping = {field: combo.currentIndex() - 1 for field, combo in self.combos.items() if combo.currentIndex() > 0}
        table, history, path = self.table, self.history, self.path
        ops.read(self.ctx, self, lambda store: (table, history, importing.preview_table(store, table, path, mapping,
                                                                                        history=history))) \
            .success(self._previewed).failure(self._failed).run()

    def _show(self, preview: importing.ImportPreview) -> None:
        self.model.set_records([*preview.rows, *preview.history_rejected])
        self.view.resizeColumnsToContents()
        self.file_label.setText(self.tr("%1: header on row %2 (%3)").replace("%1", preview.path.name)
                                .replace("%2", str(preview.header_row)).replace("%3", preview.source))
        counts = (self.tr("%1 to add, %2 to update, %3 unchanged, %4 with errors (not imported).")
                  .replace("%1", str(preview.count(importing.CREATE)))
                  .replace("%2", str(preview.count(importing.UPDATE)))
                  .replace("%3", str(preview.count(importing.UNCHANGED) + preview.count(importing.SKIP)))
                  .replace("%4", str(preview.count(importing.REJECT))))
        if preview.blank_rows:
            counts += " " + self.tr("%1 blank rows were skipped.").replace("%1", str(len(preview.blank_rows)))
        if preview.history_sheet:
            counts += "\n" + self._history_line(preview)
        self.summary.setText(counts)
        self.import_button.setEnabled(preview.count(importing.CREATE) + preview.count(importing.UPDATE)
                                      + preview.history_count(importing.ADD) > 0)
        self.report_button.setEnabled(any(r.state != importing.VALID for r in preview.rows)
                                      or bool(preview.history_rejected))

    def _history_line(self, preview: importing.ImportPreview) -> str:
        """One line for the history sheet, e.g. "Quá trình: 9 events will be added, 0 refused"."""
        line = (self.tr("%1: %2 events will be added, %3 refused").replace("%1", preview.history_sheet)
                .replace("%2", str(preview.history_count(importing.ADD)))
                .replace("%3", str(preview.history_count(importing.REJECT))))
        if unchanged := preview.history_count(importing.UNCHANGED):
            line += self.tr(", %1 already recorded").replace("%1", str(unchanged))
        return line + "."

    def run_import(self) -> None:
        if self.preview is None:
            return
        preview = self.preview
        self.import_button.setEnabled(False)

        def job(store: Store, progress: Progress) -> OpResult[importing.ImportResult]:
            result = importing.apply_import(store, preview, progress)
            return OpResult(result, result.changes)

        ops.write_reporting(self.ctx, self, job).success(self._imported).failure(self._failed) \
            .progress(self.tr("Importing members…")).run()

    def _imported(self, result: importing.ImportResult) -> None:
        preview = result.preview
        self.summary.setText(self.tr("Done: %1 added, %2 updated, %3 unchanged, %4 not imported.")
                             .replace("%1", str(preview.count(importing.CREATE)))
                             .replace("%2", str(preview.count(importing.UPDATE)))
                             .replace("%3", str(preview.count(importing.UNCHANGED) + preview.count(importing.SKIP)))
                             .replace("%4", str(preview.count(importing.REJECT))))
        if preview.history_sheet:
            self.summary.setText(self.summary.text() + "\n" + self.tr("%1: %2 events added, %3 refused.")
                                 .replace("%1", preview.history_sheet)
                                 .replace("%2", str(preview.history_count(importing.ADD)))
                                 .replace("%3", str(preview.history_count(importing.REJECT))))
        self.imported.emit(result.changes)  # every page heard it from the change hub already

    def save_report(self) -> None:
        if self.preview is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the list of problem rows"),
                                              str(Path.home() / "dong-loi-nhap-danh-sach.csv"), "CSV (*.csv)")
        if path:
            importing.write_report(self.preview, Path(path))
