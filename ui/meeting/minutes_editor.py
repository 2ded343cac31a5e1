"""Step 3, Biên bản: the live minutes editor. Per agenda item: presenter, gist, speakers in order (type the
name, Tab, the opinion, Enter: the next speaker), the chair's conclusion; and the tasks assigned.

Nothing typed is lost: what is typed is saved within ``Settings.autosave_seconds`` (2 s by default, set
on the Cài đặt page), off the GUI thread, through the same service the crash test drives
(``minutes.autosave_minutes``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import minutes as mn
from ui import ops
from ui.context import AppContext
from ui.sizing import fit_placeholder
from ui.tables import fit_rows
from ui.tasks import user_message


def autosave_interval_ms(seconds: int) -> int:
    """The timer's tick for "saved within ``seconds``": three quarters of it, leaving the rest for the
    write itself (2 s → a tick every 1.5 s)."""
    return max(500, int(seconds * 750))


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


class MinutesEditor(QWidget):
    saved = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: uuid.UUID | None = None
        self.read_only = False
        self._drafts: list[mn.ItemDraft] = []
        self._titles: list[str] = []
        self._current = -1
        self._dirty = False
        self._saving = False
        self._loading = False
        layout = QHBoxLayout(self)
        self.items = QListWidget()
        self.items.setMaximumWidth(330)
        self.items.setWordWrap(True)
        layout.addWidget(self.items, 1)
        right = QVBoxLayout()
        self.item_title = QLabel()
        self.item_title.setObjectName("sectionTitle")
        self.item_title.setWordWrap(True)
        right.addWidget(self.item_title)
        form = QFormLayout()
        self.presenter = QLineEdit()
        self.gist = QPlainTextEdit()
        self.gist.setMaximumHeight(90)
        form.addRow(self.tr("Presenter"), self.presenter)
        form.addRow(self.tr("Gist"), self.gist)
        right.addLayout(form)
        self.speeches = QTableWidget(0, 2)
        self.speeches.setHorizontalHeaderLabels([self.tr("Speaker"), self.tr("Opinion")])
        self.speeches.horizontalHeader().setStretchLastSection(True)
        # The speaker's column is as wide as its header and the names in it: never "ười phát bi".
        self.speeches.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.speeches.verticalHeader().setVisible(False)
        fit_rows(self.speeches)  # a long opinion wraps onto more lines of its row, never cut
        right.addWidget(self.speeches, 1)
        entry = QHBoxLayout()
        self.speaker = QLineEdit()
        self.speaker.setPlaceholderText(self.tr("Speaker's name"))
        fit_placeholder(self.speaker)
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("Their opinion — Enter adds the next speaker"))
        fit_placeholder(self.opinion)
        entry.addWidget(self.speaker, 1)
        entry.addWidget(self.opinion, 3)
        right.addLayout(entry)
        self.conclusion = QPlainTextEdit()
        self.conclusion.setMaximumHeight(70)
        form2 = QFormLayout()
        form2.addRow(self.tr("Chair's conclusion"), self.conclusion)
        right.addLayout(form2)
        right.addWidget(QLabel(self.tr("Tasks assigned (what, who, deadline dd/mm/yyyy):")))
        self.tasks = QTableWidget(0, 3)
        self.tasks.setHorizontalHeaderLabels([self.tr("Task"), self.tr("Owner"), self.tr("Deadline")])
        tasks_header = self.tasks.horizontalHeader()
        tasks_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the task's wording gets the room
        for column in (1, 2):
            tasks_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tasks.setMaximumHeight(130)
        fit_rows(self.tasks)  # a task's wording wraps onto more lines of its row, never cut
        right.addWidget(self.tasks)
        self.status = QLabel()
        right.addWidget(self.status)
        layout.addLayout(right, 3)

        self.items.currentRowChanged.connect(self._select)
        self.speaker.returnPressed.connect(self.opinion.setFocus)
        self.opinion.returnPressed.connect(self.add_speech)
        # Ctrl+S saves at once, as in a word processor (the autosave runs every few seconds anyway).
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # The speaker and opinion being typed count too: saved even before Enter confirms them.
        for w in (self.presenter, self.speaker, self.opinion):
            w.textChanged.connect(self._touch)
        for box in (self.gist, self.conclusion):
            box.textChanged.connect(self._touch)
        self.speeches.itemChanged.connect(self._touch)
        self.tasks.itemChanged.connect(self._tasks_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_interval_ms(ctx.settings.autosave_seconds))
        self.timer.timeout.connect(self.autosave)

    # --- loading ---------------------------------------------------------------------------------

    def load(self, view: mn.MinutesView) -> None:
        self._loading = True
        self.meeting_id = view.meeting_id
        self._notes = view.notes
        self.read_only = view.read_only
        self._drafts = [mn.ItemDraft(i.id, i.presenter, i.gist, i.conclusion, i.speeches) for i in view.items]
        self._titles = [i.title for i in view.items]
        self.items.clear()
        for n, title in enumerate(self._titles, start=1):
            self.items.addItem(f"{n}. {title}")
        self.tasks.setRowCount(0)
        for t in view.tasks:
            self._add_task_row(t.content, t.owner, t.deadline.strftime("%d/%m/%Y") if t.deadline else "")
        if not view.read_only:
            self._add_task_row("", "", "")
        self._current = -1
        for w in (self.presenter, self.speaker, self.opinion):
            w.setReadOnly(view.read_only)
        for box in (self.gist, self.conclusion):
            box.setReadOnly(view.read_only)
        trigger = QTableWidget.EditTrigger
        edit = trigger.NoEditTriggers if view.read_only else (trigger.DoubleClicked | trigger.EditKeyPressed
                                                              | trigger.AnyKeyPressed)
        self.speeches.setEditTriggers(edit)
        self.tasks.setEditTriggers(edit)
        self._loading = False
        self.items.setCurrentRow(0 if self._drafts else -1)
        self._dirty = False
        self.status.setText(self.tr("Finalised: read-only.") if view.read_only else "")
        if view.read_only:
            self.timer.stop()
        else:
            self.timer.start(autosave_interval_ms(self.ctx.settings.autosave_seconds))

    def _add_task_row(self, content: str, owner: str, deadline: str) -> None:
        was = self._loading
        self._loading = True
        row = self.tasks.rowCount()
        self.tasks.insertRow(row)
        for c, text in enumerate((content, owner, deadline)):
            self.tasks.setItem(row, c, QTableWidgetItem(text))
        self._loading = was

    def _select(self, row: int) -> None:
        if self._current >= 0:
            self._capture()
        self._current = row
        if row < 0 or row >= len(self._drafts):
            return
        d = self._drafts[row]
        self._loading = True
        self.item_title.setText(f"{row + 1}. {self._titles[row]}")
        self.presenter.setText(d.presenter)
        self.gist.setPlainText(d.gist)
        self.conclusion.setPlainText(d.conclusion)
        self.speeches.setRowCount(0)
        for s in d.speeches:
            self._append_speech_row(s.speaker_name, s.opinion)
        self._loading = False

    def select_speech(self, item_id: uuid.UUID | None, position: int) -> None:
        """Show an agenda item with one speech selected (``position`` 1 = its first speaker)."""
        index = next((i for i, d in enumerate(self._drafts) if d.item_id == item_id), -1)
        if index < 0:
            return
        self.items.setCurrentRow(index)
        self.speeches.selectRow(position - 1)
        self.speeches.setFocus()

    def select_task(self, position: int) -> None:
        """Select a row of the tasks table (0 = the first task)."""
        self.tasks.selectRow(position)
        self.tasks.setFocus()

    def _append_speech_row(self, name: str, opinion: str) -> None:
        row = self.speeches.rowCount()
        self.speeches.insertRow(row)
        self.speeches.setItem(row, 0, QTableWidgetItem(name))
        self.speeches.setItem(row, 1, QTableWidgetItem(opinion))

    # --- editing ---------------------------------------------------------------------------------

    def _touch(self, *_: object) -> None:
        if not self._loading:
            self._dirty = True

    def _tasks_changed(self, *_: object) -> None:
        if self._loading:
            return
        self._dirty = True
        last = self.tasks.rowCount() - 1
        if last < 0 or any(_cell_text(self.tasks, last, c).strip() for c in range(3)):
            self._add_task_row("", "", "")  # always one empty row to type the next task

    def add_speech(self) -> None:
        """Enter in the opinion box: record this speaker and move to the next one."""
        if self.read_only or self._current < 0:
            return
        name, opinion = self.speaker.text().strip(), self.opinion.text().strip()
        if not name and not opinion:
            return
        self._loading = True
        self._append_speech_row(name, opinion)
        self._loading = False
        self.speaker.clear()
        self.opinion.clear()
        self.speaker.setFocus()
        self._dirty = True

    def _capture(self) -> None:
        if not (0 <= self._current < len(self._drafts)):
            return
        speeches = []
        for r in range(self.speeches.rowCount()):
            name, opinion = _cell_text(self.speeches, r, 0), _cell_text(self.speeches, r, 1)
            speeches.append(mn.SpeechDraft(name, opinion))
        # A speaker typed but not yet confirmed with Enter is saved too: nothing typed is lost.
        if self.speaker.text().strip() or self.opinion.text().strip():
            speeches.append(mn.SpeechDraft(self.speaker.text(), self.opinion.text()))
        old = self._drafts[self._current]
        self._drafts[self._current] = mn.ItemDraft(old.item_id, self.presenter.text(), self.gist.toPlainText(),
                                                   self.conclusion.toPlainText(), tuple(speeches))

    def _task_drafts(self) -> tuple[mn.TaskDraft, ...]:
        out = []
        for r in range(self.tasks.rowCount()):
            cells = [_cell_text(self.tasks, r, c) for c in range(3)]
            if cells[0].strip():
                out.append(mn.TaskDraft(cells[0], cells[1], _parse_date(cells[2])))
        return tuple(out)

    def draft(self) -> mn.MinutesDraft:
        self._capture()
        return mn.MinutesDraft(tuple(self._drafts), tasks=self._task_drafts(), notes=self._notes)

    _notes = ""

    def autosave(self) -> None:
        """Timer tick: save if something changed and no save is already running."""
        interval = autosave_interval_ms(self.ctx.settings.autosave_seconds)
        if self.timer.interval() != interval:  # the setting was changed while the editor is open
            self.timer.setInterval(interval)
        if self.read_only or not self._dirty or self._saving or self.meeting_id is None:
            return
        self._save()

    def save_now(self) -> None:
        """Save at once (leaving the step, closing the window): queued on the worker before anything the
        caller queues next, so a reload that follows reads what was typed."""
        if self.read_only or self.meeting_id is None:
            return
        self._save()

    def _save(self) -> None:
        self._dirty = False
        self._saving = True
        draft, meeting_id = self.draft(), self.meeting_id
        assert meeting_id is not None
        ops.write(self.ctx, self, lambda store: mn.autosave_minutes(store, meeting_id, draft)) \
            .success(self._saved).failure(self._failed).run()

    def _saved(self, when: dt.datetime) -> None:
        self._saving = False
        local = when.astimezone().strftime("%H:%M:%S")
        self.status.setText(self.tr("Saved at %1").replace("%1", local))
        self.saved.emit(when)

    def _failed(self, error: Exception) -> None:
        self._saving = False
        self._dirty = True  # try again on the next tick; nothing is dropped
        self.status.setText(user_message(error))


def _cell_text(table: QTableWidget, row: int, column: int) -> str:
    """A cell's text; "" for a cell never filled in."""
    item = table.item(row, column)
    return item.text() if item is not None else ""
