"""Đảng viên: the roster table (search, status filter, Vietnamese order), the member's record and
history, and the edits on them, each undoable (Ctrl+Z). Deleting a member or an event asks once and
only marks the record deleted: Ctrl+Z, or the "Đã xóa" filter and Khôi phục, bring it back."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.text import full_name_sort_key, name_sort_key
from secretary_app.changes import Change, Changes
from secretary_app.roster_io.exporting import export_roster
from secretary_app.services import dues, roster
from secretary_app.services.dues import vnd
from secretary_app.services.overview import Action, Target
from secretary_app.services.roster import STATUS_FILTERS, EventInput, MemberData, MemberDetail, MemberRow
from ui.context import AppContext
from ui.dues.member_dues import MemberDuesButton
from ui.pages.base import Page
from ui.roster.event_dialog import EventDialog
from ui.roster.import_dialog import ImportDialog
from ui.roster.member_form import MemberDialog
from ui.tables import RECORD_ROLE, Column, RecordTableModel, SearchProxy, fit_columns
from ui.undo import Job, ServiceCommand

log = logging.getLogger(__name__)
_CENTER = Qt.AlignmentFlag.AlignCenter


class MembersPage(Page):
    key = "members"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Party members"),
                         self.tr("The cell roster. Type part of a name, with or without diacritics, to find "
                                 "a member."), parent)
        self.undo_stack = QUndoStack(self)
        # Three labelled actions the secretary uses most, the rest in "Thêm…" (UI.md: two to four).
        self.add_action(self.tr("Add member"), self.add_member, primary=True, shortcut="Ctrl+N")
        self.edit_button = self.add_action(self.tr("Edit"), self.edit_member)
        self.edit_button.setToolTip(self.tr("Edit the selected member's record (Enter in the table)"))
        self.event_button = self.add_action(self.tr("Record event"), self.record_event, shortcut="Ctrl+E")
        self.add_more_action(self.tr("Import a list…"), self.import_file, shortcut="Ctrl+I")
        self.add_more_action(self.tr("Export the list…"), self.export_file, shortcut="Ctrl+Shift+S")
        # The Delete key acts only where the focus is (table: the member, history: the event), so it
        # never deletes anything while the secretary is typing in the search box.
        self.delete_button = self.add_more_action(self.tr("Delete member"), self.delete_member)
        self.delete_button.setToolTip(self.tr("Delete the selected member (Delete key in the table)"))
        self.undo_button = self.add_more_action(self.tr("Undo"), self.undo_stack.undo, shortcut="Ctrl+Z")
        self.undo_button.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        QShortcut(QKeySequence("Ctrl+Y"), self, self.undo_stack.redo)
        self.full_name_order = not ctx.settings.sort_by_given_name

        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name, e.g. nguyen thi huong"))
        self.search.setClearButtonEnabled(True)
        search_row.addWidget(QLabel(self.tr("Find:")))
        search_row.addWidget(self.search, 1)
        self.status_filter = QComboBox()
        for key, label in STATUS_FILTERS.items():
            self.status_filter.addItem(label, key)
        search_row.addWidget(QLabel(self.tr("Show:")))
        search_row.addWidget(self.status_filter)
        self.order = QComboBox()
        self.order.addItem(self.tr("By given name"), False)
        self.order.addItem(self.tr("By full name"), True)
        self.order.setCurrentIndex(1 if self.full_name_order else 0)
        search_row.addWidget(self.order)
        self.count_label = QLabel()
        search_row.addWidget(self.count_label)
        self.body().addLayout(search_row)

        self.model = RecordTableModel([
            Column(self.tr("Full name"), lambda r: r.full_name, self._name_key),
            Column(self.tr("Born"), lambda r: r.birth_year, lambda r: r.birth_date or dt.date.min, align=_CENTER),
            Column(self.tr("Status"), lambda r: r.status, tooltip=True),
            Column(self.tr("Party age"), lambda r: r.party_years, lambda r: r.party_months or 0, align=_CENTER),
        ], self)  # card number, position and phone are in the detail pane: no sideways scroll at 1366 px
        self.proxy = SearchProxy(lambda r: r.search_key, self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, 2)  # the status gives way (the detail pane has it whole), never the name
        self.table.setProperty("wholeInDetail", [2])  # shortened, it is whole in its tooltip and the detail pane

        detail = QWidget()
        side = QVBoxLayout(detail)
        side.setContentsMargins(8, 0, 0, 0)
        self.detail_name = QLabel()
        self.detail_name.setObjectName("figure")
        self.detail_name.setWordWrap(True)
        self.detail_info = QLabel(self.tr("Select a member to see their record and history."))
        self.detail_info.setWordWrap(True)
        self.detail_info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        self.timeline = QListWidget()
        self.timeline.setMinimumHeight(160)
        self.timeline.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore this member"))
        self.restore_button.setObjectName("primary")
        self.restore_button.clicked.connect(self.restore_member)
        self.restore_button.hide()
        self.delete_event_button = QPushButton(self.tr("Delete event"))
        self.delete_event_button.setToolTip(self.tr("Delete the selected event (Delete key in the history)"))
        self.delete_event_button.clicked.connect(self.delete_event)
        self.delete_event_button.setEnabled(False)
        self.timeline.currentItemChanged.connect(
            lambda item, _previous: self.delete_event_button.setEnabled(item is not None))
        side.addWidget(self.detail_name)
        side.addWidget(self.detail_info)
        side.addWidget(self.restore_button)
        side.addWidget(QLabel(self.tr("History:")))
        side.addWidget(self.timeline, 1)
        side.addWidget(self.delete_event_button)
        self.dues_button = MemberDuesButton(ctx, self.dues_member)  # category, basis, exemption / reduction
        side.addWidget(self.dues_button)
        # The record scrolls when it is taller than the window (large text, a long history), never squeezed.
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(detail)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # The table gets about 70 % of the width from the start; the size hints alone gave the
        # (mostly empty) detail panel half the page and hid the table's columns.
        splitter.setSizes([7000, 3000])
        self.body().addWidget(splitter, 1)

        self.search.textChanged.connect(self._search)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.order.currentIndexChanged.connect(self._order_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_member())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_member)
        for widget, slot in ((self.table, self.delete_member), (self.timeline, self.delete_event)):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), widget, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail: MemberDetail | None = None
        self.member_dialog: MemberDialog | None = None
        self.event_dialog: EventDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.deleted_row: MemberRow | None = None  # selected in the "Đã xóa" list
        self._select_after_load: uuid.UUID | None = None
        self._filter()
        self._update_actions()

    # --- table ----------------------------------------------------------------------------------

    def _name_key(self, row: MemberRow) -> tuple:
        return full_name_sort_key(row.full_name) if self.full_name_order else name_sort_key(row.full_name)

    def _order_changed(self) -> None:
        self.full_name_order = bool(self.order.currentData())
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.model.invalidate_sort_keys()

    def _search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _filter(self) -> None:
        key = self.status_filter.currentData()
        self.proxy.set_extra_filter(None if key == "all" else lambda r: r.matches(key))
        self._update_count()

    def _update_count(self) -> None:
        total = sum(1 for r in self.model.records if not r.deleted)
        self.count_label.setText(self.tr("%1 of %2 members").replace("%1", str(self.proxy.rowCount()))
                                 .replace("%2", str(total)))

    def refresh(self) -> None:
        self.read(lambda store: roster.list_members(store, include_deleted=True)).success(self._loaded).run()

    def _loaded(self, rows: list[MemberRow]) -> None:
        current = self._select_after_load or (self.detail.id if self.detail else None) \
            or (self.deleted_row.id if self.deleted_row else None)
        self._select_after_load = None
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self._update_count()
        if current is None or not self.select_member(current):
            self._clear_detail()

    def _clear_detail(self) -> None:
        """Nothing selected (e.g. the member shown was just deleted or restored out of this list)."""
        self.table.setCurrentIndex(QModelIndex())
        self.detail = None
        self.deleted_row = None
        self.detail_name.clear()
        self.detail_info.setText(self.tr("Select a member to see their record and history."))
        self.timeline.clear()
        self.restore_button.hide()
        self._update_actions()

    def _update_actions(self) -> None:
        """Edit, record and delete act on the member shown: with none shown they are greyed, not dead."""
        for action in (self.edit_button, self.event_button, self.delete_button):
            action.setEnabled(self.detail is not None)

    def select_member(self, member_id: uuid.UUID) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).id == member_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def show_target(self, target: Target) -> None:
        """An overview item: the import wizard for a new cell, or a member's record."""
        if target.action is Action.IMPORT_MEMBERS:
            self.import_file()
        elif target.record_id is not None:
            self.search.clear()  # a search typed earlier must not hide the member asked for
            if self.select_member(target.record_id):
                return
            if any(r.id == target.record_id for r in self.model.records):  # hidden by the status filter
                self.status_filter.setCurrentIndex(self.status_filter.findData("all"))
                self.select_member(target.record_id)
            else:
                self._select_after_load = target.record_id  # the list is still loading: chosen when it arrives

    def current_row(self) -> MemberRow | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(RECORD_ROLE) if current.isValid() else None
        if record is None:
            return
        if record.deleted:
            self._show_deleted(record)
            return
        self.read(lambda store: roster.get_member(store, record.id)).success(self._show_detail).run()

    def _show_deleted(self, row: MemberRow) -> None:
        self.detail = None
        self.deleted_row = row
        self.detail_name.setText(row.full_name)
        self.detail_info.setText(self.tr("This member's record was deleted. Press “Restore this member” to "
                                         "bring it back with its whole history."))
        self.timeline.clear()
        self.restore_button.show()
        self._update_actions()

    def _show_detail(self, detail: MemberDetail) -> None:
        current = self.current_row()
        if current is not None and current.id != detail.id:
            return  # the selection moved on while this was loading
        self.detail = detail
        self.deleted_row = None
        self.restore_button.hide()
        self._update_actions()
        self.detail_name.setText(detail.data.full_name)
        lines = [self.tr("Status: %1").replace("%1", detail.status)]
        for label, value in ((self.tr("Position: %1"), detail.data.position),
                             (self.tr("Party card number: %1"), detail.data.card_number),
                             (self.tr("Phone: %1"), detail.data.phone)):
            if value:
                lines.append(label.replace("%1", value))
        if detail.party_age:
            lines.append(self.tr("Party age: %1").replace("%1", detail.party_age))
        if detail.next_badge:
            lines.append(detail.next_badge)
        if detail.dues_exempt_by_age:
            lines.append(self.tr("Exempt from dues (50 years of party age)"))
        lines.extend(f"⚠ {problem}" for problem in detail.problems)
        self.detail_info.setText("\n".join(lines))
        self._load_dues(detail.id)
        self.timeline.clear()
        for event in reversed(detail.events):
            text = f"{event.event_date:%d/%m/%Y} — {event.label}"
            if event.end_date:
                text += self.tr(" (until %1)").replace("%1", f"{event.end_date:%d/%m/%Y}")
            extra = " · ".join(x for x in (event.detail if event.kind != "discipline" else "", event.reason,
                                            event.decision_ref) if x)
            item = QListWidgetItem(text + (f"\n    {extra}" if extra else ""))
            item.setData(Qt.ItemDataRole.UserRole, event)
            self.timeline.addItem(item)

    def _load_dues(self, member_id: uuid.UUID) -> None:
        """The member's dues this year under the details (services.dues), loaded after them."""
        year = dt.date.today().year
        self.read(lambda store: dues.member_history(store, member_id, year)).success(self._show_dues) \
            .failure(lambda error: log.warning("dues of the member not shown: %s", error)).run()

    def _show_dues(self, history: dues.MemberDuesHistory) -> None:
        if self.detail is None or history.row is None or history.row.member_id != self.detail.id:
            return
        row = history.row
        text = self.tr("Dues %1: paid %2, owed %3").replace("%1", str(row.cells[0].month.year)) \
            .replace("%2", vnd(row.paid)).replace("%3", vnd(row.owed))
        unpaid = [f"{c.month:%m}" for c in row.cells if c.owed]
        if unpaid:
            text += self.tr(" (months %1)").replace("%1", ", ".join(unpaid))
        self.detail_info.setText("\n".join([self.detail_info.text(), text, *history.basis, *history.decisions]))

    def dues_member(self) -> tuple[uuid.UUID, str] | None:
        """The member whose dues dialogs the "Dues…" button opens: the one in the detail panel."""
        return (self.detail.id, self.detail.data.full_name) if self.detail is not None else None

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Change.MEMBER | Change.EVENT | Change.DUES):
            self.refresh_when_shown()

    # --- edits (each undoable) ------------------------------------------------------------------

    def add_member(self) -> None:
        self.member_dialog = MemberDialog(None, self)
        self.member_dialog.accepted.connect(lambda: self.create_member(self.member_dialog.data()))
        self.member_dialog.open()

    def create_member(self, data: MemberData | None) -> None:
        if data is None:
            return

        def done(member_id: uuid.UUID) -> None:
            self._select_after_load = member_id
            self.undo_stack.push(ServiceCommand(
                self.tr("add %1").replace("%1", data.full_name),
                lambda store: roster.restore_member(store, member_id),
                lambda store: roster.delete_member(store, member_id), self.run_step))

        self.write(lambda store: roster.create_member(store, data)).success(done).run()

    def edit_member(self) -> None:
        if self.detail is None:
            return
        member_id = self.detail.id
        self.member_dialog = MemberDialog(self.detail.data, self, ctx=self.ctx, detail=self.detail)
        self.member_dialog.accepted.connect(
            lambda: self.save_member(member_id, self.member_dialog.data()))
        self.member_dialog.open()

    def save_member(self, member_id: uuid.UUID, data: MemberData | None) -> None:
        if data is None:
            return

        def done(before: MemberData) -> None:
            if before != data:
                self.undo_stack.push(ServiceCommand(
                    self.tr("edit %1").replace("%1", data.full_name),
                    lambda store: roster.update_member(store, member_id, data),
                    lambda store: roster.update_member(store, member_id, before), self.run_step))

        self.write(lambda store: roster.update_member(store, member_id, data)).success(done).run()

    def record_event(self) -> None:
        if self.detail is None:
            return
        member_id = self.detail.id
        self.event_dialog = EventDialog(self.detail.data.full_name, self)
        self.event_dialog.accepted.connect(
            lambda: self.add_event(member_id, self.event_dialog.data()))
        self.event_dialog.open()

    def add_event(self, member_id: uuid.UUID, data: EventInput | None) -> None:
        if data is None:
            return

        def done(event_id: uuid.UUID) -> None:
            self.undo_stack.push(ServiceCommand(
                self.tr("record event"), lambda store: roster.restore_event(store, event_id),
                lambda store: roster.remove_event(store, event_id), self.run_step))

        self.write(lambda store: roster.add_event(store, member_id, data)).success(done).run()

    # --- deleting (asks once; a soft delete that syncs as a tombstone; undoable) ----------------------

    def delete_member(self) -> None:
        if self.detail is None:
            return
        member_id, name = self.detail.id, self.detail.data.full_name
        self.confirm(
            self.tr("Delete member"),
            self.tr("Delete party member %1 from the roster?\n\nThe record is not lost: you can restore it "
                    "with Undo (Ctrl+Z), or later by choosing “Deleted” under Show.").replace("%1", name),
            self.tr("Delete"), lambda: self._set_member_deleted(member_id, name, True))

    def restore_member(self) -> None:
        if self.deleted_row is not None:
            self._set_member_deleted(self.deleted_row.id, self.deleted_row.full_name, False)

    def _set_member_deleted(self, member_id: uuid.UUID, name: str, deleted: bool) -> None:
        delete: Job = lambda store: roster.delete_member(store, member_id)  # noqa: E731
        restore: Job = lambda store: roster.restore_member(store, member_id)  # noqa: E731
        text = self.tr("delete %1") if deleted else self.tr("restore %1")
        self.run_undoable(self.undo_stack, text.replace("%1", name), delete if deleted else restore,
                          restore if deleted else delete)

    def current_event(self):
        item = self.timeline.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def delete_event(self) -> None:
        event = self.current_event()
        if self.detail is None or event is None:
            return
        name = self.detail.data.full_name
        self.confirm(
            self.tr("Delete event"),
            self.tr("Delete the event “%1 — %2” from the history of %3?\n\nYou can bring it back with Undo "
                    "(Ctrl+Z).").replace("%1", f"{event.event_date:%d/%m/%Y}").replace("%2", event.label)
            .replace("%3", name),
            self.tr("Delete"), lambda: self._remove_event(event.id))

    def _remove_event(self, event_id: uuid.UUID) -> None:
        self.run_undoable(self.undo_stack, self.tr("delete event"),
                          lambda store: roster.remove_event(store, event_id),
                          lambda store: roster.restore_event(store, event_id))

    # --- files ------------------------------------------------------------------------------------

    def import_file(self) -> None:
        self.import_dialog = ImportDialog(self.ctx, self)
        self.import_dialog.open()

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the roster"), str(Path.home() / "danh-sach-dang-vien.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv);;Word (*.docx);;PDF (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        self.read(lambda store: export_roster(store, path)).progress(self.tr("Exporting the roster…")).run()
