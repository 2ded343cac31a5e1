"""The Đảng viên page as a secretary uses it: search, edit, undo, record a transfer out."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from secretary_app.services import roster
from secretary_app.services.roster import EventKind
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.pages.members import MembersPage
from ui.tables import RECORD_ROLE
from ui.tasks import TaskRunner


@pytest.fixture
def page(qtbot, demo_store):
    runner = TaskRunner()
    page = MembersPage(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(page)
    page.refresh()
    runner.wait()
    yield page
    runner.wait()
    runner.shutdown()


def _visible_names(page: MembersPage) -> list[str]:
    return [page.proxy.index(r, 0).data(RECORD_ROLE).full_name for r in range(page.proxy.rowCount())]


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_search_ignores_diacritics_and_case(page):
    for query in ("nguyen thi huong", "Nguyễn Thị Hường", "NGUYEN THI HUONG"):
        page.search.setText(query)
        assert _visible_names(page) == ["Nguyễn Thị Hường"]
    page.search.setText("đ")
    assert "Đỗ Minh Tuấn" in _visible_names(page) and "Lê Văn Đức" in _visible_names(page)
    page.search.setText("")
    names = _visible_names(page)
    assert names.index("Trần Văn An") < names.index("Bùi Thị Ánh") < names.index("Nguyễn Văn Hùng")
    page.order.setCurrentIndex(1)  # full-name order on request
    names = _visible_names(page)
    assert names.index("Bùi Thị Ánh") < names.index("Nguyễn Văn Hùng") < names.index("Trần Văn An")


def test_edit_undo_and_transfer_out(page, demo_store):
    runner = page.ctx.runner
    page.search.setText("nguyen thi huong")
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    runner.wait()
    assert page.detail is not None and page.detail.data.full_name == "Nguyễn Thị Hường"
    member_id = page.detail.id
    old_phone = page.detail.data.phone

    page.edit_member()
    page.member_dialog.fields["phone"].setText("0987654321")
    _save(page.member_dialog)
    runner.wait()
    assert page.detail.data.phone == "0987654321"
    assert roster.get_member(demo_store, member_id).data.phone == "0987654321"

    page.undo_button.click()
    runner.wait()
    assert roster.get_member(demo_store, member_id).data.phone == old_phone
    assert page.detail.data.phone == old_phone

    # A bad date in the form is explained, and nothing is saved.
    page.edit_member()
    page.member_dialog.fields["birth_date"].setText("31/02/1970")
    _save(page.member_dialog)
    assert "không phải ngày có thật" in page.member_dialog.error_label.text()
    page.member_dialog.reject()

    moved_on = dt.date.today() - dt.timedelta(days=30)
    page.record_event()
    page.event_dialog.set_kind(EventKind.TRANSFER_OUT_OFFICIAL)
    page.event_dialog.event_date.set_date(moved_on)
    page.event_dialog.detail.setText("Đảng bộ phường Hà Đông")
    _save(page.event_dialog)
    runner.wait()
    assert "Nguyễn Thị Hường" not in _visible_names(page)  # the page shows members now in the cell
    page.status_filter.setCurrentIndex(page.status_filter.findData("left"))
    assert "Nguyễn Thị Hường" in _visible_names(page)
    row = next(r for r in page.model.records if r.id == member_id)
    assert row.status == "Đã chuyển đi"
    day_before = moved_on - dt.timedelta(days=1)
    assert member_id in {r.id for r in roster.members_on(demo_store, day_before)}
    assert member_id not in {r.id for r in roster.members_on(demo_store, moved_on)}

    page.undo_button.click()  # the transfer was recorded by mistake
    runner.wait()
    assert next(r for r in page.model.records if r.id == member_id).status == "Chính thức"
