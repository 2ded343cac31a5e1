"""Đảng viên: the searchable, filterable member table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QWidget

from models.text import name_sort_key
from secretary_app.services.roster import list_members
from secretary_app.store import Changes
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import Column, RecordTableModel, SearchProxy

_CENTER = Qt.AlignmentFlag.AlignCenter


class MembersPage(Page):
    key = "members"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Party members"),
                         self.tr("The cell roster. Type part of a name, with or without diacritics, to find "
                                 "a member."), parent)
        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, e.g. nguyen thi huong"))
        self.search.setClearButtonEnabled(True)
        search_row.addWidget(QLabel(self.tr("Find:")))
        search_row.addWidget(self.search, 1)
        self.count_label = QLabel()
        search_row.addWidget(self.count_label)
        self.body().addLayout(search_row)

        self.model = RecordTableModel([
            Column(self.tr("Full name"), lambda r: r.full_name, lambda r: name_sort_key(r.full_name)),
            Column(self.tr("Born"), lambda r: r.birth_year, align=_CENTER),
            Column(self.tr("Status"), lambda r: r.status),
            Column(self.tr("Party age"), lambda r: r.party_years, align=_CENTER),
            Column(self.tr("Position"), lambda r: r.position),
            Column(self.tr("Phone"), lambda r: r.phone),
        ], self)
        self.proxy = SearchProxy(lambda r: r.search_key, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body().addWidget(self.table, 1)
        self.search.textChanged.connect(self._search)

    def _search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 of %2 members").replace("%1", str(self.proxy.rowCount()))
                                 .replace("%2", str(self.model.rowCount())))

    def refresh(self) -> None:
        self.ctx.runner.run(lambda: list_members(self.ctx.store), on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, rows) -> None:  # type: ignore[no-untyped-def]
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self._update_count()

    def on_changes(self, changes: Changes) -> None:
        if "member" in changes:
            self.refresh()
