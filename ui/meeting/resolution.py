"""Step 4, Nghị quyết: the votes (base and threshold computed, the arithmetic shown) and the resolution or
conclusion drafted from the minutes, edited, numbered from the register.

A vote is recorded by its counts or by name (who voted how, listed in the minutes; not for a secret
ballot, which has no names). A vote recorded by mistake is deleted (asks once) and Ctrl+Z brings it back."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from secretary_app.changes import OpResult
from secretary_app.services import admissions as adm
from secretary_app.services import meeting_attendance as att
from secretary_app.services import meeting_cycle as cycle
from secretary_app.services import resolutions as rs
from secretary_app.services import votes as vt
from secretary_app.services.meeting_attendance import AttendanceSheet
from ui import ops
from ui.confirm import ask
from ui.context import AppContext
from ui.meeting.named_vote import NamedVoteDialog
from ui.sizing import ElidingComboBox
from ui.tasks import user_message
from ui.undo import Job, ServiceCommand

if TYPE_CHECKING:
    from secretary_app.store import Store

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


@dataclass(frozen=True)
class VoteData:
    """What the step shows besides the meeting: the vote base, the votes, the resolution (read on the worker)."""

    base: vt.BaseBreakdown
    votes: list[vt.VoteRow]
    resolution: rs.ResolutionView | None


def vote_data(store: Store, meeting_id: uuid.UUID) -> VoteData:
    return VoteData(vt.vote_base(store, meeting_id), vt.list_votes(store, meeting_id),
                    rs.get_resolution(store, meeting_id))


# Where each kind of decision is taken in the standard agenda (documents.md §5.3): members' admission and
# status under Party building, the rest with the closing vote on the resolution.
_KIND_STEPS = {"admission": "party_building", "recognition": "party_building", "removal": "party_building",
               "discipline": "party_building", "expulsion": "party_building", "resolution": "vote"}


# The decision's wording once a person is chosen (Vietnamese: it goes into the minutes as typed).
_PERSON_SUBJECTS = {"admission": "Đề nghị kết nạp quần chúng %1 vào Đảng",
                    "recognition": "Đề nghị công nhận đồng chí %1 là đảng viên chính thức",
                    "removal": "Đề nghị xóa tên đảng viên dự bị %1"}


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
        self.kind = ElidingComboBox()  # filled by load(): each kind with the threshold in force on the meeting day
        self.yes, self.no, self.abstain = QSpinBox(), QSpinBox(), QSpinBox()
        for spin in (self.yes, self.no, self.abstain):
            spin.setRange(0, 999)
        form.addRow(self.tr("Decision"), self.subject)
        form.addRow(self.tr("Kind"), self.kind)
        # The agenda item the vote belongs to: the minutes print it under that item (documents.md §3.8).
        self.agenda_item = ElidingComboBox()
        form.addRow(self.tr("Agenda item"), self.agenda_item)
        self.kind.currentIndexChanged.connect(lambda _: self._suggest_agenda_item())
        # Admission, recognition and removal decide on one person: the admissions page reads the result.
        self.person = QComboBox()
        self.person.setToolTip(self.tr("The candidate or probationary member this vote is about."))
        form.addRow(self.tr("Person"), self.person)
        form.setRowVisible(self.person, False)
        self.kind.currentIndexChanged.connect(lambda _: self._load_people())
        self.person.currentIndexChanged.connect(lambda _: self._person_chosen())
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

    def load(self, detail: cycle.MeetingDetail, data: VoteData) -> None:
        meeting_id, read_only = detail.id, detail.read_only
        if meeting_id != self.meeting_id:
            self.undo_stack.clear()  # an undo belongs to the meeting it was made in
        self.meeting_id = meeting_id
        base = data.base
        self.base_label.setText(self.tr("Vote base: %1; official members present and voting: %2")
                                .replace("%1", base.explanation()).replace("%2", str(base.eligible_present)))
        self._show_votes(data.votes)
        self._fill_kinds(detail.planned_at.date())
        self._show_agenda(detail.agenda)
        if _DEFAULT_SUBJECT.fullmatch(self.subject.text().strip()):
            # The meeting's own month (documents.md §4); a subject the secretary typed is kept.
            self.subject.setText(rs.default_vote_subject(detail.planned_at.date(), self.doc_type.currentData() or "NQ"))
        self._show(data.resolution)
        for w in (self.vote_button, self.draft_button, self.save_button, self.issue_button, self.kind,
                  self.doc_type, self.agenda_item):
            w.setEnabled(not read_only)
        for line in (self.res_subject, self.signer, self.subject):
            line.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        self.read_only = read_only
        self._update_method()
        self._update_vote_buttons()
        self._load_people()

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

    # --- the person an admission / recognition / removal vote is about ------------------------------

    def _load_people(self) -> None:
        """Who the chosen kind of vote may be about (on the worker); the row shows only for those kinds."""
        kind = self.kind.currentData()
        if kind not in _PERSON_SUBJECTS:
            self._vote_form.setRowVisible(self.person, False)
            self.person.clear()
            return
        ops.read(self.ctx, self, lambda store: (kind, adm.vote_choices(store, kind))).success(self._show_people) \
            .failure(lambda exc: self.result.setText(user_message(exc))).run()

    def _show_people(self, result: tuple[str, list[adm.Choice]]) -> None:
        kind, choices = result
        if kind != self.kind.currentData():
            return  # the kind changed again while this was loading
        blocked = self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("(no one chosen)"), None)
        for choice in choices:
            self.person.addItem(f"{choice.full_name} — {choice.stage}", choice.id)
        self.person.blockSignals(blocked)
        self._vote_form.setRowVisible(self.person, True)
        if len(choices) == 1:
            self.person.setCurrentIndex(1)

    def person_id(self) -> uuid.UUID | None:
        return self.person.currentData() if self.kind.currentData() in _PERSON_SUBJECTS else None

    def choose_person(self, candidate_id: uuid.UUID) -> bool:
        for index in range(self.person.count()):
            if self.person.itemData(index) == candidate_id:
                self.person.setCurrentIndex(index)
                return True
        return False

    def _person_chosen(self) -> None:
        """Write the usual wording of the decision with the person's name (the secretary may change it)."""
        if self.person.currentData() is None or self.read_only:
            return
        name = self.person.currentText().split(" — ")[0]
        self.subject.setText(_PERSON_SUBJECTS[self.kind.currentData()].replace("%1", name))

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

    def select_vote(self, vote_id: uuid.UUID | None) -> None:
        """Select a recorded vote in the list (a finding of the consistency check points here)."""
        for index, row in enumerate(self.vote_rows):
            if row.id == vote_id:
                self.votes.setCurrentRow(index)
                self.votes.setFocus()
                return

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
        self.res_subject.setCursorPosition(0)  # a long subject shows its beginning, not its last words
        self.signer.setText(view.signer_name)
        self.body.setPlainText(sections_to_text(view.sections))
        self.number_label.setText(f"Số {view.symbol}" if view.symbol else self.tr("not numbered yet"))

    def record_vote(self) -> None:
        assert self.meeting_id is not None
        if self.by_name.isChecked():
            self.open_named_vote()
            return
        mid, subject, kind = self.meeting_id, self.subject.text(), self.kind.currentData()
        counts, item, person = (self.yes.value(), self.no.value(), self.abstain.value()), \
            self.agenda_item.currentData(), self.person_id()
        ops.write(self.ctx, self, lambda store: vt.record_vote(store, mid, subject, kind, *counts, agenda_item_id=item,
                                                               candidate_id=person)) \
            .success(self._recorded).failure(self._vote_failed).run()

    def _vote_failed(self, exc: Exception) -> None:
        self.result.setText(user_message(exc))

    def _recorded(self, row: vt.VoteRow) -> None:
        self.result.setText(row.explanation + (f"\n{row.attendance_warning}" if row.attendance_warning else ""))
        self.changed.emit()  # the workspace reloads the step, so the list shows the stored votes
        if row.candidate_id is not None:  # the hub told the admissions page and the overview (Change.ADMISSION)
            self._load_people()

    # --- by name ----------------------------------------------------------------------------------

    def open_named_vote(self) -> None:
        """Ask the attendance sheet who may vote (on the worker), then show the ballots to fill in."""
        if not self.subject.text().strip():
            self.result.setText(self.tr("Write what is being voted on first."))
            return
        mid = self.meeting_id
        assert mid is not None
        ops.read(self.ctx, self, lambda store: att.attendance_sheet(store, mid)).success(self._show_named_dialog) \
            .failure(self._vote_failed).run()

    def _show_named_dialog(self, sheet: AttendanceSheet) -> None:
        subject, kind, item = self.subject.text().strip(), self.kind.currentData(), self.agenda_item.currentData()
        person = self.person_id()
        dialog = NamedVoteDialog(sheet, subject, kind, self)
        dialog.accepted.connect(lambda: self._save_named(subject, kind, dialog.ballots(), item, person))
        self.named_dialog = dialog  # kept so tests (and the window) can find it
        dialog.open()

    def _save_named(self, subject: str, kind: str, ballots: dict[uuid.UUID, str],
                    item: uuid.UUID | None = None, person: uuid.UUID | None = None) -> None:
        mid = self.meeting_id
        assert mid is not None
        ops.write(self.ctx, self,
                  lambda store: vt.record_named_vote(store, mid, subject, kind, ballots, agenda_item_id=item,
                                                     candidate_id=person)) \
            .success(self._recorded).failure(self._vote_failed).run()

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
        delete: Job = lambda store: vt.delete_vote(store, row.id)  # noqa: E731
        restore: Job = lambda store: vt.restore_vote(store, row.id)  # noqa: E731

        def done(_value: None) -> None:
            self.undo_stack.push(ServiceCommand(self.tr("delete vote %1").replace("%1", row.subject), delete,
                                                restore, self._run_and_reload))
            self.result.setText(self.tr("Vote deleted. Undo (Ctrl+Z) brings it back."))
            self.changed.emit()

        ops.write(self.ctx, self, delete).success(done).failure(self._vote_failed).run()

    def _undo(self) -> None:
        if not self.read_only and self._can_undo:
            self.undo_stack.undo()

    def _redo(self) -> None:
        if not self.read_only and self.undo_stack.canRedo():
            self.undo_stack.redo()

    def _run_and_reload(self, job: Job) -> None:
        """An undo or redo step: the service call on the worker, then the step and the workspace reload."""
        ops.write(self.ctx, self, job).success(lambda _: self.changed.emit()).failure(self._vote_failed).run()

    def _message_error(self, exc: Exception) -> None:
        self.message.setText(user_message(exc))

    def draft(self) -> None:
        mid, doc_type = self.meeting_id, self.doc_type.currentData()
        assert mid is not None

        def drafted(view: rs.ResolutionView) -> None:
            self._show(view)
            self.message.setText(self.tr("Drafted from the minutes; read it through and edit before numbering."))

        ops.write(self.ctx, self, lambda store: rs.draft_resolution(store, mid, doc_type)).success(drafted) \
            .failure(self._message_error).run()

    def _edited(self) -> Callable[[Store], OpResult[rs.ResolutionView]] | None:
        """The service call saving what is typed, or None (with the reason shown) before a draft exists."""
        if self.resolution is None:
            self.message.setText(self.tr("Draft the resolution first."))
            return None
        resolution_id, subject = self.resolution.id, self.res_subject.text()
        sections, signer = text_to_sections(self.body.toPlainText()), self.signer.text()
        return lambda store: rs.update_resolution(store, resolution_id, subject=subject, sections=sections,
                                                  signer_name=signer)

    def save(self) -> None:
        save = self._edited()
        if save is not None:
            ops.write(self.ctx, self, save).success(self._show).failure(self._message_error).run()

    def issue(self) -> None:
        """Save what is typed, then give it the next number of the register (two calls, one job: a refused
        number keeps the text saved)."""
        save = self._edited()
        if save is None:
            return

        def save_and_issue(store: Store) -> OpResult[rs.ResolutionView]:
            saved = save(store)
            issued = rs.issue_resolution(store, saved.value.id)
            return OpResult(issued.value, saved.changes | issued.changes)

        def issued(view: rs.ResolutionView) -> None:
            self._show(view)
            self.message.setText(self.tr("Numbered %1 in the register.").replace("%1", view.symbol))
            self.changed.emit()

        ops.write(self.ctx, self, save_and_issue).success(issued).failure(self._message_error).run()
