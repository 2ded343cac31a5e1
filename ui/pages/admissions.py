"""Phát triển đảng viên: candidates and probationary members with their next step and deadline (soonest
first), the person's timeline beside the list (done, due, overdue), and an action for each step.

Every service call is one of the small ``_call_*`` / ``refresh`` methods below, through the one doorway
(``ui/ops.py``) on the worker thread."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.changes import Change, Changes
from secretary_app.services import admission_documents, roster
from secretary_app.services import admissions as adm
from secretary_app.services.overview import Target
from secretary_app.store import Store
from ui.admissions.dialogs import CandidateDialog, StepDialog
from ui.context import AppContext
from ui.pages.base import Page
from ui.tables import RECORD_ROLE, Column, RecordTableModel, fit_columns
from ui.theme import DONE, OVERDUE, WARNING
from ui.undo import ServiceCommand

_COLOURS = {"done": DONE, "due": WARNING, "overdue": OVERDUE}


@dataclass(frozen=True)
class _Loaded:
    rows: list[adm.CandidateRow]
    officials: list[tuple[uuid.UUID, str]]


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class _WrappingDelegate(QStyledItemDelegate):
    """Rows of a tree as tall as their text wrapped at the column's present width (QTreeView measures
    them unwrapped and then elides)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        room = self.tree.header().sectionSize(index.column()) - 8 - (
            self.tree.indentation() * (depth + int(self.tree.rootIsDecorated())) if index.column() == 0 else 0)
        bound = option.fontMetrics.boundingRect(QRect(0, 0, max(room, 1), 100_000),
                                                int(Qt.TextFlag.TextWordWrap), str(text))
        return QSize(hint.width(), max(hint.height(), bound.height() + 4))


class AdmissionsPage(Page):
    key = "admissions"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Member development"),
                         self.tr("Candidates for admission and probationary members: the next step and its "
                                 "deadline, soonest first. The cell's votes are recorded in the meeting."), parent)
        self.today: Callable[[], dt.date] = dt.date.today  # tests set another day
        self.undo_stack = QUndoStack(self)
        self.add_action(self.tr("Add candidate"), self.add_candidate, primary=True)
        self.step_button = self.add_action(self.tr("Record a step"), self.record_step)
        self.edit_button = self.add_action(self.tr("Edit details"), self.edit_candidate)
        self.export_button = self.add_action(self.tr("Documents"), lambda: None)
        self.export_menu = QMenu(self)
        for kind, label in self.document_labels().items():
            self.export_menu.addAction(label, partial(self.export_document, kind))
        self.export_button.setMenu(self.export_menu)
        self.undo_button = self.add_more_action(self.tr("Undo"), self.undo_stack.undo, shortcut="Ctrl+Z")
        self.undo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.undo_stack.redo)
        self.state_words = {"done": self.tr("Done"), "open": self.tr("Not due yet"), "due": self.tr("Due"),
                            "overdue": self.tr("Overdue"), "waiting": self.tr("Not yet")}
        # Two lines per person (name over stage, date over state) so the list fits beside the timeline.
        self.model = RecordTableModel([
            Column(self.tr("Person"), lambda r: f"{r.full_name}\n{r.stage}", sort_key=lambda r: r.full_name),
            Column(self.tr("Deadline"), lambda r: f"{_day(r.next_due)}\n{self.state_words[r.state]}"
                   if r.next_due else "", sort_key=lambda r: r.next_due or dt.date.max),
            Column(self.tr("Next step"), lambda r: r.next_step),
        ])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table, 0, 2)  # the person's stage and the next step wrap in the room left
        self.table.setWordWrap(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        detail = QWidget()
        side = QVBoxLayout(detail)
        side.setContentsMargins(12, 0, 0, 0)
        self.detail_name = QLabel()
        font = self.detail_name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_name.setFont(font)
        self.detail_info = QLabel()
        self.detail_info.setWordWrap(True)
        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setIndentation(18)
        self.timeline.setWordWrap(True)
        self.timeline.setHeaderLabels([self.tr("Step"), self.tr("Date"), self.tr("State")])
        self.timeline.header().setStretchLastSection(False)
        self.timeline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.timeline.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A long step ("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng") wraps onto a second line of its row:
        # the rows are laid out again once the step column has its final width (the splitter, large text).
        self.timeline.setItemDelegate(_WrappingDelegate(self.timeline))
        relayout = QTimer(self)
        relayout.setSingleShot(True)
        relayout.timeout.connect(self.timeline.doItemsLayout)
        self.timeline.header().sectionResized.connect(lambda *_: relayout.start(0))
        self.timeline.itemDoubleClicked.connect(lambda item, _col: self.record_step(item.data(0, Qt.ItemDataRole.UserRole)))
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        side.addWidget(self.detail_name)
        side.addWidget(self.detail_info)
        side.addWidget(self.timeline, 1)
        side.addWidget(self.alerts)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        self.body().addWidget(splitter, 1)
        self.empty = QLabel(self.tr("No one is in the admission pipeline yet. Press “Add candidate” for a person "
                                    "the cell helps towards admission; probationary members appear here once "
                                    "their ceremony is recorded."))
        self.empty.setWordWrap(True)
        self.body().addWidget(self.empty)
        self.officials: list[tuple[uuid.UUID, str]] = []
        self.detail: adm.CandidateDetail | None = None
        self._select_after_load: uuid.UUID | None = None
        self._clear_detail()

    # --- service calls (through the doorway, on the worker thread) --------------------------------

    def refresh(self) -> None:
        today, unconfirmed = self.today(), self.ctx.settings.count_unconfirmed_holidays

        def load(store: Store) -> _Loaded:
            officials = [(m.id, m.full_name) for m in roster.list_members(store, today)
                         if m.membership == "official" and m.in_cell]
            return _Loaded(adm.list_candidates(store, today, include_uncertain=unconfirmed), officials)

        self.read(load).success(self._loaded).run()

    def _load_detail(self, candidate_id: uuid.UUID) -> None:
        today, unconfirmed = self.today(), self.ctx.settings.count_unconfirmed_holidays
        self.read(lambda store: adm.get_candidate(store, candidate_id, today, include_uncertain=unconfirmed)) \
            .success(self._show_detail).run()

    def _call_create(self, data: adm.CandidateData) -> None:
        today = self.today()

        def done(candidate_id: uuid.UUID) -> None:
            self.undo_stack.push(ServiceCommand(
                self.tr("add %1").replace("%1", data.full_name),
                lambda s: adm.restore_candidate(s, candidate_id),
                lambda s: adm.delete_candidate(s, candidate_id), self.run_step))
            self._saved(candidate_id)

        self.write(lambda store: adm.create_candidate(store, data, today)).success(done).run()

    def _call_update(self, candidate_id: uuid.UUID, data: adm.CandidateData) -> None:
        today = self.today()
        self.write(lambda store: adm.update_candidate(store, candidate_id, data, today)) \
            .success(lambda _before: self._saved(candidate_id)).run()

    def _call_export(self, candidate_id: uuid.UUID, kind: str, path: Path) -> None:
        today = self.today()
        self.write(lambda store: admission_documents.export(store, candidate_id, kind, path, today=today)) \
            .progress(self.tr("Exporting the document…")).run()

    def _call_step(self, candidate_id: uuid.UUID, step: adm.StepInput) -> None:
        today = self.today()

        def done(step_id: uuid.UUID) -> None:
            if step.kind not in adm.ROSTER_STEPS:  # those changed the roster: corrected on the Members page
                self.undo_stack.push(ServiceCommand(
                    self.tr("record %1").replace("%1", adm.STEP_LABELS[step.kind]),
                    lambda s: adm.restore_step(s, step_id),
                    lambda s: adm.delete_step(s, step_id), self.run_step))
            self._saved(candidate_id)

        self.write(lambda store: adm.record_step(store, candidate_id, step, today)).success(done).run()

    # --- showing -------------------------------------------------------------------------------

    def _loaded(self, loaded: _Loaded) -> None:
        current = self._select_after_load or (self.detail.id if self.detail else None)
        self._select_after_load = None
        self.officials = loaded.officials
        self.model.set_records(loaded.rows)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not loaded.rows)
        if current is None or not self.select_candidate(current):
            if loaded.rows:
                self.table.setCurrentIndex(self.model.index(0, 0))
            else:
                self._clear_detail()

    def select_candidate(self, candidate_id: uuid.UUID) -> bool:
        """Show this person (the overview opens people here). False when they are not in the list."""
        for row, record in enumerate(self.model.records):
            if record.id == candidate_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                if self.detail is None or self.detail.id != candidate_id:
                    self._load_detail(candidate_id)
                return True
        self._select_after_load = candidate_id  # not loaded yet: chosen once the list arrives
        return False

    def show_target(self, target: Target) -> None:
        """An overview item: that person's record (their next deadline)."""
        if target.record_id is not None:
            self.select_candidate(target.record_id)

    def current_row(self) -> adm.CandidateRow | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        if record is not None:
            self._load_detail(record.id)

    def _clear_detail(self) -> None:
        self.detail = None
        self.detail_name.clear()
        self.detail_info.setText(self.tr("Select a person to see their timeline."))
        self.timeline.clear()
        self.alerts.clear()
        for button in (self.step_button, self.edit_button, self.export_button):
            button.setEnabled(False)

    def _show_detail(self, detail: adm.CandidateDetail) -> None:
        current = self.current_row()
        if current is not None and current.id != detail.id:
            return  # the selection moved on while this was loading
        self.detail = detail
        for button in (self.step_button, self.edit_button, self.export_button):
            button.setEnabled(True)
        self.detail_name.setText(detail.data.full_name)
        lines = []
        if detail.data.birth_date:
            lines.append(self.tr("Born %1").replace("%1", _day(detail.data.birth_date)))
        if detail.helper_name:
            lines.append(self.tr("Helped by comrade %1").replace("%1", detail.helper_name))
        self.detail_info.setText(" · ".join(lines))
        self.timeline.clear()
        for entry in detail.timeline:
            # One date per step: when it was done, else its deadline ("hạn …").
            when = _day(entry.done) if entry.done else (self.tr("by %1").replace("%1", _day(entry.due))
                                                        if entry.due else "")
            item = QTreeWidgetItem([entry.label, when, self.state_words[entry.state]])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.kind if entry.kind in adm.STEP_LABELS else "")
            item.setToolTip(0, entry.label + (f"\n{entry.note}" if entry.note else ""))
            colour = _COLOURS.get(entry.state)
            if colour:
                item.setForeground(2, QBrush(QColor(colour)))
            if entry.done and entry.due:
                item.setToolTip(1, self.tr("Deadline %1").replace("%1", _day(entry.due)))
            self.timeline.addTopLevelItem(item)
            if entry.note:
                QTreeWidgetItem(item, [entry.note])
                item.setExpanded(True)
        notes = [f'<b style="color:{OVERDUE}">' + escape(self.tr("The cell cannot vote yet:")) + "</b> "
                 + escape(" ".join(detail.problems_for_vote))] if detail.problems_for_vote else []
        notes += [f'<span style="color:{WARNING}">⚠ {escape(a)}</span>' for a in detail.alerts]
        self.alerts.setText("<br>".join(notes))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.ADMISSION | Change.MEMBER | Change.MEETING | Change.VOTE):
            self.refresh_when_shown()

    # --- edits ---------------------------------------------------------------------------------

    def _saved(self, candidate_id: uuid.UUID) -> None:
        """Select the person once the list reloads (the hub's ADMISSION change, just after, reloads it)."""
        self._select_after_load = candidate_id
        self.detail = None

    def add_candidate(self) -> None:
        self.dialog = CandidateDialog(self.officials, None, self)
        self.dialog.accepted.connect(lambda: self._call_create(self.dialog.read()))
        self.dialog.open()

    def edit_candidate(self) -> None:
        if self.detail is None:
            return
        candidate_id = self.detail.id
        self.dialog = CandidateDialog(self.officials, self.detail.data, self)
        self.dialog.accepted.connect(lambda: self._call_update(candidate_id, self.dialog.read()))
        self.dialog.open()

    def document_labels(self) -> dict[str, str]:
        return {"admission-resolution": self.tr("Resolution proposing admission"),
                "admission-extract": self.tr("Extract of the minutes (admission)"),
                "recognition-resolution": self.tr("Resolution proposing recognition as official"),
                "recognition-extract": self.tr("Extract of the minutes (recognition)"),
                "dossier": self.tr("Dossier checklist")}

    def export_document(self, kind: str) -> None:
        if self.detail is None:
            return
        candidate_id = self.detail.id
        name = f"{kind}-{self.detail.data.full_name}.pdf".replace(" ", "-")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the document"), str(Path.home() / name),
                                              self.tr("PDF (*.pdf);;Word (*.docx)"))
        if path:
            self._call_export(candidate_id, kind, Path(path))

    def record_step(self, kind: str = "") -> None:
        if self.detail is None:
            return
        candidate_id = self.detail.id
        organisation = adm.ORGANISATIONS.get(self.detail.data.youth_union, "")
        self.step_dialog = StepDialog(self.officials, self.today(), organisation, kind or "", self)
        self.step_dialog.accepted.connect(lambda: self._call_step(candidate_id, self.step_dialog.read()))
        self.step_dialog.open()
