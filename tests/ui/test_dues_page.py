"""The Đảng phí page: a month of cash payments for the demo cell entered by keyboard only (name, Enter,
Enter), the grid and the arrears updating, and the ledger exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from models.text import search_key
from secretary_app.services import dues
from secretary_app.settings import Settings
from tests.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.pages.dues import DuesPage
from ui.tasks import TaskRunner

NOVEMBER = 10  # index of 11/2026 in the month picker


def _page(qtbot, store) -> tuple[DuesPage, TaskRunner]:
    runner = TaskRunner()
    page = DuesPage(AppContext.for_store(store, Settings(), runner))
    page.today = DEMO_TODAY + dt.timedelta(days=10)  # 05/12/2026: November is over
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    runner.wait()
    return page, runner


def test_a_month_of_cash_payments_by_keyboard_updates_the_arrears_and_exports(qtbot, demo_store, tmp_path: Path) -> None:
    page, runner = _page(qtbot, demo_store)
    assert page.data is not None
    page.month.setCurrentIndex(NOVEMBER)
    owing = [r for r in page.data.rows if r.cells[NOVEMBER].due]
    assert len(owing) >= 15
    before = [page.arrears.item(i).text() for i in range(page.arrears.count())]
    assert any("Đinh Công Thành" in line and "3 tháng" in line for line in before)  # 09, 10, 11: proposal
    page.name.setFocus()
    for row in owing:
        qtbot.keyClicks(page.name, search_key(row.full_name))  # typed without diacritics, as many do
        qtbot.keyClick(page.name, Qt.Key.Key_Return)
        assert page.amount.text() == str(row.cells[NOVEMBER].due)  # Enter filled the amount due
        qtbot.keyClick(page.amount, Qt.Key.Key_Return)
        runner.wait()
        assert page.name.text() == "" and page.name.hasFocus()  # ready for the next member
    runner.wait()
    year = dues.dues_year(demo_store, 2026, as_of=page.today)
    november = [r.cells[NOVEMBER] for r in year.rows if r.cells[NOVEMBER].due]
    assert all(c.state is dues.MonthState.PAID for c in november)
    assert sum(c.paid for c in november) == sum(r.cells[NOVEMBER].due or 0 for r in owing)
    after = [page.arrears.item(i).text() for i in range(page.arrears.count())]
    assert any("Đinh Công Thành" in line and "2 tháng" in line for line in after)  # November now paid
    assert not any("11/2026" in line for line in after)
    # The grid says it in words, not colour alone.
    column = 1 + NOVEMBER
    assert page.model.index(0, column).data() == "✓"
    assert "✓ paid" in page.legend.text() or "✓ đã nộp" in page.legend.text()
    # A name that matches nobody gets a message and saves nothing.
    qtbot.keyClicks(page.name, "khong co ai")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert page.amount.text() == ""
    # A payment entered by mistake is reversed with a reason: the month is due again, marked ↺.
    page.table.setCurrentIndex(page.model.index(0, column))
    first = page.model.records[0]
    page.reverse_selected("Ghi nhầm người nộp")
    runner.wait()
    assert page.model.records[0].member_id == first.member_id
    assert page.model.index(0, column).data() == "Nợ ↺"
    # A portal payment without its receipt number is refused with a message; nothing is written.
    page.channel.setCurrentIndex(page.channel.findData("portal"))
    assert page.receipt.isEnabled()
    errors: list[Exception] = []
    page.show_error = errors.append  # type: ignore[assignment]  # the test collects the errors the page would show
    page.name.clear()
    qtbot.keyClicks(page.name, search_key(owing[0].full_name))
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    runner.wait()
    assert errors and "biên lai" in str(errors[0])
    assert dues.dues_year(demo_store, 2026, as_of=page.today).collected == year.collected - (first.cells[NOVEMBER].due or 0)
    target = tmp_path / "so.xlsx"
    page.export_ledger(target)
    runner.wait()
    sheet = load_workbook(target).active
    assert sheet is not None
    header = [c.value for c in sheet[3]]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "Cộng")
    now = dues.dues_year(demo_store, 2026, as_of=page.today)
    assert total[header.index("11/2026")] == now.collected_in(NOVEMBER) == sum(c.paid for c in november) - (first.cells[NOVEMBER].due or 0)


def _rows_in_view(table) -> int:
    """Rows of the grid shown whole in its viewport (what the secretary reads without scrolling)."""
    room = table.viewport().height()
    return sum(1 for r in range(table.model().rowCount())
               if table.rowViewportPosition(r) >= 0 and table.rowViewportPosition(r) + table.rowHeight(r) <= room)


@pytest.mark.parametrize("large_text", [False, True], ids=["normal text", "large text"])
def test_the_grid_shows_at_least_ten_members_at_1366x700(qtbot, qapp, demo_store, large_text) -> None:
    """Issue #17: in large text the grid showed five rows under the entry row, the legend and the arrears."""
    from tests.ui.walk import window_1366x700

    with window_1366x700(qtbot, qapp, demo_store, large_text=large_text, page="dues") as (window, runner):
        for _ in range(3):
            runner.wait()
            qapp.processEvents()
        page = window.page("dues")
        assert page.data is not None and len(page.data.rows) >= 20
        assert window.height() <= 700
        assert _rows_in_view(page.table) >= 10
        # The arrears are one click away, their count on the tab: not lost by giving the grid the room.
        owing = len(dues.arrears(demo_store, page.today))
        assert owing > 0
        assert page.views.tabText(1).startswith("Nợ đảng phí") and f"({owing})" in page.views.tabText(1)
        page.views.setCurrentIndex(1)
        assert page.arrears.isVisible() and page.arrears.count() >= owing
