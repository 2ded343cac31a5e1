"""The Sync page's inboxes when empty and when a change was refused (issue 16.6), and the first sync's
question in the window (issue 16.5) against a real server process."""

from __future__ import annotations

import json
import uuid

from PySide6.QtWidgets import QApplication, QMessageBox

from models.sync_tables import RejectedInbox
from secretary_app.settings import Settings
from secretary_app.sync import service
from tests.sync.conftest import PASSWORD
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def _window(qtbot, store, page: str = "sync"):
    window = MainWindow(AppContext.for_store(store, Settings(), TaskRunner()))
    qtbot.addWidget(window)
    window.start(page)
    window.ctx.runner.wait()
    return window


def _close(window) -> None:
    window.close()
    window.ctx.runner.shutdown()


def test_empty_inboxes_explain_themselves_and_a_refused_change_keeps_the_text(qtbot, qapp, demo_store) -> None:
    install_translations(qapp, "vi")
    window = _window(qtbot, demo_store)
    page = window.page("sync")
    window.ctx.runner.wait()
    assert page.conflicts_empty.isVisibleTo(page) and "Không có xung đột" in page.conflicts_empty.text()
    assert page.rejected_empty.isVisibleTo(page) and "không tự biến mất" in page.rejected_empty.text()
    assert not page.copy_button.isVisibleTo(page)
    assert page.interval.value() == 5 and window.background.timer.interval() == 5 * 60_000  # the default
    page.interval.setValue(15)  # the setting: kept, and the background timer follows at once
    assert window.ctx.settings.sync_interval_minutes == 15 and window.background.timer.interval() == 15 * 60_000

    fields = {"full_name": [None, "Nguyễn Văn Mới"], "phone": [None, "0901 234 567"], "notes": [None, "Chuyển đến"]}
    with demo_store.transaction() as session:
        session.add(RejectedInbox(mutation_id=uuid.uuid4(), mutation_seq=9, entity="member", entity_id=uuid.uuid4(),
                                  op="create", fields=json.dumps(fields, ensure_ascii=False), error_code="forbidden"))
    page.refresh()
    window.ctx.runner.wait()
    assert not page.rejected_empty.isVisibleTo(page)
    row = page.rejected.records[0]
    assert "Họ và tên: Nguyễn Văn Mới" in row.content and "Điện thoại: 0901 234 567" in row.content
    assert page.copy_button.text() == "Sao chép nội dung" and page.dismiss_button.text() == "Bỏ qua"
    page.copy_button.click()
    assert "Nguyễn Văn Mới" in QApplication.clipboard().text()
    page.dismiss_button.click()  # asks first; "Bỏ qua" only on the person's word
    box = page.box
    assert box is not None
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    qtbot.waitUntil(lambda: page.rejected.records == [], timeout=10000)
    assert page.rejected_empty.isVisibleTo(page)
    _close(window)


def test_the_first_sync_of_a_pc_with_its_own_data_asks_before_sending(qtbot, qapp, demo_store, live_server,
                                                                       tmp_path) -> None:
    from secretary_app.paths import resolve_paths
    from secretary_app.services.cell import CellInput, save_cell
    from secretary_app.store import Store

    install_translations(qapp, "vi")
    service.login(demo_store, live_server, "bithu", PASSWORD)
    service.sync_now(demo_store)  # the server's cell now has the demo's records
    own = Store(resolve_paths(tmp_path / "own"), daily_backups=(0, 0))
    import datetime as dt

    save_cell(own, CellInput("Chi bộ Tổ dân phố số 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                             dt.date(2025, 8, 20)))
    service.login(own, live_server, "phobithu", PASSWORD)
    window = _window(qtbot, own, page="overview")
    qtbot.waitUntil(lambda: window.choice_box is not None, timeout=30000)
    box = window.choice_box
    assert "Chưa có gì được gửi đi" in box.text() and "25 đảng viên" in box.text()
    assert service.status(own).pending > 0  # nothing sent yet
    merge = next(b for b in box.buttons() if b.text() == "Gộp")
    merge.click()
    qtbot.waitUntil(lambda: service.status(own).pending == 0 and not window.background.running, timeout=60000)
    from models.members import Member

    with own.transaction() as session:
        assert session.query(Member).count() == 25  # the server's members arrived; both sides kept
    _close(window)
    own.close()


def test_without_a_keyring_the_window_asks_the_password_at_start_and_says_why_once(
        qtbot, qapp, demo_store, live_server, monkeypatch) -> None:
    import keyring
    from keyring.backends import fail

    from secretary_app import credentials

    install_translations(qapp, "vi")
    monkeypatch.setattr(credentials, "_SESSION", {})
    keyring.set_keyring(fail.Keyring())
    assert not service.login(demo_store, live_server, "bithu", PASSWORD).value.remembered
    credentials._SESSION.clear()  # the app was closed: the session is gone with the process
    settings = Settings()
    for start, reason in ((1, "không có kho mật khẩu"), (2, "Hãy nhập mật khẩu để đồng bộ")):
        window = MainWindow(AppContext.for_store(demo_store, settings, TaskRunner()))
        qtbot.addWidget(window)
        window.start("overview")
        qtbot.waitUntil(lambda window=window: window.login_dialog is not None, timeout=20000)
        dialog = window.login_dialog
        assert reason in dialog.reason.text(), start  # the why is said at the first start only
        assert dialog.server.text() == live_server and dialog.username.text() == "bithu"
        assert window.sync_state is not None and window.sync_label.text().startswith("Cần đăng nhập lại")
        if start == 2:
            dialog.password.setText(PASSWORD)
            dialog.accept()
            qtbot.waitUntil(lambda window=window: window.sync_label.text().startswith("Đã đồng bộ lúc "),
                            timeout=60000)
        _close(window)
    assert settings.sync_no_keyring_told
