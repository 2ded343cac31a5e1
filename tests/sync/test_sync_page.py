"""The sync page: account and pending count, "Đồng bộ ngay" against a real server, the status bar words,
and the conflict inbox showing both values."""

from __future__ import annotations

from sqlalchemy import func, select

from models.members import Member
from models.sync_tables import OutboxEntry
from secretary_app.settings import Settings
from secretary_app.sync import service
from tests.sync.conftest import PASSWORD
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_sync_now_sends_everything_and_the_status_bar_says_when(qtbot, qapp, demo_store, live_server) -> None:
    install_translations(qapp, "vi")
    runner = TaskRunner()
    window = MainWindow(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(window)
    window.start("overview")
    runner.wait()
    assert window.sync_label.text() == "Ngoại tuyến"
    service.login(demo_store, live_server, "bithu", PASSWORD)
    window.show_page("sync")
    page = window.page("sync")
    runner.wait()
    assert "bithu" in page.account_label.text()
    with demo_store.transaction() as session:  # every record of the demo cell, queued and not yet sent
        rows = session.scalar(select(func.count()).select_from(OutboxEntry))
        # The dues obligations are one bulk row standing for each of their creates: counted one by one.
        queued = session.scalar(select(func.sum(OutboxEntry.records)))
    assert queued > rows > 400 and page.pending_label.text() == f"{queued} thay đổi"
    assert page.sync_button.isEnabled() and page.sync_button.text() == "Đồng bộ ngay"
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.pending_label.text() == "0 thay đổi", timeout=30000)
    runner.wait()
    assert window.sync_label.text().startswith("Đã đồng bộ lúc ")
    with demo_store.transaction() as session:  # an edit waits: the status bar counts it
        session.query(Member).first().phone = "0900000000"
    page.refresh()
    runner.wait()
    assert window.sync_label.text() == "1 thay đổi chưa gửi"
    window.close()  # stops the background sync before the worker it reports to
    runner.shutdown()


def _second_pc(demo_store, live_server, tmp_path):
    """The demo cell on this PC and on a second PC, both logged in and synced: ready to conflict."""
    from secretary_app.paths import resolve_paths
    from secretary_app.store import Store

    other = Store(resolve_paths(tmp_path / "pc2"))
    service.login(demo_store, live_server, "bithu", PASSWORD)
    service.sync_now(demo_store)
    service.login(other, live_server, "phobithu", PASSWORD)
    service.sync_now(other)
    return other


def _sync_page(qtbot, store):
    runner = TaskRunner()
    window = MainWindow(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(window)
    window.start("sync")
    page = window.page("sync")
    runner.wait()
    return window, page, runner


def _set_phone(store, member_id, phone: str) -> None:
    with store.transaction() as session:
        session.get(Member, member_id).phone = phone


def test_a_conflict_is_resolved_from_the_sync_page(qtbot, qapp, demo_store, live_server, tmp_path) -> None:
    from PySide6.QtWidgets import QMessageBox

    install_translations(qapp, "vi")
    other = _second_pc(demo_store, live_server, tmp_path)
    with demo_store.transaction() as session:
        member = session.query(Member).filter(Member.full_name == "Nguyễn Thị Hường").one()
        member_id, before = member.id, member.phone
    _set_phone(other, member_id, "0922222222")  # the other PC syncs first: its value stays on the server
    service.sync_now(other)
    _set_phone(demo_store, member_id, "0911111111")
    assert service.sync_now(demo_store).value.conflicts == 1
    other.close()

    window, page, runner = _sync_page(qtbot, demo_store)
    assert [(r[1], r[2], r[3]) for r in page.conflicts.records] == [("Điện thoại", "0922222222", "0911111111")]
    assert window.sync_label.text().endswith("1 xung đột cần giải quyết")
    page.conflict_view.selectRow(0)  # the person picks the conflict: both values side by side
    assert "Nguyễn Thị Hường" in page.conflict_title.text() and "Điện thoại" in page.conflict_title.text()
    assert (page.server_value.text(), page.other_value.text()) == ("0922222222", "0911111111")
    assert page.other_caption.text() == "Gửi từ máy này"
    assert page.keep_server_button.text() == "Giữ giá trị trên máy chủ"
    assert page.edit_button.isVisibleTo(page) and page.edit_button.text() == "Sửa rồi lưu…"
    assert page.use_other_button.text() == "Dùng giá trị của máy này"
    page.use_other_button.click()
    box = page.confirm_box
    assert box is not None and "0911111111" in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    runner.wait()
    qtbot.waitUntil(lambda: page.conflicts.records == [], timeout=10000)
    runner.wait()
    assert not page.conflict_panel.isVisibleTo(page)
    assert "xung đột" not in window.sync_label.text()
    window.show_page("members")
    members = window.page("members")
    runner.wait()
    assert next(r for r in members.model.records if r.id == member_id).phone == "0911111111" != before
    # The next sync sends the decision: the server takes this PC's value and closes the conflict.
    report = service.sync_now(demo_store).value
    assert report.rejected == 0 and service.status(demo_store).conflicts == ()
    window.close()  # stops the background sync before the worker it reports to
    runner.shutdown()


def test_a_text_conflict_is_edited_into_a_third_value_from_the_sync_page(qtbot, qapp, demo_store, live_server,
                                                                           tmp_path) -> None:
    """"Sửa rồi lưu…": the dialog starts from the other computer's text; what the person saves is the
    value both computers end with, after one confirmation."""
    from PySide6.QtWidgets import QMessageBox

    install_translations(qapp, "vi")
    other = _second_pc(demo_store, live_server, tmp_path)
    with demo_store.transaction() as session:
        member_id = session.query(Member).filter(Member.full_name == "Trần Văn An").one().id
    for store, notes in ((other, "Chuyển về tổ 7 từ tháng 12"), (demo_store, "Xin miễn sinh hoạt tháng 12")):
        with store.transaction() as session:
            session.get(Member, member_id).notes = notes
        service.sync_now(store)
    assert service.status(demo_store).conflicts
    window, page, runner = _sync_page(qtbot, demo_store)
    page.conflict_view.selectRow(0)
    assert page.edit_button.isVisibleTo(page)
    page.edit_button.click()
    dialog = page.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.editor.toPlainText() == "Xin miễn sinh hoạt tháng 12"  # starts from this PC's text
    dialog.editor.setPlainText("Chuyển về tổ 7 từ tháng 12; xin miễn sinh hoạt tháng 12")
    dialog.accept()
    box = page.confirm_box
    assert box is not None and "Chuyển về tổ 7 từ tháng 12; xin miễn sinh hoạt tháng 12" in box.text()
    assert box.defaultButton().text() == "Không"
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    runner.wait()
    qtbot.waitUntil(lambda: page.conflicts.records == [], timeout=10000)
    window.close()  # stops the background sync before the worker it reports to
    runner.shutdown()
    service.sync_now(demo_store)
    service.sync_now(other)
    for store in (demo_store, other):
        with store.transaction() as session:
            assert session.get(Member, member_id).notes == "Chuyển về tổ 7 từ tháng 12; xin miễn sinh hoạt tháng 12"
        assert service.status(store).conflicts == ()
    other.close()
