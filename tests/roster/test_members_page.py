"""The Đảng viên page as a secretary uses it: search, edit, undo, record a transfer out."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from models.rules.dues import vnd
from models.sync_tables import OutboxEntry
from secretary_app.errors import ValidationFailed
from secretary_app.services import dues, roster
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


def _save(dialog) -> None:
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

    page.undo_button.trigger()
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

    page.undo_button.trigger()  # the transfer was recorded by mistake
    runner.wait()
    assert next(r for r in page.model.records if r.id == member_id).status == "Chính thức"


def _select(page: MembersPage, name: str) -> None:
    page.search.setText("")
    assert page.select_member(next(r.id for r in page.model.records if r.full_name == name))
    page.ctx.runner.wait()


def _focus(page: MembersPage, widget) -> None:
    """The Delete key acts on the widget with the focus, as when the secretary clicked in it."""
    page.show()
    page.activateWindow()
    QTest.qWaitForWindowActive(page)
    widget.setFocus()
    assert widget.hasFocus()


def _answer(page: MembersPage, yes: bool) -> None:
    box = page.confirm_box
    assert box is not None and box.isVisible()
    role = QMessageBox.ButtonRole.AcceptRole if yes else QMessageBox.ButtonRole.RejectRole
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()
    page.ctx.runner.wait()


def _live_ids(store) -> set:
    return {r.id for r in roster.list_members(store)}


def test_delete_asks_once_hides_the_member_and_undo_restores(page, demo_store):
    _select(page, "Trần Văn An")
    member_id = page.detail.id
    _focus(page, page.table)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)  # the Delete key in the table asks first
    assert "Trần Văn An" in page.confirm_box.text() and "Ctrl+Z" in page.confirm_box.text()
    _answer(page, yes=False)
    assert member_id in _live_ids(demo_store)

    page.delete_button.trigger()
    _answer(page, yes=True)
    assert "Trần Văn An" not in _visible_names(page)
    assert member_id not in _live_ids(demo_store)
    assert page.detail is None and page.detail_name.text() == ""
    with demo_store.transaction() as session:  # a tombstone that syncs, not a removed row
        ops = session.scalars(select(OutboxEntry.op).where(OutboxEntry.entity_id == member_id)).all()
    assert "delete" in ops

    assert page.undo_button.shortcut().toString() == "Ctrl+Z"
    page.undo_button.trigger()
    page.ctx.runner.wait()
    assert member_id in _live_ids(demo_store)
    assert "Trần Văn An" in _visible_names(page)


def test_deleted_member_is_restored_from_the_deleted_filter(page, demo_store):
    _select(page, "Phạm Thị Lan")
    member_id = page.detail.id
    page.delete_member()
    _answer(page, yes=True)
    page.status_filter.setCurrentIndex(page.status_filter.findData("deleted"))
    assert _visible_names(page) == ["Phạm Thị Lan"]
    assert page.restore_button.isHidden()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    assert not page.restore_button.isHidden() and page.detail is None
    page.restore_button.click()
    page.ctx.runner.wait()
    assert member_id in _live_ids(demo_store)
    assert _visible_names(page) == []
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert "Phạm Thị Lan" in _visible_names(page)


def test_delete_event_asks_and_undo_brings_it_back(page, demo_store):
    _select(page, "Nguyễn Văn Hùng")
    member_id = page.detail.id
    roster.add_event(demo_store, member_id, roster.EventInput("exemption", dt.date(2026, 5, 19),
                                                              end_date=dt.date(2026, 8, 1), reason="Ốm dài ngày"))
    page.refresh()
    page.ctx.runner.wait()
    labels = [page.timeline.item(i).text() for i in range(page.timeline.count())]
    row = next(i for i, text in enumerate(labels) if text.startswith("19/05/2026"))
    page.timeline.setCurrentRow(row)
    _focus(page, page.timeline)
    QTest.keyClick(page.timeline, Qt.Key.Key_Delete)
    assert "19/05/2026" in page.confirm_box.text()
    _answer(page, yes=True)
    dates = [e.event_date for e in roster.get_member(demo_store, member_id).events]
    assert dt.date(2026, 5, 19) not in dates
    assert not any(page.timeline.item(i).text().startswith("19/05/2026") for i in range(page.timeline.count()))
    page.undo_button.trigger()
    page.ctx.runner.wait()
    assert dt.date(2026, 5, 19) in [e.event_date for e in roster.get_member(demo_store, member_id).events]


def test_the_admission_event_is_changed_in_the_record_not_deleted(page, demo_store):
    _select(page, "Nguyễn Văn Hùng")
    member_id = page.detail.id
    admission = next(e for e in page.detail.events if e.kind == "admission")
    with pytest.raises(ValidationFailed, match="sửa hồ sơ"):
        roster.remove_event(demo_store, admission.id)
    assert admission.id in {e.id for e in roster.get_member(demo_store, member_id).events}


def test_the_members_details_show_their_dues(page, demo_store):
    _select(page, "Trần Văn An")
    page.ctx.runner.wait()
    text = page.detail_info.text()
    member_id = next(r.id for r in page.model.records if r.full_name == "Trần Văn An")
    history = dues.member_history(demo_store, member_id, dt.date.today().year)
    assert history.row is not None
    assert f"{dt.date.today().year}" in text and vnd(history.row.paid) in text  # what he paid this year
    assert history.basis[0] in text  # his dues category and basis ("từ 01/2024: Tham gia BHXH bắt buộc …")
