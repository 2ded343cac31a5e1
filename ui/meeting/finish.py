"""Step 5, Hoàn tất: finalise (read-only, content hash shown and re-checked on open), amendments, export
and print of the programme, minutes, extract and resolution, and the term's minutes book."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretary_app.services import meeting_check as mc
from secretary_app.services import meeting_export as ex
from secretary_app.services import minutes as mn
from ui import ops
from ui.context import AppContext
from ui.launch import open_file
from ui.tasks import user_message


class FinishStep(QWidget):
    changed = Signal()
    exported = Signal(object)
    open_target = Signal(object)  # a finding's ``mc.Target``: the workspace opens that step and record

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: uuid.UUID | None = None
        self.export_folder: Path | None = None  # set by tests; otherwise a file dialog asks
        self.open_after_export = True
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("sectionTitle")
        layout.addWidget(self.state)
        self.integrity = QLabel()
        self.integrity.setObjectName("warning")
        self.integrity.setWordWrap(True)
        layout.addWidget(self.integrity)
        # The consistency check of the record, run on opening the step and by finalising.
        self.check_title = QLabel()
        self.check_title.setWordWrap(True)
        layout.addWidget(self.check_title)
        self.findings: tuple[mc.Finding, ...] = ()
        self.finding_buttons: list[QPushButton] = []
        self.findings_box = QWidget()
        self.findings_layout = QVBoxLayout(self.findings_box)
        self.findings_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.findings_box)
        self.finalise_button = QPushButton(self.tr("Finalise minutes and resolution"))
        self.finalise_button.setObjectName("primary")
        self.finalise_button.clicked.connect(self.finalise)
        layout.addWidget(self.finalise_button)
        grid = QGridLayout()
        docs = [("agenda", self.tr("Programme")), ("minutes", self.tr("Minutes")),
                ("extract", self.tr("Extract of minutes")), ("resolution", self.tr("Resolution"))]
        for row, (kind, label) in enumerate(docs):
            grid.addWidget(QLabel(label), row, 0)
            for col, fmt in enumerate(("docx", "pdf"), start=1):
                # "Xuất Word" / "Xuất PDF": the names people know, never the file extension.
                button = QPushButton(self.tr("Save as Word") if fmt == "docx" else self.tr("Save as PDF"))
                button.clicked.connect(lambda _=False, k=kind, f=fmt: self.export(k, f))
                grid.addWidget(button, row, col)
            preview = QPushButton(self.tr("Print…"))
            preview.clicked.connect(lambda _=False, k=kind: self.print_document(k))
            grid.addWidget(preview, row, 3)
        book = QPushButton(self.tr("Minutes book of the term (PDF)"))
        book.clicked.connect(lambda: self.export("book", "pdf"))
        grid.addWidget(book, len(docs), 0, 1, 4)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Correction after finalisation (kept as a separate amendment):")))
        self.amendment = QPlainTextEdit()
        self.amendment.setMaximumHeight(80)
        layout.addWidget(self.amendment)
        self.amend_button = QPushButton(self.tr("Record amendment"))
        self.amend_button.clicked.connect(self.amend)
        layout.addWidget(self.amend_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def load(self, meeting_id: uuid.UUID, view: mn.MinutesView) -> None:
        self.meeting_id = meeting_id
        if view.read_only:
            # Plain words, no content hash: the hash is re-checked on every open and a mismatch is said
            # in words (integrity warning). The way to correct it is the amendment below.
            # The day it was sealed, on this PC's calendar (stored in UTC: 01:00 here is the day before there).
            when = view.finalised_at.astimezone().strftime("%d/%m/%Y") if view.finalised_at else "—"
            text = self.tr("Finalised on %1: it cannot be edited. To correct it, write an amendment below.") \
                .replace("%1", when)
            if view.amendments:
                text += "\n" + self.tr("Amendments: %1").replace("%1", str(len(view.amendments)))
        else:
            text = self.tr("Not finalised yet: everything typed is saved as you go.")
        self.state.setText(text)
        self.integrity.setText(view.integrity_warning)
        self.integrity.setVisible(bool(view.integrity_warning))  # empty lines would leave a blank band
        self.finalise_button.setEnabled(not view.read_only)
        self.amend_button.setEnabled(view.read_only)
        self.amendment.setReadOnly(not view.read_only)
        self.show_findings(())
        if not view.read_only:
            ops.read(self.ctx, self, lambda store: mc.check_meeting(store, meeting_id)) \
                .success(lambda found: self._checked(meeting_id, found)) \
                .failure(lambda exc: self.message.setText(user_message(exc))).run()

    def _checked(self, meeting_id: uuid.UUID, found: tuple[mc.Finding, ...]) -> None:
        if meeting_id == self.meeting_id:  # not a check of a meeting closed meanwhile
            self.show_findings(found, checked=True)

    def show_findings(self, found: tuple[mc.Finding, ...], *, checked: bool = False) -> None:
        """One line per finding, its severity in words, and a button that opens the place to fix it."""
        self.findings = found
        self.finding_buttons = []
        while self.findings_layout.count():
            old = self.findings_layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
        blocking = sum(f.blocking for f in found)
        if not checked:
            self.check_title.setText("")
        elif not found:
            self.check_title.setText(self.tr("Check of the record: no contradictions found."))
        else:
            self.check_title.setText(self.tr("Check of the record: %1 to fix before finalising, %2 to look at.")
                                     .replace("%1", str(blocking)).replace("%2", str(len(found) - blocking)))
        self.check_title.setVisible(bool(self.check_title.text()))
        self.findings_box.setVisible(bool(found))
        for finding in found:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            word = self.tr("Must fix:") if finding.blocking else self.tr("Check:")
            text = QLabel(f"{word} {finding.message}")
            text.setWordWrap(True)
            if finding.blocking:
                text.setObjectName("warning")
            button = QPushButton(self.tr("Open to fix"))
            button.clicked.connect(lambda _=False, t=finding.target: self.open_target.emit(t))
            row.addWidget(text, 1)
            row.addWidget(button)
            self.findings_layout.addWidget(line)
            self.finding_buttons.append(button)
        if blocking:
            self.finalise_button.setEnabled(False)

    def finalise(self) -> None:
        assert self.meeting_id is not None
        meeting_id = self.meeting_id

        def done(result: mn.FinaliseResult) -> None:
            self.message.setText(self.tr("Finalised. Minutes hash: %1").replace("%1", result.minutes_hash))
            self.changed.emit()

        def failed(error: Exception) -> None:
            if isinstance(error, mc.RecordContradicts):  # the service refuses what the check blocks
                self.show_findings(error.findings, checked=True)
                self.message.setText(self.tr("Not finalised: fix what the check found first."))
            else:
                self._export_failed(error)

        ops.write(self.ctx, self, lambda store: mn.finalise_meeting(store, meeting_id)).success(done) \
            .failure(failed).run()

    def amend(self) -> None:
        assert self.meeting_id is not None
        meeting_id, text = self.meeting_id, self.amendment.toPlainText()

        def done(_view: mn.AmendmentView) -> None:
            self.amendment.clear()
            self.message.setText(self.tr("Amendment recorded; it cites the original minutes."))
            self.changed.emit()

        ops.write(self.ctx, self, lambda store: mn.amend_minutes(store, meeting_id, text)).success(done) \
            .failure(self._export_failed).run()

    def _target(self, kind: str, fmt: str) -> Path | None:
        name = f"{kind}.{fmt}"
        if self.export_folder is not None:
            return self.export_folder / name
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), str(Path(folder) / name), f"*.{fmt}")
        return Path(chosen) if chosen else None

    def export(self, kind: str, fmt: str) -> None:
        assert self.meeting_id is not None
        target = self._target(kind, fmt)
        if target is None:
            return
        meeting_id = self.meeting_id

        if kind == "book":  # writes only the file
            ops.read(self.ctx, self, lambda store: ex.export_minutes_book(store, target)).success(self._exported) \
                .failure(self._export_failed).progress(self.tr("Exporting…")).run()
            return
        ops.write(self.ctx, self, lambda store: ex.export_meeting_document(store, meeting_id, kind, fmt, target)) \
            .success(self._exported).failure(self._export_failed).progress(self.tr("Exporting…")).run()

    def _exported(self, path: Path) -> None:
        self.message.setText(self.tr("Saved %1").replace("%1", str(path)))
        self.exported.emit(path)
        if self.open_after_export and self.export_folder is None:
            open_file(path)

    def _export_failed(self, error: Exception) -> None:
        self.message.setText(user_message(error))

    def print_document(self, kind: str) -> None:
        """Print preview through QtPdf + QtPrintSupport when available; otherwise export and open the PDF."""
        assert self.meeting_id is not None
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="sotay-")) / f"{kind}.pdf"
        meeting_id = self.meeting_id
        ops.write(self.ctx, self, lambda store: ex.export_meeting_document(store, meeting_id, kind, "pdf", path)) \
            .success(self._preview).failure(self._export_failed).progress(self.tr("Preparing the document…")).run()

    def _preview(self, path: Path) -> None:
        """The same maximised, page-width preview as the documents page (ui/print_preview.py)."""
        try:
            from ui.print_preview import PdfPrintPreview
        except ImportError:  # no QtPdf / QtPrintSupport in this build: the PDF reader prints it
            QMessageBox.information(self, self.tr("Print"), self.tr("Opened the PDF; print it from your PDF reader."))
            open_file(path)
            return
        self.preview_dialog = PdfPrintPreview(path, self)
        self.preview_dialog.open()
