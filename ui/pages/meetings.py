"""Sinh hoạt chi bộ: meetings (upcoming first, then held), reminders, planning, and each meeting's workspace.

A meeting planned by mistake or called off can be deleted before it is held (asks once; undoable)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.services import meeting_check as mc
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.meetings import KIND_LABELS, STATE_LABELS, list_meetings
from secretary_app.services.overview import Action, Target
from ui.context import AppContext
from ui.meeting.workspace import MeetingWorkspace
from ui.pages.base import Page
from ui.qt_dates import to_date
from ui.tables import Column, RecordTableModel


class PlanDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan a meeting"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key in cycle.KINDS:
            self.kind.addItem(KIND_LABELS[key], key)
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        today = QDateTime.currentDateTime().date().addMonths(1)
        self.when.setDateTime(QDateTime(today.addDays(5 - today.day()), QTime(19, 30)))
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 600)
        self.minutes.setValue(120)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.place = QLineEdit()
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date and time"), self.when)
        form.addRow(self.tr("Planned duration"), self.minutes)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.minutes.valueChanged.connect(self._warn)
        self.kind.currentIndexChanged.connect(self._warn)

    def _warn(self) -> None:
        day = to_date(self.when.date())
        self.warning.setText("\n".join(cycle.duration_warning_texts(self.kind.currentData(), self.minutes.value(),
                                                                     day)))

    def values(self) -> dict:
        when = self.when.dateTime().toPython()
        return {"kind": self.kind.currentData(), "planned_at": when if isinstance(when, dt.datetime) else None,
                "planned_minutes": self.minutes.value(), "place": self.place.text()}


class MeetingsPage(Page):
    key = "meetings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Cell meetings"),
                         self.tr("Each meeting goes through its steps: preparation, attendance, minutes, "
                                 "resolution, finalise."), parent)
        self.plan_button = self.add_action(self.tr("Plan a meeting"), self.plan, primary=True, shortcut="Ctrl+N")
        self.open_button = self.add_action(self.tr("Open"), self.open_selected, shortcut="Ctrl+O")
        self.delete_button = self.add_action(self.tr("Delete meeting"), self.delete_selected, shortcut="Del")
        self.delete_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.undo_stack = QUndoStack(self)
        self.undo_button = self.add_action(self.tr("Undo"), self.undo_stack.undo, shortcut="Ctrl+Z")
        self.undo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self._list_buttons = (self.plan_button, self.open_button, self.delete_button, self.undo_button)
        self.stack = QStackedWidget()
        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(0, 0, 0, 0)
        self.reminders = QLabel()
        self.reminders.setObjectName("warning")
        self.reminders.setWordWrap(True)
        lay.addWidget(self.reminders)
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
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_delete_button())
        lay.addWidget(self.table, 1)
        self.stack.addWidget(listing)
        self.workspace = MeetingWorkspace(ctx)
        self.workspace.closed.connect(self.show_list)
        self.stack.addWidget(self.workspace)
        self.body().addWidget(self.stack, 1)

    def refresh(self) -> None:
        self.read(lambda store: (list_meetings(store), cycle.reminders(store))).success(self._loaded).run()

    def _loaded(self, data) -> None:
        rows, reminders = data
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.reminders.setText("\n".join("• " + r.message for r in reminders))
        self.reminders.setVisible(bool(reminders))
        self._update_delete_button()

    def selected_row(self):
        index = self.table.currentIndex()
        return self.model.records[index.row()] if index.isValid() else None

    def _update_delete_button(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)  # "Mở" with nothing selected would do nothing
        self.delete_button.setEnabled(row is not None and row.state in cycle.DELETABLE_STATES)
        self.delete_button.setToolTip(
            self.tr("Delete the selected meeting (Del). Only a meeting that has not been held can be deleted.")
            if row is None or row.state in cycle.DELETABLE_STATES else
            self.tr("This meeting has been held: its attendance, minutes and resolutions are the cell's "
                    "records and cannot be deleted."))

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.state not in cycle.DELETABLE_STATES:
            return
        when = row.planned_at.strftime("%d/%m/%Y")
        self.confirm(
            self.tr("Delete meeting"),
            self.tr("Delete the meeting “%1” planned for %2, with its agenda?\n\nYou can bring it back with "
                    "Undo (Ctrl+Z).").replace("%1", row.title).replace("%2", when),
            self.tr("Delete"), lambda: self._delete(row.id, row.title))

    def _delete(self, meeting_id, title: str) -> None:
        self.run_undoable(self.undo_stack, self.tr("delete %1").replace("%1", title),
                          lambda store: cycle.delete_meeting(store, meeting_id),
                          lambda store: cycle.restore_meeting(store, meeting_id))

    def plan(self) -> None:
        # Window-modal, not exec(): the overview's "Lập kế hoạch…" item opens it too, and nothing waits on it.
        self.plan_dialog = PlanDialog(self)
        self.plan_dialog.accepted.connect(lambda dialog=self.plan_dialog: self.plan_with(**dialog.values()))
        self.plan_dialog.open()

    def plan_with(self, **values) -> None:
        self.write(lambda store: cycle.plan_meeting(store, **values)) \
            .success(lambda detail: self.open_meeting(detail.id)).run()

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        self.open_meeting(self.model.records[index.row()].id)

    def open_meeting(self, meeting_id, step: int | None = None,
                     target: mc.Target | None = None) -> None:
        self.stack.setCurrentWidget(self.workspace)
        for button in self._list_buttons:
            button.setVisible(False)
        self.workspace.open(meeting_id, step, target)

    def show_target(self, target: Target) -> None:
        """An overview item: plan a meeting, or open one at the step to act on (a task: its row selected)."""
        if target.action is Action.PLAN_MEETING:
            if self.stack.currentWidget() is self.workspace:
                self.workspace.close_meeting()
            self.plan()
        elif target.record_id is not None and target.step == mc.Step.MINUTES:  # a task: its row selected
            self.open_meeting(target.record_id, target=mc.Target(mc.Step.MINUTES, "task", position=target.position))
        elif target.record_id is not None:
            self.open_meeting(target.record_id, target.step)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        for button in self._list_buttons:
            button.setVisible(True)
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.MEETING):
            self.refresh()
