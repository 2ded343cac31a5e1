"""The dues dialogs: a new dated rate added from Cài đặt (past months keep their rules; bad input changes
nothing), and a member's category, basis and decisions entered by keyboard from the dues page and from the
member's detail on the members page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from secretary_app.services import dues
from secretary_app.settings import Settings
from tests.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.dues.member_dues import BasisDialog, DecisionDialog
from ui.dues.rates import RateDialog
from ui.pages.dues import DuesPage
from ui.pages.members import MembersPage
from ui.pages.settings import SettingsPage
from ui.tasks import TaskRunner

NOVEMBER, DECEMBER = 10, 11  # indexes in a year's cells
AS_OF = DEMO_TODAY  # 25/11/2026: "this month" is November, "next month" December


def _year(store) -> dues.DuesYear:
    return dues.dues_year(store, 2026, as_of=AS_OF)


def _type_into(qtbot, dialog, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # QTest aborts on characters outside Latin-1 ("Đ", "ị"): an input method would type them
        field.insert(text)


def test_a_new_minimum_wage_from_next_month_leaves_this_month_unchanged(qtbot, demo_store) -> None:
    runner = TaskRunner()
    page = SettingsPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    page.dues_rates.today = AS_OF
    page.refresh()
    runner.wait()
    try:
        listed = {e.key: e for e in page.dues_rates.entries}
        wage = listed["minimum_wage"]
        assert wage.value == 5_310_000 and wage.source == "Nghị định 293/2025/NĐ-CP"
        assert wage.effective_from == dt.date(2026, 1, 1) and not wage.by_cell
        rows = {page.dues_rates.table.item(r, 0).text(): r for r in range(page.dues_rates.table.rowCount())}
        wage_row = rows[dues.OVERRIDE_KEYS["minimum_wage"]]
        assert page.dues_rates.table.item(wage_row, 1).text() == "5.310.000 đ"
        assert page.dues_rates.table.item(wage_row, 2).text() == "01/01/2026"
        before = _year(demo_store)

        page.dues_rates.add_button.click()
        dialog = page.dues_rates.dialog
        assert isinstance(dialog, RateDialog) and dialog.isVisible()
        dialog.key.setCurrentIndex(dialog.key.findData("minimum_wage"))
        # No effective date: a plain message, the dialog stays open, nothing is saved.
        _type_into(qtbot, dialog, dialog.value, "5.600.000")
        qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
        runner.wait()
        assert dialog.isVisible() and "ngày hiệu lực" in dialog.error.text()
        # A negative amount: the same.
        _type_into(qtbot, dialog, dialog.effective, "01/12/2026")
        _type_into(qtbot, dialog, dialog.value, "-5600000")
        qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
        runner.wait()
        assert dialog.isVisible() and "không được âm" in dialog.error.text()
        assert _year(demo_store) == before
        assert len(dues.rate_entries(demo_store, AS_OF)) == len(page.dues_rates.entries)

        _type_into(qtbot, dialog, dialog.value, "5.600.000")
        _type_into(qtbot, dialog, dialog.source, "Nghị định 999/2026/NĐ-CP")
        qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
        runner.wait()
        assert not dialog.isVisible()
        upcoming = [e for e in page.dues_rates.entries if e.upcoming]
        assert [(e.key, e.value, e.effective_from, e.source) for e in upcoming] == [
            ("minimum_wage", 5_600_000, dt.date(2026, 12, 1), "Nghị định 999/2026/NĐ-CP")]
        texts = [page.dues_rates.table.item(r, 2).text() for r in range(page.dues_rates.table.rowCount())]
        assert any(t.startswith("01/12/2026") for t in texts)

        after = _year(demo_store)
        by_id = {row.member_id: row for row in after.rows}
        # "Other" members below retirement age pay 0.3 % of the minimum wage (one of them reduced by 50 %).
        by_wage = {15_930: 16_800, 7_965: 8_400}
        moved = 0
        for row in before.rows:
            now = by_id[row.member_id]
            assert now.cells[NOVEMBER].due == row.cells[NOVEMBER].due  # this month keeps its rules
            if row.cells[DECEMBER].due in by_wage:
                assert now.cells[DECEMBER].due == by_wage[row.cells[DECEMBER].due]
                moved += 1
            elif row.category.startswith(("Tham gia BHXH", "Hưởng lương hưu")):
                assert now.cells[DECEMBER].due == row.cells[DECEMBER].due  # not based on the minimum wage
        assert moved == 3
        # The obligations stored for the two months say the same.
        dues.generate_obligations(demo_store, dt.date(2026, 11, 1), dt.date(2026, 12, 1))
        assert sum(r.cells[DECEMBER].due or 0 for r in after.rows) > sum(r.cells[DECEMBER].due or 0 for r in before.rows)
    finally:
        runner.shutdown()


def _dues_page(qtbot, store) -> tuple[DuesPage, TaskRunner]:
    runner = TaskRunner()
    page = DuesPage(AppContext.for_store(store, Settings(), runner))
    page.today = AS_OF
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    runner.wait()
    return page, runner


def test_category_and_reduction_of_the_selected_member_by_keyboard(qtbot, demo_store) -> None:
    page, runner = _dues_page(qtbot, demo_store)
    try:
        assert page.data is not None
        index, row = next((i, r) for i, r in enumerate(page.data.rows)
                          if r.cells[NOVEMBER].due and r.cells[NOVEMBER].reduction_percent == 0
                          and r.category.startswith("Đảng viên khác"))
        november = row.cells[NOVEMBER].due
        # Nothing selected: a hint, no dialog.
        page.table.clearSelection()
        page.table.setCurrentIndex(page.model.index(-1, -1))
        assert page.edit_basis() is None and page.status.text()  # a hint to select a member first
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)  # the page's shortcuts work in the active window
        page.table.setFocus()
        page.table.setCurrentIndex(page.model.index(index, 1))
        qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: page.dialog is not None)  # a button's shortcut clicks it after a short animation
        dialog = page.dialog
        assert isinstance(dialog, BasisDialog) and dialog.isVisible()
        assert any(row.full_name in label.text() for label in dialog.findChildren(QLabel))
        dialog.category.setFocus()
        dialog.category.setCurrentIndex(dialog.category.findData("pension"))
        assert dialog.amount.isEnabled()
        # A negative pension is refused with a plain message; nothing is saved.
        _type_into(qtbot, dialog, dialog.amount, "-6000000")
        _type_into(qtbot, dialog, dialog.month, "12/2026")
        qtbot.keyClick(dialog.month, Qt.Key.Key_Return)
        runner.wait()
        assert dialog.isVisible() and "không được âm" in dialog.error.text()
        assert dues.member_history(demo_store, row.member_id, 2026, AS_OF).basis == ()
        _type_into(qtbot, dialog, dialog.amount, "6.000.000")
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        runner.wait()
        assert not dialog.isVisible()
        history = dues.member_history(demo_store, row.member_id, 2026, AS_OF)
        assert history.basis == ("từ 12/2026: Hưởng lương hưu, 6.000.000 đ",)
        assert history.row is not None
        assert history.row.cells[NOVEMBER].due == november  # earlier months keep their category
        assert history.row.cells[DECEMBER].due == 30_000  # 0.5 % × 6.000.000 đ
        # The page refreshed from the hub: the grid shows the new category.
        assert next(r for r in page.data.rows if r.member_id == row.member_id).category == "Hưởng lương hưu"

        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        page.table.setCurrentIndex(page.model.index(index, 1))
        qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: isinstance(page.dialog, DecisionDialog))
        decision = page.dialog
        assert isinstance(decision, DecisionDialog) and decision.isVisible()
        assert decision.kind.currentData() == "hardship" and decision.months.value() == 12
        decision.percent.setCurrentIndex(decision.percent.findData(50))
        _type_into(qtbot, decision, decision.month, "12/2026")
        # More than 12 months for one decision: refused, nothing saved.
        decision.months.setFocus()
        decision.months.selectAll()
        qtbot.keyClicks(decision.months, "18")
        _type_into(qtbot, decision, decision.decision, "Quyết định số 5-QĐ/CB ngày 20/11/2026")
        qtbot.keyClick(decision.decision, Qt.Key.Key_Return)
        runner.wait()
        assert decision.isVisible() and "tối đa 12 tháng" in decision.error.text()
        assert dues.member_history(demo_store, row.member_id, 2026, AS_OF).decisions == ()
        decision.months.setValue(12)
        qtbot.keyClick(decision.decision, Qt.Key.Key_Return)
        runner.wait()
        assert not decision.isVisible()
        history = dues.member_history(demo_store, row.member_id, 2026, AS_OF)
        assert history.decisions == ("Miễn, giảm: hoàn cảnh khó khăn 50% từ 12/2026, 12 tháng "
                                     "(Quyết định số 5-QĐ/CB ngày 20/11/2026)",)
        assert history.row is not None and history.row.cells[DECEMBER].due == 15_000
        assert history.row.cells[DECEMBER].reduction_percent == 50
        assert page.model.index(index, 1 + DECEMBER).data().endswith("−50%")
    finally:
        runner.shutdown()


def test_dues_decisions_from_the_member_detail(qtbot, demo_store) -> None:
    runner = TaskRunner()
    page = MembersPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    runner.wait()
    try:
        assert page.dues_button.edit_basis() is None  # no member selected yet: nothing opens
        page.table.setCurrentIndex(page.proxy.index(0, 0))
        runner.wait()
        assert page.detail is not None
        member_id, name = page.detail.id, page.detail.data.full_name
        dialog = page.dues_button.add_decision()
        assert isinstance(dialog, DecisionDialog) and dialog.isVisible()
        dialog.kind.setCurrentIndex(dialog.kind.findData("deferral"))
        assert not dialog.percent.isEnabled() and dialog.months.value() == 6
        _type_into(qtbot, dialog, dialog.month, "09/2026")
        dialog.months.setValue(3)
        # No decision written: a plain message, nothing saved.
        qtbot.keyClick(dialog.month, Qt.Key.Key_Return)
        runner.wait()
        assert dialog.isVisible() and "quyết định" in dialog.error.text()
        _type_into(qtbot, dialog, dialog.decision, "Quyết định miễn sinh hoạt số 7, ngày 25/08/2026")
        qtbot.keyClick(dialog.decision, Qt.Key.Key_Return)
        runner.wait()
        assert not dialog.isVisible()
        history = dues.member_history(demo_store, member_id, 2026, AS_OF)
        assert history.full_name == name
        assert history.decisions == ("Nộp chậm, nộp trước (miễn sinh hoạt) từ 09/2026, 3 tháng "
                                     "(Quyết định miễn sinh hoạt số 7, ngày 25/08/2026)",)
        # The detail panel reloads from the hub and lists the decision under the member's dues.
        qtbot.waitUntil(lambda: "Nộp chậm, nộp trước" in page.detail_info.text(), timeout=10000)
    finally:
        runner.shutdown()
