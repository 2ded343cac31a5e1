"""Room for text that must not be cut off, measured with the widget's own font (normal or large text)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

_FIELD_PADDING = 28  # the frame, the text margins and a clear button's edge


def fit_placeholder(edit: QLineEdit, text: str = "") -> QLineEdit:
    """Make ``edit`` at least wide enough for its placeholder, or for ``text`` (a typical value)."""
    metrics = edit.fontMetrics()
    need = max(metrics.horizontalAdvance(edit.placeholderText()), metrics.horizontalAdvance(text))
    edit.setMinimumWidth(need + _FIELD_PADDING)
    return edit
