"""Print preview of an exported PDF: QtPdf renders the pages, QtPrintSupport prints them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget


def preview_pdf(path: Path, parent: QWidget | None = None) -> bool:
    document = QPdfDocument(parent)  # type: ignore[arg-type]  # None (no parent) works; the stub wants a QObject
    if document.load(str(path)) != QPdfDocument.Error.None_:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)

    def paint(p: QPrinter) -> None:
        painter = QPainter(p)
        for page in range(document.pageCount()):
            if page:
                p.newPage()
            rect = painter.viewport()
            image = document.render(page, QSize(rect.width(), rect.height()))
            painter.drawImage(rect, image)
        painter.end()

    dialog.paintRequested.connect(paint)
    dialog.exec()
    return True
