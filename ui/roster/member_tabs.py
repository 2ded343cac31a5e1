"""The member form's last two tabs (UI.md: Thông tin chung, Quá trình, Đảng phí, Khen thưởng – kỷ luật).

- Đảng phí: the member's dues category and basis history, the exemption / reduction / deferral decisions and
  this year's months, as ``services.dues.member_history`` gives them (read through ``ui/ops.py``), with the
  two dues dialogs of ``ui/dues/member_dues.py`` to change them. Nothing is computed here.
- Khen thưởng – kỷ luật: the Party badge (huy hiệu) the rules service computed for the member
  (``MemberDetail.next_badge``) and the discipline events of their history; read-only — a discipline is
  recorded as an event ("Ghi sự kiện" on the page), awards are not recorded by this version.

A new member has no record yet: both tabs say what to do first."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from secretary_app.changes import Change, Changes
from secretary_app.services import dues
from secretary_app.services.dues import vnd
from secretary_app.services.roster import MemberDetail
from ui import ops
from ui.context import AppContext
from ui.dues.member_dues import BasisDialog, DecisionDialog, open_basis, open_decision

log = logging.getLogger(__name__)


def _paragraph(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # wrapped lines never squeezed
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section")
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class DuesTab(QWidget):
    """Đảng phí of one member: what they pay on, the decisions about it, this year's months."""

    def __init__(self, ctx: AppContext | None, member_id: uuid.UUID | None, full_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id, self.full_name = ctx, member_id, full_name
        self.today = dt.date.today()  # the year shown and what is owed by now (a test sets the demo's day)
        self.dialog: BasisDialog | DecisionDialog | None = None
        layout = QVBoxLayout(self)
        if ctx is None or member_id is None:
            layout.addWidget(_paragraph(self.tr(
                "Save the new member's record first. Then open it again (“Edit”) to set the dues category and "
                "any exemption or reduction here.")))
            layout.addStretch(1)
            self.basis = self.decisions = self.summary = None
            self.months = None
            return
        layout.addWidget(_heading(self.tr("Dues category and basis")))
        self.basis = _paragraph(self.tr("Loading…"))
        layout.addWidget(self.basis)
        layout.addWidget(_heading(self.tr("Exemption, reduction or deferral")))
        self.decisions = _paragraph()
        layout.addWidget(self.decisions)
        self.summary = _heading("")
        layout.addWidget(self.summary)
        self.months = QListWidget()
        self.months.setObjectName("dues_months")
        self.months.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.months.setWordWrap(True)
        layout.addWidget(self.months, 1)
        self.basis_button = QPushButton(self.tr("Dues category and basis…"))
        self.basis_button.clicked.connect(self.edit_basis)
        self.decision_button = QPushButton(self.tr("Exemption, reduction or deferral…"))
        self.decision_button.clicked.connect(self.add_decision)
        for button in (self.basis_button, self.decision_button):  # one above the other: whole in large text
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        ctx.hub.changed.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        if self.ctx is None or self.member_id is None:
            return
        member_id, today = self.member_id, self.today
        ops.read(self.ctx, self, lambda store: dues.member_history(store, member_id, today.year, today)) \
            .success(self.show_history) \
            .failure(lambda error: log.warning("dues of the member not shown: %s", error)).run()

    def show_history(self, history: dues.MemberDuesHistory) -> None:
        assert self.basis is not None and self.decisions is not None and self.summary is not None
        assert self.months is not None
        self.basis.setText("\n".join(history.basis) or self.tr(
            "No dues category recorded yet: press “Dues category and basis…”."))
        self.decisions.setText("\n".join(history.decisions) or self.tr("None."))
        self.months.clear()
        row = history.row
        if row is None:
            self.summary.setText("")
            return
        self.summary.setText(self.tr("Year %1: paid %2, owed %3").replace("%1", str(row.cells[0].month.year))
                             .replace("%2", vnd(row.paid)).replace("%3", vnd(row.owed)))
        for cell in row.cells:
            if cell.state is dues.MonthState.FUTURE:
                continue  # months still to come say nothing yet
            parts = [cell.word or "—"]
            if cell.paid:
                parts.append(vnd(cell.paid))
            if cell.owed:
                parts.append(self.tr("owed %1").replace("%1", vnd(cell.owed)))
            self.months.addItem(f"{cell.month:%m/%Y}: " + ", ".join(parts))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.DUES | Change.MEMBER | Change.EVENT):
            self.reload()

    def edit_basis(self) -> BasisDialog | None:
        if self.ctx is None or self.member_id is None:
            return None
        self.dialog = open_basis(self.ctx, self.window(), self.member_id, self.full_name, self.today)
        return self.dialog

    def add_decision(self) -> DecisionDialog | None:
        if self.ctx is None or self.member_id is None:
            return None
        self.dialog = open_decision(self.ctx, self.window(), self.member_id, self.full_name, self.today)
        return self.dialog


class AwardsTab(QWidget):
    """Khen thưởng – kỷ luật of one member: the Party badge due and the discipline in their history."""

    def __init__(self, detail: MemberDetail | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        if detail is None:
            layout.addWidget(_paragraph(self.tr(
                "Save the new member's record first: the Party badge is worked out from the admission date, "
                "and a discipline is recorded as an event in the history.")))
            layout.addStretch(1)
            self.badge = self.discipline = None
            return
        layout.addWidget(_heading(self.tr("Party badge")))
        badge = detail.next_badge or self.tr("No badge is coming up (the admission date is needed to work it out).")
        if detail.dues_exempt_by_age:
            badge += "\n" + self.tr("Exempt from dues (50 years of party age)")
        self.badge = _paragraph(badge)
        layout.addWidget(self.badge)
        layout.addWidget(_heading(self.tr("Discipline")))
        lines = []
        for event in (e for e in detail.events if e.kind == "discipline"):
            line = f"{event.event_date:%d/%m/%Y} — {event.label}"
            if event.end_date:
                line += self.tr(" (until %1)").replace("%1", f"{event.end_date:%d/%m/%Y}")
            extra = " · ".join(x for x in (event.reason, event.decision_ref) if x)
            lines.append(line + (f" ({extra})" if extra else ""))
        self.discipline = _paragraph("\n".join(lines) or self.tr("No discipline recorded."))
        layout.addWidget(self.discipline)
        layout.addWidget(_paragraph(self.tr(
            "A discipline is recorded with “Record event” on the Party members page; it then shows here and "
            "in the history.")))
        layout.addStretch(1)
