"""Sinh hoạt chi bộ: meetings by month, upcoming first, then held."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView, QWidget

from secretary_app.services.meetings import KIND_LABELS, STATE_LABELS, list_meetings
from secretary_app.store import Changes
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import Column, RecordTableModel


class MeetingsPage(Page):
    key = "meetings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Cell meetings"),
                         self.tr("Each meeting goes through its steps: preparation, attendance, minutes, "
                                 "resolution, finalise."), parent)
        self.model = RecordTableModel([
            Column(self.tr("Date"), lambda r: r.planned_at.strftime("%d/%m/%Y"), lambda r: r.planned_at),
            Column(self.tr("Meeting"), lambda r: r.title),
            Column(self.tr("Kind"), lambda r: KIND_LABELS.get(r.kind, r.kind)),
            Column(self.tr("State"), lambda r: STATE_LABELS.get(r.state, r.state)),
            Column(self.tr("Present"), lambda r: f"{r.present}/{r.invited}" if r.invited else ""),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body().addWidget(self.table, 1)

    def refresh(self) -> None:
        self.ctx.runner.run(lambda: list_meetings(self.ctx.store), on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, rows) -> None:  # type: ignore[no-untyped-def]
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()

    def on_changes(self, changes: Changes) -> None:
        if "meeting" in changes:
            self.refresh()
