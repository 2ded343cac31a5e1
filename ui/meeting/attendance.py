"""Step 2, Điểm danh: the roster as of the meeting date, each member's mark, guests, chair and recorder,
and the computed counts and vote base (never typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import OpResult
from secretary_app.services import meeting_attendance as att
from ui import ops
from ui.context import AppContext
from ui.sizing import ElidingComboBox
from ui.tables import fit_rows
from ui.tasks import user_message

if TYPE_CHECKING:
    from secretary_app.store import Store


class AttendanceStep(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: att.AttendanceSheet | None = None
        self._loading = False
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.table = QTableWidget(0, 5)
        # Short headers (the full wording in each tooltip) and a stretching reason column: all five columns
        # stay in view at 1366 px, in large text too.
        headers = ((self.tr("Member"), ""), (self.tr("Standing"), self.tr("Standing on the day")),
                   (self.tr("Attendance"), ""), (self.tr("Reason"), self.tr("Reason for absence")),
                   (self.tr("Appr.", "short for approved"), self.tr("Absence approved by the cell committee")))
        for column, (text, tip) in enumerate(headers):
            item = QTableWidgetItem(text)
            item.setToolTip(tip or text)
            self.table.setHorizontalHeaderItem(column, item)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (0, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        fit_rows(self.table)
        left.addWidget(self.table, 1)
        layout.addLayout(left, 1)
        panel = QWidget()  # counts, chair/recorder, guests: scrolls when the window is short (1366×700)
        right = QVBoxLayout(panel)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        # Members of the cell not on the roll that day (temporarily transferred away, suspended).
        self.apart = QLabel()
        self.apart.setWordWrap(True)
        self.rest_present_button = QPushButton(self.tr("Mark the others present"))
        self.rest_present_button.setToolTip(self.tr(
            "Everyone on the roll not yet marked is marked present (not exempt members: mark them if they came)."))
        self.rest_present_button.clicked.connect(self.mark_rest_present)
        for label in (self.counts, self.apart, self.warning):  # wrapped lines are never squeezed
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        right.addWidget(self.counts)
        right.addWidget(self.apart)
        right.addWidget(self.rest_present_button)
        right.addWidget(self.warning)
        form = QFormLayout()
        self.chair = QComboBox()
        self.recorder = QComboBox()
        form.addRow(self.tr("Chair"), self.chair)
        form.addRow(self.tr("Recorder"), self.recorder)
        right.addLayout(form)
        self.people_button = QPushButton(self.tr("Set chair and recorder"))
        self.people_button.clicked.connect(self.set_people)
        right.addWidget(self.people_button)
        right.addWidget(QLabel(self.tr("Guests")))
        self.guests = QListWidget()
        self.guests.setWordWrap(True)  # a long position wraps instead of scrolling sideways
        self.guests.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right.addWidget(self.guests)
        self.guest_name = QLineEdit()
        self.guest_name.setPlaceholderText(self.tr("Guest's name"))
        self.guest_position = QLineEdit()
        self.guest_position.setPlaceholderText(self.tr("Position"))
        self.add_guest_button = QPushButton(self.tr("Add guest"))
        self.add_guest_button.clicked.connect(self.add_guest)
        self.guest_position.returnPressed.connect(self.add_guest)
        for w in (self.guest_name, self.guest_position, self.add_guest_button):
            right.addWidget(w)
        right.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        self.panel_scroll = scroll
        layout.addWidget(scroll)
        self.guests.setMaximumHeight(90)
        self._fit_panel()

    def _fit_panel(self) -> None:
        """The side panel exactly as wide as its widest button or choice (never cut off, no sideways scroll);
        the roll's table takes the rest of the width."""
        panel = self.panel_scroll.widget()
        assert panel is not None  # set in __init__
        self.panel_scroll.setFixedWidth(panel.minimumSizeHint().width()
                                        + self.panel_scroll.verticalScrollBar().sizeHint().width() + 4)

    def load(self, sheet: att.AttendanceSheet) -> None:
        self._loading = True
        self.sheet = sheet
        # The old row widgets are deleted later (one of them may be the sender being handled); hide them now
        # so none is left painted over the new rows meanwhile.
        for r in range(self.table.rowCount()):
            for column in (2, 3, 4):
                old = self.table.cellWidget(r, column)
                if old is not None:
                    old.hide()
        self.table.setRowCount(len(sheet.rows))
        for r, row in enumerate(sheet.rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.full_name))
            standing = QTableWidgetItem(row.kind_label)
            standing.setToolTip(row.kind_label)
            self.table.setItem(r, 1, standing)
            combo = ElidingComboBox()  # "bị khởi tố, truy tố, tạm giam" shortened, whole in the tooltip
            # No mark: "not marked" for those expected, "exempt" for a member exempt from activities (neither
            # absent nor awaited, as the service counts them); marked present when they come.
            combo.addItem(self.tr("Exempt from activities") if row.exempt else self.tr("Not marked"), att.NOT_MARKED)
            for key, label in att.STATUS_LABELS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(row.status))
            combo.setEnabled(not sheet.read_only)
            combo.currentIndexChanged.connect(lambda _=0, r=r: self._mark(r))
            self.table.setCellWidget(r, 2, combo)
            reason = QLineEdit(row.reason)
            reason.setReadOnly(sheet.read_only)
            reason.editingFinished.connect(lambda r=r: self._mark(r))
            self.table.setCellWidget(r, 3, reason)
            approved = QCheckBox()
            approved.setChecked(row.approved)
            approved.setEnabled(not sheet.read_only)
            approved.toggled.connect(lambda _=False, r=r: self._mark(r))
            self.table.setCellWidget(r, 4, approved)
            for column in (0, 1):
                item = self.table.item(r, column)
                assert item is not None  # set just above
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
        self.table.resizeColumnToContents(1)
        # The mark's column holds the usual marks whole ("Vắng không lý do"); a longer one is elided.
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(2, max(metrics.horizontalAdvance(label) for label in
                                         (att.STATUS_LABELS["absent"], att.STATUS_LABELS["absent_reason"])) + 40)
        # Keep all five columns in view at 1366 px: the standing whole when the reason column keeps room for
        # a short reason, else elided (at least ten characters), its full text in the tooltip.
        char = metrics.averageCharWidth()
        room = (self.table.viewport().width() - sum(self.table.columnWidth(c) for c in (0, 2, 4))
                - metrics.horizontalAdvance(self.tr("Reason")) - 8 * char)
        # At least "Chính thức" on one line (its cell's 3 px margins each side); a longer standing wraps onto
        # a second line of its row (fit_rows), never ends in "…".
        least = max((metrics.horizontalAdvance(row.kind_label.split(" (")[0]) for row in sheet.rows), default=0) + 8
        self.table.setColumnWidth(1, max(least, char * 10 + 12, min(self.table.columnWidth(1), room)))
        c = sheet.counts
        self.counts.setText(self.tr(
            "Members: %1 (official %2, probationary %3); exempt %4; temporarily transferred out %5.\n"
            "Present: %6 (official %7, probationary %8). Absent with reason: %9; without reason: %10. "
            "Not marked: %12.\nVote base: %11").replace("%12", str(len(c.not_marked)))
            .replace("%11", sheet.base.explanation()).replace("%10", str(len(c.absent_without_reason)))
            .replace("%9", str(len(c.absent_with_reason))).replace("%8", str(c.present_probationary))
            .replace("%7", str(c.present_official)).replace("%6", str(c.present))
            .replace("%5", str(c.transferred_out)).replace("%4", str(c.exempt)).replace("%3", str(c.probationary))
            .replace("%2", str(c.official)).replace("%1", str(c.total)))
        self.apart.setText(self.tr("Not on the roll this day: %1").replace(
            "%1", "; ".join(f"{r.full_name} ({r.apart_reason})" for r in sheet.apart)) if sheet.apart else "")
        self.warning.setText(sheet.warning)
        present = [r for r in sheet.rows if r.present]
        for picker, chosen in ((self.chair, sheet.chair_id), (self.recorder, sheet.recorder_id)):
            picker.clear()
            picker.addItem(self.tr("(choose)"), None)
            for row in present:
                picker.addItem(row.full_name, row.member_id)
            # findData cannot match a UUID: compare the items' data in Python.
            picker.setCurrentIndex(next((i for i in range(picker.count()) if picker.itemData(i) == chosen), 0))
            picker.setEnabled(not sheet.read_only)
        self.guests.clear()
        for g in sheet.guests:
            self.guests.addItem(f"{g.name}" + (f" — {g.position}" if g.position else ""))
        for w in (self.people_button, self.add_guest_button, self.guest_name, self.guest_position):
            w.setEnabled(not sheet.read_only)
        self.rest_present_button.setEnabled(not sheet.read_only and bool(c.not_marked))
        self._fit_panel()  # the chosen names may be wider than "(chọn)"
        self._loading = False

    def _mark(self, r: int) -> None:
        if self._loading or self.sheet is None:
            return
        row = self.sheet.rows[r]
        # The row's widgets, as show() put them.
        status = cast(QComboBox, self.table.cellWidget(r, 2)).currentData()
        reason = cast(QLineEdit, self.table.cellWidget(r, 3)).text()
        approved = cast(QCheckBox, self.table.cellWidget(r, 4)).isChecked()
        meeting_id = self.sheet.meeting_id
        self._write(lambda store: att.set_attendance(store, meeting_id, row.member_id, status, reason, approved),
                    self._marked)

    def _write(self, call: Callable[[Store], OpResult[att.AttendanceSheet]],
               done: Callable[[att.AttendanceSheet], None]) -> None:
        """A change of the roll on the worker; the step shows the sheet the service returns."""
        ops.write(self.ctx, self, call).success(done).failure(lambda exc: self.warning.setText(user_message(exc))) \
            .run()

    def _marked(self, sheet: att.AttendanceSheet) -> None:
        # The sender (a combo or box in the table) may still be in its signal: reload on the next turn.
        QTimer.singleShot(0, lambda: self._written(sheet))

    def _written(self, sheet: att.AttendanceSheet) -> None:
        self.load(sheet)
        self.changed.emit()

    def mark_rest_present(self) -> None:
        """Everyone on the roll not yet marked is present (the recorder has noted the absences)."""
        assert self.sheet is not None
        mid = self.sheet.meeting_id

        def job(store: Store) -> OpResult[att.AttendanceSheet]:
            changes = att.confirm_roll(store, mid).changes
            return OpResult(att.attendance_sheet(store, mid), changes)

        self._write(job, self._written)

    def select_member(self, member_id: object) -> None:
        """Select a member's row (a finding of the consistency check points here)."""
        if self.sheet is None:
            return
        for r, row in enumerate(self.sheet.rows):
            if row.member_id == member_id:
                self.table.selectRow(r)
                self.table.setFocus()
                return

    def set_people(self) -> None:
        assert self.sheet is not None
        meeting_id, chair, recorder = self.sheet.meeting_id, self.chair.currentData(), self.recorder.currentData()
        self._write(lambda store: att.set_people(store, meeting_id, chair, recorder), self._written)

    def add_guest(self) -> None:
        assert self.sheet is not None
        meeting_id, name, position = self.sheet.meeting_id, self.guest_name.text(), self.guest_position.text()

        def done(sheet: att.AttendanceSheet) -> None:
            self.guest_name.clear()
            self.guest_position.clear()
            self._written(sheet)

        self._write(lambda store: att.add_guest(store, meeting_id, name, position), done)
