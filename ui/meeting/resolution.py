"""Step 4, Nghị quyết: the votes (base and threshold computed, the arithmetic shown) and the resolution or
conclusion drafted from the minutes, edited, numbered from the register.

A vote is recorded by its counts or by name (who voted how, listed in the minutes; not for a secret
ballot, which has no names). A vote recorded by mistake is deleted (asks once) and Ctrl+Z brings it back."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import resolutions as rs
from secretary_app.services import votes as vt
from secretary_app.services.meeting_attendance import AttendanceSheet
from ui.confirm import ask
from ui.context import AppContext
from ui.meeting.named_vote import NamedVoteDialog
from ui.tasks import user_message
from ui.undo import Job, ServiceCommand

# An empty subject or one the page filled in itself: replaced by the open meeting's default.
_DEFAULT_SUBJECT = re.compile(r"(Thông qua (nghị quyết|kết luận) tháng( \d\d/\d{4})?)?")


def sections_to_text(sections: tuple[rs.Section, ...]) -> str:
    parts = []
    for s in sections:
        lines = ([s.heading] if s.heading else []) + list(s.paragraphs)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def text_to_sections(text: str) -> list[rs.Section]:
    """Blocks separated by a blank line; a first line in capitals ("I- …") is the section heading."""
    sections = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        heading = lines[0] if lines[0] == lines[0].upper() and "-" in lines[0][:6] else ""
        sections.append(rs.Section(heading, tuple(lines[1:] if heading else lines)))
    return sections


# Where each kind of decision is taken in the standard agenda (documents.md §5.3): members' admission and
# status under Party building, the rest with the closing vote on the resolution.
_KIND_STEPS = {"admission": "party_building", "recognition": "party_building", "removal": "party_building",
               "discipline": "party_building", "expulsion": "party_building", "resolution": "vote"}


class ResolutionStep(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: uuid.UUID | None = None
        self.resolution: rs.ResolutionView | None = None
        self.read_only = False
        self.vote_rows: list[vt.VoteRow] = []
        self.agenda_steps: dict[uuid.UUID, str] = {}  # agenda item id → its procedure step
        self.named_dialog: NamedVoteDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.undo_stack = QUndoStack(self)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Votes")))
        self.base_label = QLabel()
        self.base_label.setWordWrap(True)
        left.addWidget(self.base_label)
        form = QFormLayout()
        self._vote_form = form
        self.subject = QLineEdit()
        self.kind = QComboBox()  # filled by load(): each kind with the threshold in force on the meeting day
        self.yes, self.no, self.abstain = QSpinBox(), QSpinBox(), QSpinBox()
        for spin in (self.yes, self.no, self.abstain):
            spin.setRange(0, 999)
        form.addRow(self.tr("Decision"), self.subject)
        form.addRow(self.tr("Kind"), self.kind)
        # The agenda item the vote belongs to: the minutes print it under that item (documents.md §3.8).
        self.agenda_item = QComboBox()
        self.agenda_item.setToolTip(self.tr("The minutes list the vote under this item of the agenda."))
        form.addRow(self.tr("Agenda item"), self.agenda_item)
        self.kind.currentIndexChanged.connect(lambda _: self._suggest_agenda_item())
        # How the vote is written down: the counts (as announced) or each member's ballot by name.
        method = QHBoxLayout()
        self.by_counts = QRadioButton(self.tr("Count the ballots"))
        self.by_name = QRadioButton(self.tr("Record each member"))
        self.by_counts.setChecked(True)
        self.method = QButtonGroup(self)
        for button in (self.by_counts, self.by_name):
            self.method.addButton(button)
            method.addWidget(button)
        method.addStretch(1)
        form.addRow(self.tr("Recorded by"), method)
        self.secret = QCheckBox(self.tr("Secret ballot"))
        form.addRow("", self.secret)
        self.secret_reason = QLabel(self.tr("A secret ballot has no names: enter the counted ballots."))
        self.secret_reason.setWordWrap(True)
        form.addRow("", self.secret_reason)
        self.kind.currentIndexChanged.connect(lambda _: self._update_method())
        self.secret.toggled.connect(lambda _: self._update_method())
        self.method.buttonToggled.connect(lambda *_: self._update_method())
        form.addRow(self.tr("In favour"), self.yes)
        form.addRow(self.tr("Against"), self.no)
        form.addRow(self.tr("Other opinion"), self.abstain)
        left.addLayout(form)
        self.vote_button = QPushButton(self.tr("Record vote"))
        self.vote_button.clicked.connect(self.record_vote)
        left.addWidget(self.vote_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("sectionTitle")
        left.addWidget(self.result)
        self.votes = QListWidget()
        self.votes.setWordWrap(True)
        self.votes.currentRowChanged.connect(lambda _: self._update_vote_buttons())
        left.addWidget(self.votes, 1)
        vote_actions = QHBoxLayout()
        self.delete_vote_button = QPushButton(self.tr("Delete vote"))
        self.delete_vote_button.setToolTip(self.tr("Delete the selected vote, recorded by mistake (Del)."))
        self.delete_vote_button.clicked.connect(self.delete_selected_vote)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Bring back the vote just deleted (Ctrl+Z)."))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_button.setEnabled(False)
        self._can_undo = False
        self.undo_stack.canUndoChanged.connect(self._on_can_undo)
        vote_actions.addWidget(self.delete_vote_button)
        vote_actions.addWidget(self.undo_button)
        vote_actions.addStretch(1)
        left.addLayout(vote_actions)
        # Del on the list only (in a text box it deletes text); Ctrl+Z anywhere in the step, except in a
        # text box, which keeps its own typing undo.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.votes, self.delete_selected_vote,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self._undo,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Y"), self, self._redo, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        head = QHBoxLayout()
        self.doc_type = QComboBox()
        self.doc_type.addItem(self.tr("Resolution (NQ)"), "NQ")
        self.doc_type.addItem(self.tr("Conclusion (KL)"), "KL")
        self.draft_button = QPushButton(self.tr("Draft from the minutes"))
        self.draft_button.clicked.connect(self.draft)
        head.addWidget(self.doc_type)
        head.addWidget(self.draft_button)
        right.addLayout(head)
        form2 = QFormLayout()
        self.res_subject = QLineEdit()
        self.signer = QLineEdit()
        self.number_label = QLabel()
        form2.addRow(self.tr("Subject"), self.res_subject)
        form2.addRow(self.tr("Signed T/M CHI BỘ by"), self.signer)
        form2.addRow(self.tr("Number"), self.number_label)
        right.addLayout(form2)
        self.body = QPlainTextEdit()
        right.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save resolution"))
        self.save_button.clicked.connect(self.save)
        self.issue_button = QPushButton(self.tr("Give it a number"))
        self.issue_button.clicked.connect(self.issue)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.issue_button)
        right.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("warning")
        right.addWidget(self.message)
        layout.addLayout(right, 3)

    def load(self, detail: cycle.MeetingDetail) -> None:
        meeting_id, read_only = detail.id, detail.read_only
        if meeting_id != self.meeting_id:
            self.undo_stack.clear()  # an undo belongs to the meeting it was made in
        self.meeting_id = meeting_id
        base = vt.vote_base(self.ctx.store, meeting_id)
        self.base_label.setText(self.tr("Vote base: %1; official members present and voting: %2")
                                .replace("%1", base.explanation()).replace("%2", str(base.eligible_present)))
        self._show_votes(vt.list_votes(self.ctx.store, meeting_id))
        self._fill_kinds(detail.planned_at.date())
        self._show_agenda(detail.agenda)
        if _DEFAULT_SUBJECT.fullmatch(self.subject.text().strip()):
            # The meeting's own month (documents.md §4); a subject the secretary typed is kept.
            self.subject.setText(rs.default_vote_subject(detail.planned_at.date(), self.doc_type.currentData() or "NQ"))
        self._show(rs.get_resolution(self.ctx.store, meeting_id))
        for w in (self.vote_button, self.draft_button, self.save_button, self.issue_button, self.kind,
                  self.doc_type, self.agenda_item):
            w.setEnabled(not read_only)
        for w in (self.res_subject, self.signer, self.subject):
            w.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        self.read_only = read_only
        self._update_method()
        self._update_vote_buttons()

    def _fill_kinds(self, day: dt.date) -> None:
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind, label in vt.decision_choices(day):
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.kind.blockSignals(False)

    def _show_agenda(self, agenda: tuple[cycle.AgendaRow, ...]) -> None:
        chosen = self.agenda_item.currentData()
        self.agenda_steps = {item.id: item.step for item in agenda}
        blocked = self.agenda_item.blockSignals(True)
        self.agenda_item.clear()
        for item in agenda:
            self.agenda_item.addItem(f"{item.position + 1}. {item.title}", item.id)
        self.agenda_item.blockSignals(blocked)
        if chosen in self.agenda_steps:  # a reload keeps the person's choice (findData can't match a UUID)
            self.agenda_item.setCurrentIndex([item.id for item in agenda].index(chosen))
        else:
            self._suggest_agenda_item()

    def _suggest_agenda_item(self) -> None:
        """The item of the agenda where this kind of decision is usually taken; else the last one."""
        if not self.agenda_item.count():
            return
        step = _KIND_STEPS.get(self.kind.currentData(), "vote")
        match = next((i for i in range(self.agenda_item.count())
                      if self.agenda_steps.get(self.agenda_item.itemData(i)) == step), self.agenda_item.count() - 1)
        self.agenda_item.setCurrentIndex(match)

    def _vote_text(self, row: vt.VoteRow) -> str:
        text = f"{row.subject}: {row.explanation}"
        return text + (" " + self.tr("(by name)") if row.ballots else "")

    def _show_votes(self, rows: list[vt.VoteRow]) -> None:
        self.vote_rows = rows
        self.votes.clear()
        for row in rows:
            item = QListWidgetItem(self._vote_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.votes.addItem(item)

    def _update_method(self) -> None:
        """By name is offered unless the meeting is read-only or the vote was a secret ballot, which the
        rules allow for some kinds only (admission, recognition, removal, discipline)."""
        may_be_secret = vt.may_be_secret(self.kind.currentData())
        self._vote_form.setRowVisible(self.secret, may_be_secret)
        secret = may_be_secret and self.secret.isChecked()
        if secret and self.by_name.isChecked():
            self.by_counts.setChecked(True)
        self._vote_form.setRowVisible(self.secret_reason, secret)
        self.by_name.setEnabled(not secret and not self.read_only)
        self.by_counts.setEnabled(not self.read_only)
        self.secret.setEnabled(not self.read_only)
        counted = self.by_counts.isChecked()
        for spin in (self.yes, self.no, self.abstain):
            spin.setEnabled(counted and not self.read_only)  # by name, the counts come from the ballots
        self.vote_button.setText(self.tr("Record vote") if counted else self.tr("Record vote by name…"))

    def _on_can_undo(self, can: bool) -> None:
        # Kept from the signal: the stack also signals while it is being destroyed with the step.
        self._can_undo = can
        self._update_vote_buttons()

    def _update_vote_buttons(self) -> None:
        self.delete_vote_button.setEnabled(not self.read_only and self.votes.currentRow() >= 0)
        self.undo_button.setEnabled(not self.read_only and self._can_undo)

    def _show(self, view: rs.ResolutionView | None) -> None:
        self.resolution = view
        if view is None:
            self.res_subject.clear()
            self.body.clear()
            self.number_label.setText(self.tr("not drafted yet"))
            return
        self.doc_type.setCurrentIndex(max(0, self.doc_type.findData(view.doc_type)))
        self.res_subject.setText(view.subject)
        self.signer.setText(view.signer_name)
        self.body.setPlainText(sections_to_text(view.sections))
        self.number_label.setText(f"Số {view.symbol}" if view.symbol else self.tr("not numbered yet"))

    def record_vote(self) -> None:
        assert self.meeting_id is not None
        if self.by_name.isChecked():
            self.open_named_vote()
            return
        try:
            row, _ = vt.record_vote(self.ctx.store, self.meeting_id, self.subject.text(), self.kind.currentData(),
                                    self.yes.value(), self.no.value(), self.abstain.value(),
                                    agenda_item_id=self.agenda_item.currentData())
        except Exception as exc:
            self.result.setText(user_message(exc))
            return
        self._recorded(row)

    def _recorded(self, row: vt.VoteRow) -> None:
        self.result.setText(row.explanation + (f"\n{row.attendance_warning}" if row.attendance_warning else ""))
        self.changed.emit()  # the workspace reloads the step, so the list shows the stored votes

    # --- by name ----------------------------------------------------------------------------------

    def open_named_vote(self) -> None:
        """Ask the attendance sheet who may vote (on the worker), then show the ballots to fill in."""
        if not self.subject.text().strip():
            self.result.setText(self.tr("Write what is being voted on first."))
            return
        store, mid = self.ctx.store, self.meeting_id
        assert mid is not None
        self.ctx.runner.run(lambda: att.attendance_sheet(store, mid), on_done=self._show_named_dialog,
                            on_error=lambda exc: self.result.setText(user_message(exc)))

    def _show_named_dialog(self, sheet: AttendanceSheet) -> None:
        subject, kind, item = self.subject.text().strip(), self.kind.currentData(), self.agenda_item.currentData()
        dialog = NamedVoteDialog(sheet, subject, kind, self)
        dialog.accepted.connect(lambda: self._save_named(subject, kind, dialog.ballots(), item))
        self.named_dialog = dialog  # kept so tests (and the window) can find it
        dialog.open()

    def _save_named(self, subject: str, kind: str, ballots: dict[uuid.UUID, str],
                    item: uuid.UUID | None = None) -> None:
        store, mid = self.ctx.store, self.meeting_id
        assert mid is not None
        self.ctx.runner.run(lambda: vt.record_named_vote(store, mid, subject, kind, ballots, agenda_item_id=item),
                            on_done=lambda result: self._recorded(result[0]),
                            on_error=lambda exc: self.result.setText(user_message(exc)))

    # --- deleting a vote recorded by mistake (asks once; Ctrl+Z brings it back) ------------------------

    def delete_selected_vote(self) -> None:
        index = self.votes.currentRow()
        if self.read_only or not 0 <= index < len(self.vote_rows):
            return
        row = self.vote_rows[index]
        self.confirm_box = ask(
            self, self.tr("Delete vote"),
            self.tr("Delete the vote “%1” (%2)?\n\nYou can bring it back with Undo (Ctrl+Z).")
            .replace("%1", row.subject).replace("%2", row.explanation),
            self.tr("Delete"), lambda: self._delete_vote(row), self.tr("Don't delete"))

    def _delete_vote(self, row: vt.VoteRow) -> None:
        store = self.ctx.store
        delete: Job = lambda: vt.delete_vote(store, row.id)  # noqa: E731
        restore: Job = lambda: vt.restore_vote(store, row.id)  # noqa: E731

        def done(_changes: object) -> None:
            self.undo_stack.push(ServiceCommand(self.tr("delete vote %1").replace("%1", row.subject), delete,
                                                restore, self._run_and_reload))
            self.result.setText(self.tr("Vote deleted. Undo (Ctrl+Z) brings it back."))
            self.changed.emit()

        self.ctx.runner.run(delete, on_done=done, on_error=lambda exc: self.result.setText(user_message(exc)))

    def _undo(self) -> None:
        if not self.read_only and self._can_undo:
            self.undo_stack.undo()

    def _redo(self) -> None:
        if not self.read_only and self.undo_stack.canRedo():
            self.undo_stack.redo()

    def _run_and_reload(self, job: Job) -> None:
        """An undo or redo step: the service call on the worker, then the step and the workspace reload."""
        self.ctx.runner.run(job, on_done=lambda _: self.changed.emit(),
                            on_error=lambda exc: self.result.setText(user_message(exc)))

    def draft(self) -> None:
        assert self.meeting_id is not None
        try:
            view, _ = rs.draft_resolution(self.ctx.store, self.meeting_id, self.doc_type.currentData())
        except Exception as exc:
            self.message.setText(user_message(exc))
            return
        self._show(view)
        self.message.setText(self.tr("Drafted from the minutes; read it through and edit before numbering."))

    def save(self) -> bool:
        if self.resolution is None:
            self.message.setText(self.tr("Draft the resolution first."))
            return False
        try:
            view, _ = rs.update_resolution(self.ctx.store, self.resolution.id, subject=self.res_subject.text(),
                                           sections=text_to_sections(self.body.toPlainText()),
                                           signer_name=self.signer.text())
        except Exception as exc:
            self.message.setText(user_message(exc))
            return False
        self._show(view)
        return True

    def issue(self) -> None:
        if not self.save():
            return
        assert self.resolution is not None
        try:
            view, _ = rs.issue_resolution(self.ctx.store, self.resolution.id)
        except Exception as exc:
            self.message.setText(user_message(exc))
            return
        self._show(view)
        self.message.setText(self.tr("Numbered %1 in the register.").replace("%1", view.symbol))
        self.changed.emit()
