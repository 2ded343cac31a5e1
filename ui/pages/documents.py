"""Nghị quyết & văn bản: the register of issued documents, with search."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QWidget

from models.text import search_key
from secretary_app.services.register import list_documents
from secretary_app.store import Changes
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import Column, RecordTableModel, SearchProxy


class DocumentsPage(Page):
    key = "documents"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Resolutions and documents"),
                         self.tr("Every document the cell has issued, with its number. Numbers run per "
                                 "document type for the whole term and are never reused."), parent)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by number or subject"))
        self.search.setClearButtonEnabled(True)
        row.addWidget(QLabel(self.tr("Find:")))
        row.addWidget(self.search, 1)
        self.body().addLayout(row)
        self.model = RecordTableModel([
            Column(self.tr("Number"), lambda r: r.symbol, lambda r: (r.doc_type, r.number or 0)),
            Column(self.tr("Date"), lambda r: r.issued_on.strftime("%d/%m/%Y"), lambda r: r.issued_on),
            Column(self.tr("Subject"), lambda r: r.subject),
            Column(self.tr("Signed by"), lambda r: r.signer),
        ], self)
        self.proxy = SearchProxy(lambda r: search_key(f"{r.symbol} {r.subject}"), self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body().addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.set_query)

    def refresh(self) -> None:
        self.ctx.runner.run(lambda: list_documents(self.ctx.store), on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, rows) -> None:  # type: ignore[no-untyped-def]
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()

    def on_changes(self, changes: Changes) -> None:
        if "document" in changes or "resolution" in changes:
            self.refresh()
