"""Step 4, Nghị quyết: the votes (base and threshold computed, the arithmetic shown) and the resolution or
conclusion drafted from the minutes, edited, numbered from the register."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import resolutions as rs
from secretary_app.services import votes as vt
from ui.context import AppContext
from ui.tasks import user_message


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


class ResolutionStep(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: uuid.UUID | None = None
        self.resolution: rs.ResolutionView | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Votes")))
        self.base_label = QLabel()
        self.base_label.setWordWrap(True)
        left.addWidget(self.base_label)
        form = QFormLayout()
        self.subject = QLineEdit()
        self.kind = QComboBox()
        for kind, label in vt.DECISION_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.yes, self.no, self.abstain = QSpinBox(), QSpinBox(), QSpinBox()
        for spin in (self.yes, self.no, self.abstain):
            spin.setRange(0, 999)
        form.addRow(self.tr("Decision"), self.subject)
        form.addRow(self.tr("Kind"), self.kind)
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
        left.addWidget(self.votes, 1)
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

    def load(self, meeting_id: uuid.UUID, read_only: bool) -> None:
        self.meeting_id = meeting_id
        base = vt.vote_base(self.ctx.store, meeting_id)
        self.base_label.setText(self.tr("Vote base: %1; official members present and voting: %2")
                                .replace("%1", base.explanation()).replace("%2", str(base.eligible_present)))
        self.votes.clear()
        for v in vt.list_votes(self.ctx.store, meeting_id):
            self.votes.addItem(f"{v.subject}: {v.explanation}")
        if not self.subject.text():
            self.subject.setText("Thông qua nghị quyết tháng")
        self._show(rs.get_resolution(self.ctx.store, meeting_id))
        for w in (self.vote_button, self.draft_button, self.save_button, self.issue_button, self.yes, self.no,
                  self.abstain, self.kind, self.doc_type):
            w.setEnabled(not read_only)
        for w in (self.res_subject, self.signer, self.subject):
            w.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        self.read_only = read_only

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
        try:
            row, _ = vt.record_vote(self.ctx.store, self.meeting_id, self.subject.text(), self.kind.currentData(),
                                    self.yes.value(), self.no.value(), self.abstain.value())
        except Exception as exc:
            self.result.setText(user_message(exc))
            return
        self.result.setText(row.explanation + (f"\n{row.attendance_warning}" if row.attendance_warning else ""))
        self.votes.addItem(f"{row.subject}: {row.explanation}")
        self.changed.emit()

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
