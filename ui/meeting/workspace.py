"""One meeting through its five steps, with the step bar on top and the current step highlighted."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_check as mc
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import minutes as mn
from secretary_app.services.meetings import MeetingState
from ui import ops
from ui.context import AppContext
from ui.meeting.attendance import AttendanceStep
from ui.meeting.finish import FinishStep
from ui.meeting.minutes_editor import MinutesEditor
from ui.meeting.prepare import PrepareStep
from ui.meeting.resolution import ResolutionStep, VoteData, vote_data
from ui.meeting.steps import StepBar

if TYPE_CHECKING:
    from secretary_app.store import Store


class MeetingWorkspace(QWidget):
    closed = Signal()
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending_target: mc.Target | None = None  # a finding to select once its step is shown
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
        self.integrity.hide()  # shown only with a warning (_show)
        layout.addWidget(self.integrity)
        self.stack = QStackedWidget()
        self.prepare = PrepareStep(ctx)
        self.attendance = AttendanceStep(ctx)
        self.minutes = MinutesEditor(ctx)
        self.resolution = ResolutionStep(ctx)
        self.finish = FinishStep(ctx)
        self._steps: list[QWidget] = [self.prepare, self.attendance, self.minutes, self.resolution, self.finish]
        for w in self._steps:
            # Each step scrolls on its own: a tall step (large text, a long agenda) neither grows the window
            # beyond a 1366×768 screen nor makes the other steps scroll.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(w)
            self.stack.addWidget(scroll)
        layout.addWidget(self.stack, 1)
        self.steps.stepChosen.connect(self.go)
        for w in (self.prepare, self.resolution, self.finish):
            w.changed.connect(self._changed)
        self.attendance.changed.connect(self.changed)  # it reloads itself
        self.finish.open_target.connect(self.show_target)
        ctx.hub.changed.connect(self._changes_elsewhere)

    def open(self, meeting_id: uuid.UUID, step: int | None = None, target: mc.Target | None = None) -> None:
        """Open a meeting at ``step``, or at the step its state calls for (read on the worker), or at the
        record ``target`` names (a task the overview lists), selected once the step is read."""
        if meeting_id != self.meeting_id:
            self._clear_messages()
        self.meeting_id = meeting_id
        if target is not None:
            self.show_target(target)
            return
        if step is not None:
            self.go(step)
            return
        ops.read(self.ctx, self, lambda store: cycle.get_meeting(store, meeting_id)) \
            .success(lambda detail: self.go(_STEP_OF_STATE.get(detail.state, 0))).run()

    def go(self, index: int) -> None:
        """Show a step, saving the minutes first when leaving the editor (queued before the step's reload,
        on the same worker, so the reload sees what was typed)."""
        if self.current_step() is self.minutes and index != 2:
            self.minutes.save_now()
        self.steps.set_current(index)
        self.stack.setCurrentIndex(index)
        self.reload()

    def _clear_messages(self) -> None:
        """What the steps said about the meeting open before (an error, "Saved …", a vote's result) is not
        about this one: cleared before the new meeting's steps load."""
        for label in (self.prepare.warnings, self.minutes.status, self.resolution.result, self.resolution.message,
                      self.finish.message, self.integrity):
            label.clear()

    def current_step(self) -> QWidget:
        """The step on screen (the stack holds each inside its scroll area)."""
        return self._steps[max(self.stack.currentIndex(), 0)]

    def show_target(self, target: mc.Target) -> None:
        """Open the step and select the record a finding of the consistency check is about, once the step
        has been read again on the worker (selecting before would be undone by the reload)."""
        self._pending_target = target
        self.go(int(target.step))

    def _select_target(self, target: mc.Target) -> None:
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

    def reload(self) -> None:
        """Read what the current step shows, on the worker, then show it."""
        assert self.meeting_id is not None
        mid, index = self.meeting_id, self.stack.currentIndex()
        ops.read(self.ctx, self, lambda store: _snapshot(store, mid, index)).success(self._show).run()

    def _show(self, snap: _Snapshot) -> None:
        if snap.detail.id != self.meeting_id or snap.step != self.stack.currentIndex():
            return  # the person moved on meanwhile; the newer reload shows the right thing
        self.title.setText(snap.detail.title)
        self.integrity.setText(snap.view.integrity_warning)
        self.integrity.setVisible(bool(snap.view.integrity_warning))  # empty, it would leave a blank band
        if snap.step == 0:
            self.prepare.load(snap.detail)
        elif snap.step == 1:
            assert snap.sheet is not None
            self.attendance.load(snap.sheet)
        elif snap.step == 2:
            self.minutes.load(snap.view)
        elif snap.step == 3:
            assert snap.votes is not None
            self.resolution.load(snap.detail, snap.votes)
        else:
            self.finish.load(snap.detail.id, snap.view)
        target, self._pending_target = self._pending_target, None
        if target is not None and int(target.step) == snap.step:
            self._select_target(target)

    def _changes_elsewhere(self, changes: Changes) -> None:
        """A change made outside the workspace (a sync that pulled, another page) to what a step shows:
        reload the step on screen, except the minutes under the typist's hands (reloaded on leaving)."""
        if self.meeting_id is None or not self.isVisible() or not changes.touches(_SHOWN):
            return
        initiator = changes.initiator
        if isinstance(initiator, QWidget) and (self.isAncestorOf(initiator) or initiator.isAncestorOf(self)
                                               or initiator is self):
            return  # our own steps reload themselves; the meetings page that opened us already did
        if self.current_step() is not self.minutes:
            self.reload()

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()

    def close_meeting(self) -> None:
        if self.current_step() is self.minutes:
            self.minutes.save_now()
        self.minutes.timer.stop()
        self.closed.emit()


_SHOWN = Change.MEETING | Change.ATTENDANCE | Change.MINUTES | Change.VOTE | Change.RESOLUTION | Change.TASK
_STEP_OF_STATE = {MeetingState.DRAFT: 0, MeetingState.ANNOUNCED: 1, MeetingState.HELD: 2, MeetingState.FINAL: 4}


@dataclass(frozen=True)
class _Snapshot:
    """What one step shows, read in one go on the worker."""

    step: int
    detail: cycle.MeetingDetail
    view: mn.MinutesView
    sheet: att.AttendanceSheet | None = None
    votes: VoteData | None = None


def _snapshot(store: Store, meeting_id: uuid.UUID, step: int) -> _Snapshot:
    detail = cycle.get_meeting(store, meeting_id)
    view = mn.minutes_view(store, meeting_id)  # re-checks the content hash of finalised minutes
    return _Snapshot(step, detail, view,
                     sheet=att.attendance_sheet(store, meeting_id) if step == 1 else None,
                     votes=vote_data(store, meeting_id) if step == 3 else None)
