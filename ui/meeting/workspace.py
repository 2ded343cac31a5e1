"""One meeting through its five steps, with the step bar on top and the current step highlighted."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_check as mc
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from ui.context import AppContext
from ui.meeting.attendance import AttendanceStep
from ui.meeting.finish import FinishStep
from ui.meeting.minutes_editor import MinutesEditor
from ui.meeting.prepare import PrepareStep
from ui.meeting.resolution import ResolutionStep
from ui.meeting.steps import StepBar


class MeetingWorkspace(QWidget):
    closed = Signal()
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: uuid.UUID | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("← All meetings"))
        self.back.setShortcut("Alt+Left")
        self.back.clicked.connect(self.close_meeting)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        layout.addLayout(top)
        self.steps = StepBar()
        layout.addWidget(self.steps)
        self.integrity = QLabel()
        self.integrity.setObjectName("warning")
        self.integrity.setWordWrap(True)
        layout.addWidget(self.integrity)
        self.stack = QStackedWidget()
        self.prepare = PrepareStep(ctx)
        self.attendance = AttendanceStep(ctx)
        self.minutes = MinutesEditor(ctx)
        self.resolution = ResolutionStep(ctx)
        self.finish = FinishStep(ctx)
        for w in (self.prepare, self.attendance, self.minutes, self.resolution, self.finish):
            self.stack.addWidget(w)
        layout.addWidget(self.stack, 1)
        self.steps.stepChosen.connect(self.go)
        for w in (self.prepare, self.resolution, self.finish):
            w.changed.connect(self._changed)
        self.attendance.changed.connect(self.changed)  # it reloads itself
        self.finish.open_target.connect(self.show_target)

    def open(self, meeting_id: uuid.UUID, step: int | None = None) -> None:
        self.meeting_id = meeting_id
        detail = cycle.get_meeting(self.ctx.store, meeting_id)
        if step is None:
            step = {"draft": 0, "announced": 1, "held": 2, "final": 4}.get(detail.state, 0)
        self.go(step)

    def go(self, index: int) -> None:
        """Show a step, saving the minutes first when leaving the editor."""
        if self.stack.currentWidget() is self.minutes and index != 2:
            self._save_minutes()
        self.steps.set_current(index)
        self.stack.setCurrentIndex(index)
        self.reload()

    def show_target(self, target: mc.Target) -> None:
        """Open the step and select the record a finding of the consistency check is about."""
        self.go(int(target.step))
        if target.kind == "speech":
            self.minutes.select_speech(target.item_id, target.position)
        elif target.kind == "task":
            self.minutes.select_task(target.position)
        elif target.kind == "vote":
            self.resolution.select_vote(target.id)
        elif target.kind == "resolution":
            self.resolution.res_subject.setFocus()
        elif target.kind in ("chair", "recorder"):
            (self.attendance.chair if target.kind == "chair" else self.attendance.recorder).setFocus()
        elif target.kind == "attendance":
            self.attendance.select_member(target.id)

    def _save_minutes(self) -> None:
        try:
            self.minutes.save_now()
        except Exception as exc:
            from ui.tasks import user_message

            self.minutes.status.setText(user_message(exc))

    def reload(self) -> None:
        assert self.meeting_id is not None
        store, mid = self.ctx.store, self.meeting_id
        detail = cycle.get_meeting(store, mid)
        self.title.setText(detail.title)
        view = mn.minutes_view(store, mid)  # re-checks the content hash of finalised minutes
        self.integrity.setText(view.integrity_warning)
        index = self.stack.currentIndex()
        if index == 0:
            self.prepare.load(detail)
        elif index == 1:
            self.attendance.load(att.attendance_sheet(store, mid))
        elif index == 2:
            self.minutes.load(view)
        elif index == 3:
            self.resolution.load(detail)
        else:
            self.finish.load(mid, view)

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()

    def close_meeting(self) -> None:
        if self.stack.currentWidget() is self.minutes:
            self._save_minutes()
        self.minutes.timer.stop()
        self.closed.emit()
