"""The member form in the four tabs of UI.md (issue #17): Thông tin chung, Quá trình, Đảng phí and
Khen thưởng – kỷ luật. The dues tab shows what the dues service keeps for the member and opens its dialogs;
the awards tab shows the badge the rules service works out and the discipline in the member's history."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from secretary_app.services import dues, roster
from secretary_app.services.roster import EventInput
from secretary_app.settings import Settings
from tests.conftest import DEMO_TODAY
from ui.context import AppContext
from ui.dues.member_dues import BasisDialog
from ui.i18n import install_translations
from ui.pages.members import MembersPage
from ui.tasks import TaskRunner

TABS = ["Thông tin chung", "Quá trình", "Đảng phí", "Khen thưởng – kỷ luật"]


@pytest.fixture
def page(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    runner = TaskRunner()
    page = MembersPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    runner.wait()
    yield page
    runner.wait()
    runner.shutdown()


def _open_form(page, qtbot, name: str):
    page.search.setText(name)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    page.ctx.runner.wait()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.data.full_name == name)
    page.edit_button.click()
    dialog = page.member_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_form_has_the_four_tabs_and_the_dues_tab_shows_and_changes_the_members_dues(page, qtbot, demo_store):
    member = next(r for r in page.model.records if not r.deleted and r.full_name == "Nguyễn Thị Hường")
    form = _open_form(page, qtbot, member.full_name)
    assert [form.tabs.tabText(i) for i in range(form.tabs.count())] == TABS
    form.tabs.setCurrentIndex(2)
    tab = form.dues_tab
    tab.today, year = DEMO_TODAY, DEMO_TODAY.year  # the demo cell's day, whatever the date of the run
    tab.reload()
    page.ctx.runner.wait()
    history = dues.member_history(demo_store, member.id, year, DEMO_TODAY)
    expected_basis = "\n".join(history.basis) or "Chưa ghi diện đóng đảng phí"
    assert history.row is not None and history.row.paid > 0
    summary = f"Năm {year}: đã nộp {dues.vnd(history.row.paid)}, còn nợ {dues.vnd(history.row.owed)}"
    qtbot.waitUntil(lambda: tab.summary.text() == summary)
    assert tab.basis.text().startswith(expected_basis)
    assert tab.months.count() > 0 and tab.months.item(0).text().startswith(f"01/{year}: ")

    # The basis dialog of the dues page, opened from the tab; the tab shows the new basis once saved.
    dialog = tab.edit_basis()
    assert isinstance(dialog, BasisDialog) and dialog.isVisible()
    assert any(member.full_name in label.text() for label in dialog.findChildren(QLabel))
    dialog.category.setCurrentIndex(dialog.category.findData("pension"))
    dialog.amount.setText("6.000.000")
    dialog.month.set_month(dt.date(year, 12, 1))
    dialog.save()
    page.ctx.runner.wait()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    line = f"từ 12/{year}: Hưởng lương hưu, 6.000.000 đ"
    assert line in dues.member_history(demo_store, member.id, year, DEMO_TODAY).basis
    qtbot.waitUntil(lambda: line in tab.basis.text())
    form.reject()


def test_the_awards_tab_shows_the_badge_and_the_discipline(page, qtbot, demo_store):
    member = next(r for r in page.model.records if not r.deleted and r.full_name == "Nguyễn Thị Hường")
    roster.add_event(demo_store, member.id, EventInput("discipline", dt.date(2025, 6, 10), detail="khien_trach",
                                                       reason="Vi phạm quy định sinh hoạt",
                                                       decision_ref="Quyết định số 3-QĐ/ĐU"))
    page.refresh()
    page.ctx.runner.wait()
    form = _open_form(page, qtbot, member.full_name)
    form.tabs.setCurrentIndex(3)
    detail = roster.get_member(demo_store, member.id)
    assert detail.next_badge, "the demo member has a badge coming"
    assert form.awards_tab.badge.text().startswith(detail.next_badge)
    text = form.awards_tab.discipline.text()
    assert text.startswith("10/06/2025 — Kỷ luật: khiển trách")
    assert "Vi phạm quy định sinh hoạt" in text and "Quyết định số 3-QĐ/ĐU" in text
    form.reject()
    # A member without discipline: said in words, not an empty space.
    other = next(r for r in page.model.records if not r.deleted and r.id != member.id)
    form = _open_form(page, qtbot, other.full_name)
    assert form.awards_tab.discipline.text() == "Không có kỷ luật nào được ghi."
    form.reject()


def test_a_new_members_form_says_to_save_first(page, qtbot):
    page.add_member()
    form = page.member_dialog
    assert [form.tabs.tabText(i) for i in range(form.tabs.count())] == TABS
    for tab in (form.dues_tab, form.awards_tab):
        texts = " ".join(label.text() for label in tab.findChildren(QLabel))
        assert "Hãy lưu hồ sơ đảng viên mới trước" in texts
    form.reject()
