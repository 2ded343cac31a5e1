"""Calm, legible defaults for older eyes: 11 pt text (about 125 % with "chữ lớn"), one Party-red accent."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#B71C1C"  # the Party red: the primary action and the current navigation item, nothing else
FOCUS = "#1A5FB4"  # a blue ring where the keyboard is, distinct from the accent
WARNING = "#8A5A00"  # dark amber: readable as text on white
OVERDUE = "#B71C1C"
DONE = "#1B5E20"
BASE_POINT_SIZE = 11
LARGE_TEXT_FACTOR = 1.25

_STYLE = f"""
QListWidget#navigation {{ font-size: {{nav}}pt; border: none; background: #F4F1EE; padding-top: 8px; }}
QListWidget#navigation::item {{ padding: 10px 12px; color: #1A1A1A; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#pageTitle {{ font-size: {{title}}pt; font-weight: 600; color: #1A1A1A; }}
QLabel#pageHint {{ color: #333333; }}
QLabel#error {{ color: {OVERDUE}; font-weight: 600; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #7F1010; border-radius: 4px;
                      padding: 6px 14px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #E4E0DC; color: #5C5C5C; border: 1px solid #B8B2AC; font-weight: 600; }}
QPushButton {{ padding: 6px 12px; }}
QPushButton:disabled {{ color: #6E6E6E; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {FOCUS}; border-radius: 3px; }}
QTableView {{ gridline-color: #D6D6D6; }}
QHeaderView::section {{ background: #EFEBE7; padding: 6px; border: none; border-bottom: 1px solid #C8C2BC;
                        font-weight: 600; color: #1A1A1A; }}
QFrame#card {{ background: white; border: 1px solid #D9D4CF; border-radius: 6px; }}
/* A figure is a count, not a state: never red (a new cell's "0" is no alarm). */
QLabel#figure {{ font-size: {{figure}}pt; font-weight: 600; color: #1A1A1A; }}
"""


def apply_theme(app: QApplication, *, large_text: bool) -> None:
    factor = LARGE_TEXT_FACTOR if large_text else 1.0
    size = BASE_POINT_SIZE * factor
    font = QFont(app.font())
    font.setPointSizeF(size)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#FAF8F6"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1A1A1A"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1A1A1A"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    app.setPalette(palette)
    style = (_STYLE.replace("{nav}", f"{size + 1:.1f}").replace("{title}", f"{size * 1.6:.1f}")
             .replace("{figure}", f"{size * 2:.1f}"))
    app.setStyleSheet(style)
