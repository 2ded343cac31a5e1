"""Nghị quyết & văn bản: the register of issued documents, with search, type and term filters, and
print preview, printing, Word and PDF export of the selected document."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QTableView, QWidget

from models.text import search_key
from secretary_app.changes import Change, Changes, OpResult
from secretary_app.services import documents
from secretary_app.services.register import DocumentRow, list_documents
from ui.context import AppContext
from ui.launch import open_file
from ui.pages.base import Page
from ui.print_preview import PdfPrintPreview, print_pdf
from ui.tables import Column, RecordTableModel, SearchProxy, fit_columns, fit_rows

if TYPE_CHECKING:
    from secretary_app.store import Store


class DocumentsPage(Page):
    key = "documents"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Resolutions and documents"),
                         self.tr("Every document the cell has issued, with its number. Numbers run per "
                                 "document type for the whole term and are never reused."), parent)
        self.preview_button = self.add_action(self.tr("Print preview"), self.preview, primary=True,
                                              shortcut="Ctrl+Shift+P")
        self.print_button = self.add_action(self.tr("Print"), self.print_selected, shortcut="Ctrl+P")
        self.word_button = self.add_action(self.tr("Save as Word"), lambda: self.save_as("docx"))
        self.pdf_button = self.add_action(self.tr("Save as PDF"), lambda: self.save_as("pdf"))
        self.open_button = self.add_more_action(self.tr("Open in Word/LibreOffice"), self.open_in_word)
        self.preview_dialog: PdfPrintPreview | None = None
        self._work_dir = Path(tempfile.mkdtemp(prefix="so-tay-van-ban-"))

        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by number or subject"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.term_filter = QComboBox()
        for combo in (self.type_filter, self.term_filter):  # "Tất cả nhiệm kỳ" must not be clipped
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(QLabel(self.tr("Find:")))
        row.addWidget(self.search, 1)
        row.addWidget(QLabel(self.tr("Type:")))
        row.addWidget(self.type_filter)
        row.addWidget(QLabel(self.tr("Term:")))
        row.addWidget(self.term_filter)
        self.body().addLayout(row)
        self.model = RecordTableModel([
            Column(self.tr("Number"), lambda r: r.symbol, lambda r: (r.doc_type, r.number or 0)),
            Column(self.tr("Date"), lambda r: r.issued_on.strftime("%d/%m/%Y"), lambda r: r.issued_on),
            Column(self.tr("Subject"), lambda r: r.subject),
            Column(self.tr("Signed by"), lambda r: r.signer),
            Column(self.tr("Recipients"), lambda r: "; ".join(r.recipients.splitlines())),
        ], self)
        self.proxy = SearchProxy(lambda r: search_key(f"{r.symbol} {r.subject} {r.signer}"), self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        # The subject and the recipients share the room the number, date and signer leave, and wrap onto
        # more lines: whole at 1366 px in large text too, no "…".
        fit_columns(self.table, 2, 4)
        fit_rows(self.table)
        self.body().addWidget(self.table, 1)
        self.status = QLabel(self.tr("Select a document in the list, then preview, print or save it."))
        self.status.setObjectName("pageHint")
        self.status.setWordWrap(True)
        self.body().addWidget(self.status)
        self.search.textChanged.connect(self.proxy.set_query)
        self.type_filter.currentIndexChanged.connect(self._filter_changed)
        self.term_filter.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- loading and filtering -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.read(list_documents).success(self._loaded).run()

    def _loaded(self, rows: list[DocumentRow]) -> None:
        self.model.set_records(rows)
        self._fill_filter(self.type_filter, self.tr("All types"), sorted({r.doc_type for r in rows}))
        terms = sorted({r.term_start for r in rows if r.term_start}, reverse=True)
        self._fill_filter(self.term_filter, self.tr("All terms"), terms,
                          lambda term: self.tr("From %1").replace("%1", term.strftime("%d/%m/%Y")))
        self._update_buttons()

    @staticmethod
    def _fill_filter(combo: QComboBox, everything: str, values: list, label=str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(label(value), value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def _filter_changed(self) -> None:
        doc_type, term = self.type_filter.currentData(), self.term_filter.currentData()
        self.proxy.set_extra_filter(
            lambda r: (doc_type is None or r.doc_type == doc_type) and (term is None or r.term_start == term))

    def selected(self) -> DocumentRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.records[self.proxy.mapToSource(rows[0]).row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.preview_button, self.print_button, self.word_button, self.pdf_button, self.open_button):
            button.setEnabled(chosen)

    # --- actions -------------------------------------------------------------------------------------

    def _export(self, fmt: str, target: Path | None, then) -> None:
        row = self.selected()
        if row is None:
            return
        path = target or self._work_dir / f"{row.symbol.replace('/', '-') or 'van-ban'}.{fmt}"

        def job(store: Store) -> OpResult[documents.Exported]:
            kind, meeting_id = documents.kind_for_register(store, row.id)
            return documents.export(store, kind, path, fmt, meeting_id=meeting_id)  # records the file's hash

        self.status.setText(self.tr("Preparing %1…").replace("%1", row.symbol or row.subject))
        self.write(job).success(then).failure(self._failed).progress(self.tr("Preparing the document…")).run()

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("The document could not be prepared."))
        self.show_error(error)

    def preview(self) -> None:
        self._export("pdf", None, self._show_preview)

    def _show_preview(self, exported: documents.Exported) -> None:
        self.status.setText(self.tr("Showing %1.").replace("%1", exported.path.name))
        self.preview_dialog = PdfPrintPreview(exported.path, self)
        self.preview_dialog.open()

    def print_selected(self) -> None:
        self._export("pdf", None, self._print)

    def _print(self, exported: documents.Exported) -> None:
        printed = print_pdf(exported.path, self)
        self.status.setText(self.tr("Sent to the printer.") if printed else self.tr("Printing cancelled."))

    def save_as(self, fmt: str) -> None:
        row = self.selected()
        if row is None:
            return
        suggested = self.ctx.paths.exports / f"{row.symbol.replace('/', '-') or 'van-ban'}.{fmt}"
        kind = self.tr("Word document (*.docx)") if fmt == "docx" else self.tr("PDF file (*.pdf)")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the document"), str(suggested), kind)
        if chosen:
            target = Path(chosen)
            self._export(fmt, target if target.suffix else target.with_suffix(f".{fmt}"), self._saved)

    def _saved(self, exported: documents.Exported) -> None:
        self.status.setText(self.tr("Saved: %1").replace("%1", str(exported.path)))

    def open_in_word(self) -> None:
        self._export("docx", None, self._open)

    def _open(self, exported: documents.Exported) -> None:
        if open_file(exported.path):
            self.status.setText(self.tr("Opened %1 in the word processor.").replace("%1", exported.path.name))
        else:
            self.status.setText(self.tr("No program to open Word files was found. The file is at: %1")
                                .replace("%1", str(exported.path)))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.DOCUMENT | Change.RESOLUTION | Change.CELL):
            self.refresh_when_shown()
