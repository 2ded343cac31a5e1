"""The navigation icons: one outline set (Lucide, ISC licence, resources/icons/), one per area, drawn in the
text colour and in white for the selected (Party-red) row, so the icon never disappears into the accent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

import resources

FOLDER = Path(resources.__file__).parent / "icons"
TEXT = "#1A1A1A"
ON_ACCENT = "#FFFFFF"


def _pixmap(svg: str, color: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def area_icon(key: str, size: int = 44) -> QIcon:
    """The icon of page ``key`` (its file in resources/icons), normal and selected."""
    svg = (FOLDER / f"{key}.svg").read_text(encoding="utf-8")
    icon = QIcon()
    icon.addPixmap(_pixmap(svg, TEXT, size), QIcon.Mode.Normal)
    icon.addPixmap(_pixmap(svg, ON_ACCENT, size), QIcon.Mode.Selected)
    return icon
