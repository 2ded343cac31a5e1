"""Room for text that must not be cut off, measured with the widget's own font (normal or large text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

_FIELD_PADDING = 28  # the frame, the text margins and a clear button's edge


def fit_placeholder(edit: QLineEdit, text: str = "") -> QLineEdit:
    """Make ``edit`` at least wide enough for its placeholder, or for ``text`` (a typical value)."""
    metrics = edit.fontMetrics()
    need = max(metrics.horizontalAdvance(edit.placeholderText()), metrics.horizontalAdvance(text))
    edit.setMinimumWidth(need + _FIELD_PADDING)
    return edit


class ElidingComboBox(QComboBox):
    """A combo box for long choices (an agenda item's whole wording): when narrower than its text it shows
    the start with "…" and the whole text in its tooltip, never a silently cut word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setProperty("elides", True)  # tests/ui/fit.py measures the elided text it paints
        self.currentTextChanged.connect(self.setToolTip)

    def displayed_text(self) -> str:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width() - 4
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, max(room, 0))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.displayed_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
