"""The change log (audit trail): who changed what and when, newest first, filtered by a record's name, a
person and dates, with the chain's check at the top (toàn vẹn, or where it was tampered with)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services.audit_log import AuditCheck, AuditRow, read_log, verify_database
from ui.context import AppContext
from ui.qt_dates import to_date
from ui.tasks import user_message


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change log"))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        self.check = QLabel()
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        filters = QHBoxLayout()
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Record (name), with or without marks"))
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("Who"))
        self.since, self.until = QDateEdit(), QDateEdit()
        for edit, day in ((self.since, QDate.currentDate().addYears(-1)), (self.until, QDate.currentDate())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(day)
        filters.addWidget(self.record, 2)
        filters.addWidget(self.person, 1)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        layout.addLayout(filters)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Time"), self.tr("Who"), self.tr("Record"),
                                              self.tr("Change"), self.tr("Details")])
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        for signal in (self.record.textChanged, self.person.textChanged, self.since.dateChanged,
                       self.until.dateChanged):
            signal.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        database = self.ctx.paths.database
        text, person = self.record.text(), self.person.text()
        since, until = to_date(self.since.date()), to_date(self.until.date())

        def job() -> tuple[AuditCheck, list[AuditRow]]:
            return verify_database(database), read_log(database, text=text, who=person, since=since, until=until)

        self.ctx.runner.run(job, on_done=self._show, on_error=lambda exc: self.check.setText(user_message(exc)))

    def _show(self, result: tuple[AuditCheck, list[AuditRow]]) -> None:
        check, rows = result
        self.check.setText(self.tr("Change log check: %1").replace("%1", check.summary))
        self.check.setStyleSheet("" if check.ok else "color: #b00020; font-weight: bold")
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (str(row.seq), row.at.strftime("%d/%m/%Y %H:%M"), row.who, row.label or row.entity, row.action,
                     _difference(row))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()


def _difference(row: AuditRow) -> str:
    """The fields that changed, "field: before → after", from the two JSON images."""
    import json

    try:
        before, after = json.loads(row.before or "{}"), json.loads(row.after or "{}")
    except ValueError:
        return ""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    if not before:
        return ", ".join(f"{k}: {v}" for k, v in after.items() if v not in ("", None))[:300]
    changed = [f"{k}: {before.get(k)} → {after.get(k)}" for k in sorted(set(before) | set(after))
               if before.get(k) != after.get(k)]
    return "; ".join(changed)[:300]
