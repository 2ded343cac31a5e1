"""One plain question before a destructive action, shared by the pages and the meeting steps (which are
not pages): the safe answer is the default, so a stray Enter deletes nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], object],
        no_text: str = "") -> QMessageBox:
    """Open the question (window-modal, not blocking) and call ``on_yes`` only if that button was chosen.
    ``no_text`` defaults to "No, keep it" (Không xóa). The box is returned so the caller can keep it for
    tests and for the window."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text or QCoreApplication.translate("Confirm", "No, keep it"),
                       QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is yes else None)
    box.open()
    return box
