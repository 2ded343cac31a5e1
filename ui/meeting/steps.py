"""The step bar: five steps, the current one highlighted, each clickable (Ctrl+1…5)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget


class StepBar(QWidget):
    stepChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        names = [self.tr("1. Preparation"), self.tr("2. Attendance"), self.tr("3. Minutes"),
                 self.tr("4. Resolution"), self.tr("5. Finalise")]
        self.buttons: list[QPushButton] = []
        for index, name in enumerate(names):
            button = QPushButton(name)
            button.setCheckable(True)
            button.setObjectName("step")
            button.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            # The current step stands out even without the theme: bold text on a filled background.
            button.setStyleSheet("QPushButton:checked { font-weight: bold; background: #b71c1c; color: white; }")
            self.group.addButton(button, index)
            layout.addWidget(button)
            self.buttons.append(button)
        self.group.idClicked.connect(self.stepChosen)

    def set_current(self, index: int) -> None:
        self.buttons[index].setChecked(True)

    def current(self) -> int:
        return self.group.checkedId()
