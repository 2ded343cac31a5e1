"""Issue #17: every page, meeting step and dialog fits a 1366×768 laptop (1366×700 for the window) in
normal and large text, with no text cut off: each label's, button's, field's, tab's and column header's
text is measured with its font and compared with the room it has (tests/ui/fit.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow

from tests.ui.fit import clipped, too_big
from tests.ui.walk import walk


@pytest.mark.parametrize("large_text", [False, True], ids=["normal text", "large text"])
def test_every_screen_fits_1366x700_without_cut_off_text(qtbot, qapp, demo_store, tmp_path, large_text):
    problems: list[str] = []
    seen: list[str] = []

    def look(where: str, widget) -> None:
        seen.append(where)
        problems.extend(too_big(widget, where, shown_size=widget.isWindow() and widget.objectName() == "" and
                                isinstance(widget, QMainWindow)))
        problems.extend(clipped(widget, where))

    walk(qtbot, qapp, demo_store, tmp_path, large_text=large_text, visit=look)
    assert len(seen) >= 8 + 10 + 12  # every page, both meetings' five steps, the dialogs
    assert problems == [], "\n" + "\n".join(problems)


def test_a_cut_off_table_cell_is_found_and_a_wrapped_or_explained_one_is_not(qtbot):
    """The cell check itself: an elided cell is reported; wrapped onto enough lines, or promised whole in its
    tooltip and the detail pane (and shown there for the current row), it is not."""
    from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

    from ui.tables import fit_rows

    text = "Đảng ủy phường Hoàn Kiếm (để báo cáo); Đảng viên trong chi bộ; Lưu Chi bộ"
    page = QWidget()
    layout = QVBoxLayout(page)
    table = QTableWidget(1, 2)
    table.setItem(0, 0, QTableWidgetItem("01-NQ/CB"))
    table.setItem(0, 1, QTableWidgetItem(text))
    table.setColumnWidth(1, 160)
    table.horizontalHeader().setStretchLastSection(False)
    layout.addWidget(table)
    detail = QLabel()
    layout.addWidget(detail)
    qtbot.addWidget(page)
    page.resize(600, 300)
    page.show()
    table.setWordWrap(False)
    assert any("Đảng ủy phường" in p for p in clipped(page, "thử"))
    table.item(0, 1).setToolTip(text)
    table.setProperty("wholeInDetail", [1])
    assert not any("Đảng ủy phường" in p for p in clipped(page, "thử"))  # promised whole elsewhere, none current
    table.setCurrentCell(0, 1)
    assert any("Đảng ủy phường" in p for p in clipped(page, "thử"))  # the detail pane does not show it
    detail.setText(text)
    detail.setWordWrap(True)
    assert not any("Đảng ủy phường" in p for p in clipped(page, "thử"))
    table.setProperty("wholeInDetail", [])
    fit_rows(table)
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.verticalHeader().defaultSectionSize())
    assert not any("Đảng ủy phường" in p for p in clipped(page, "thử"))


def test_a_dialog_narrower_than_its_fields_is_found(qtbot):
    """A dialog given an explicit minimum width no longer grows to its layout's minimum: its fields run past
    its edge (the admission dialogs in large text). Found; with a strut instead, it grows and is not."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    def dialog(strut: bool) -> QDialog:
        made = QDialog()
        layout = QVBoxLayout(made)
        field = QLineEdit()
        field.setMinimumWidth(800)
        layout.addWidget(field)
        if strut:
            layout.addStrut(300)
        else:
            made.setMinimumWidth(300)
        qtbot.addWidget(made)
        made.show()
        made.resize(300, made.height())
        return made

    assert any("cut off at its edge" in p for p in clipped(dialog(strut=False), "thử"))
    assert not any("cut off at its edge" in p for p in clipped(dialog(strut=True), "thử"))
