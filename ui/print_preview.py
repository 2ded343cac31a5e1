"""Print preview and printing of a finished PDF, page images drawn with QtPdf.

The preview shows the PDF's own pages (rendered by QPdfDocument), so what the secretary sees is exactly
what the exporter wrote, margins included; the printer is set to full page so Qt adds no margin of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, QSizeF, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

from secretary_app.errors import UserError

RENDER_DPI = 200  # sharp enough for print, small enough for a 20-page minutes book in memory


class PdfPages:
    """A loaded PDF that paints its pages onto any QPrinter (the preview's or a real one)."""

    def __init__(self, path: str | Path) -> None:
        self.document = QPdfDocument()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            raise UserError(f"Không mở được tệp PDF “{Path(path).name}” để in. Hãy xuất lại văn bản rồi thử lại.")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def setup(self, printer: QPrinter) -> None:
        """Paper size and orientation from the PDF's first page (A4 portrait, or landscape for a ledger)."""
        size = self.document.pagePointSize(0)
        landscape = size.width() > size.height()
        page_size = QPageSize(QSizeF(min(size.width(), size.height()), max(size.width(), size.height())),
                              QPageSize.Unit.Point)
        orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))

    def paint(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for index in range(self.page_count):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                pixels = QSize(round(points.width() / 72 * RENDER_DPI), round(points.height() / 72 * RENDER_DPI))
                image = self.document.render(index, pixels)
                painter.drawImage(painter.viewport(), image)
        finally:
            painter.end()


class PdfPrintPreview(QPrintPreviewDialog):
    """QPrintPreviewDialog over a PDF file; its print button prints the same pages."""

    def __init__(self, path: str | Path, parent: QWidget | None = None) -> None:
        self.pages = PdfPages(path)
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.pages.setup(self._printer)
        super().__init__(self._printer, parent)
        self.setWindowTitle(self.tr("Print preview: %1").replace("%1", Path(path).name))
        # Maximised, at page width: a secretary reads the page, not a thumbnail at 38 % (issue #17).
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.paintRequested.connect(self.pages.paint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_width = self.findChild(QAction, "fitWidthAction")  # the toolbar's own button, so it shows checked
        if fit_width is not None:
            fit_width.trigger()
        else:
            self.preview_widget().fitToWidth()

    def preview_widget(self) -> QPrintPreviewWidget:
        widget = self.findChild(QPrintPreviewWidget)
        assert widget is not None
        return widget


def print_pdf(path: str | Path, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print the PDF; False if the secretary cancelled."""
    pages = PdfPages(path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    pages.setup(printer)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    pages.paint(printer)
    return True
