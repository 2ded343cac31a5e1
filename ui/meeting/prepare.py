"""Step 1, Chuẩn bị: time, place, kind, duration (warned below the minimum), the agenda, announce."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import meeting_cycle as cycle
from secretary_app.services.cell import get_cell
from secretary_app.services.meetings import KIND_LABELS, STATE_LABELS, UPCOMING_STATES, MeetingState
from ui import ops
from ui.context import AppContext
from ui.qt_dates import to_date, to_qdatetime

if TYPE_CHECKING:
    from pathlib import Path

    from secretary_app.store import Store


class PrepareStep(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: cycle.MeetingDetail | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.kind = QComboBox()
        for key in cycle.KINDS:
            self.kind.addItem(KIND_LABELS[key], key)
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 600)
        self.minutes.setSuffix(self.tr(" minutes"))
        self.place = QLineEdit()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date and time"), self.when)
        form.addRow(self.tr("Planned duration"), self.minutes)
        form.addRow(self.tr("Place"), self.place)
        layout.addLayout(form)
        self.warnings = QLabel()
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        layout.addWidget(self.warnings)
        layout.addWidget(QLabel(self.tr("Agenda (one item per line, in order):")))
        self.agenda = QPlainTextEdit()
        layout.addWidget(self.agenda, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setShortcut("Ctrl+S")
        self.preset_button = QPushButton(self.tr("Save agenda as my preset"))
        self.advance_button = QPushButton()
        self.advance_button.setObjectName("primary")
        self.state_label = QLabel()
        for w in (self.save_button, self.preset_button, self.advance_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.preset_button.clicked.connect(self.save_preset)
        self.advance_button.clicked.connect(self.advance)
        self.minutes.valueChanged.connect(self._preview_warning)
        self.kind.currentIndexChanged.connect(self._preview_warning)

    def load(self, detail: cycle.MeetingDetail) -> None:
        self.detail = detail
        self.title.setText(detail.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(detail.kind)))
        self.when.setDateTime(to_qdatetime(detail.planned_at.replace(tzinfo=None)))
        self.minutes.setValue(detail.planned_minutes)
        self.place.setText(detail.place)
        self._agenda_ids = [(a.id, a.step, a.title) for a in detail.agenda]
        self.agenda.setPlainText("\n".join(a.title for a in detail.agenda))
        self.warnings.setText("\n".join(detail.warnings))
        self.state_label.setText(self.tr("State: %1").replace("%1", STATE_LABELS.get(detail.state, detail.state)))
        self.advance_button.setText({MeetingState.DRAFT: self.tr("Announce to members"),
                                     MeetingState.ANNOUNCED: self.tr("Meeting held")}.get(detail.state, self.tr("Held")))
        self.advance_button.setEnabled(detail.state in UPCOMING_STATES)
        for w in (self.title, self.place, self.agenda):
            w.setReadOnly(detail.read_only)
        for control in (self.kind, self.when, self.minutes, self.save_button):
            control.setEnabled(not detail.read_only)

    def _preview_warning(self) -> None:
        kind = self.kind.currentData()
        if kind:
            day = to_date(self.when.date())
            self.warnings.setText("\n".join(cycle.duration_warning_texts(kind, self.minutes.value(), day)))

    def _agenda_rows(self) -> list[tuple]:
        lines = [line.strip() for line in self.agenda.toPlainText().splitlines() if line.strip()]
        by_title = {title: (item_id, step) for item_id, step, title in self._agenda_ids}
        rows = []
        for index, line in enumerate(lines):
            if line in by_title:
                item_id, step = by_title.pop(line)
            elif index < len(self._agenda_ids) and self._agenda_ids[index][0] in {v[0] for v in by_title.values()}:
                item_id, step, _ = self._agenda_ids[index]  # same position, title edited: keep the item
                by_title = {t: v for t, v in by_title.items() if v[0] != item_id}
            else:
                item_id, step = None, ""
            rows.append((item_id, step, line))
        return rows

    def save(self, *, advance: bool = False) -> None:
        """Save the plan and the agenda (and move to the next state with ``advance``) in one service call
        on the worker; the workspace reloads the step once it is done."""
        assert self.detail is not None
        when = self.when.dateTime().toPython()
        meeting_id, title, kind = self.detail.id, self.title.text(), self.kind.currentData()
        minutes, place, agenda = self.minutes.value(), self.place.text(), self._agenda_rows()
        ops.write(self.ctx, self, lambda store: cycle.save_preparation(
            store, meeting_id, title=title, kind=kind, planned_at=when if isinstance(when, dt.datetime) else None,
            planned_minutes=minutes, place=place, agenda=agenda, advance=advance)) \
            .success(lambda _detail: self.changed.emit()).failure(self.parent_error).run()

    def parent_error(self, exc: Exception) -> None:
        from ui.tasks import user_message

        self.warnings.setText(user_message(exc))

    def save_preset(self) -> None:
        items = [{"step": step, "title": title} for _, step, title in self._agenda_rows()]

        def save(store: Store) -> Path:
            cell = get_cell(store)
            return cycle.save_preset(store, getattr(cell, "cell_type", "residential"), items)

        ops.read(self.ctx, self, save).failure(self.parent_error) \
            .success(lambda path: self.warnings.setText(self.tr("Preset saved: %1").replace("%1", str(path)))).run()

    def advance(self) -> None:
        """Announce (draft) or mark held (announced), saving what is on screen with it."""
        assert self.detail is not None
        if self.detail.state in UPCOMING_STATES:
            self.save(advance=True)
