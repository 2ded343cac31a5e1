"""The documents page: filters, and print preview that shows exactly the exported PDF's pages."""

from __future__ import annotations

import pdfplumber
from PySide6.QtCore import QItemSelectionModel

from secretary_app.services import documents
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.pages.documents import DocumentsPage
from ui.print_preview import PdfPrintPreview
from ui.tasks import TaskRunner


def _page(qtbot, store) -> DocumentsPage:
    runner = TaskRunner()
    page = DocumentsPage(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(page)
    page.refresh()
    runner.wait()
    return page


def _select(page: DocumentsPage, symbol: str) -> None:
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() == symbol:
            page.table.selectionModel().select(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            return
    raise AssertionError(f"{symbol} not in the register")


def test_preview_of_a_demo_minutes_has_the_pdf_page_count(qtbot, demo_store, tmp_path) -> None:
    meeting_id = documents.latest_meeting_id(demo_store)
    exported, _ = documents.export(demo_store, "minutes", tmp_path / "bb.pdf", meeting_id=meeting_id)
    with pdfplumber.open(exported.path) as pdf:
        pages = len(pdf.pages)
    assert pages >= 2
    dialog = PdfPrintPreview(exported.path)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.preview_widget()
    widget.updatePreview()
    assert widget.pageCount() == pages


def test_register_filters_and_preview_of_the_selected_resolution(qtbot, demo_store) -> None:
    page = _page(qtbot, demo_store)
    assert page.proxy.rowCount() == 3
    assert not page.preview_button.isEnabled()  # nothing selected yet
    page.search.setText("02-nq")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    page.type_filter.setCurrentIndex(page.type_filter.findData("KL"))
    assert page.type_filter.findData("KL") == -1  # only types in the register are offered
    page.type_filter.setCurrentIndex(page.type_filter.findData("NQ"))
    assert page.proxy.rowCount() == 3 and page.term_filter.count() == 2
    _select(page, "03-NQ/CB")
    assert page.preview_button.isEnabled()
    page.preview()
    page.ctx.runner.wait()
    assert page.preview_dialog is not None
    widget = page.preview_dialog.preview_widget()
    widget.updatePreview()
    assert widget.pageCount() == page.preview_dialog.pages.page_count >= 1
    page.preview_dialog.close()
