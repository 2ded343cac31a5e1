"""The sync page: account and pending count, "Đồng bộ ngay" against a real server, the status bar words,
and the conflict inbox showing both values."""

from __future__ import annotations

from models.members import Member
from secretary_app.settings import Settings
from secretary_app.sync import service
from tests.sync.conftest import PASSWORD
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_sync_now_sends_everything_and_the_status_bar_says_when(qtbot, qapp, demo_store, live_server) -> None:  # type: ignore[no-untyped-def]
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
    assert page.pending_label.text() == "426 thay đổi"
    assert page.sync_button.isEnabled() and page.sync_button.text() == "Đồng bộ ngay"
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.pending_label.text() == "0 thay đổi", timeout=30000)
    runner.wait()
    assert window.sync_label.text().startswith("Đã đồng bộ lúc ")
    with demo_store.transaction() as session:  # an edit waits: the status bar counts it
        session.query(Member).first().phone = "0900000000"
    page.refresh()
    runner.wait()
    assert window.sync_label.text() == "1 thay đổi chưa đồng bộ"
    runner.shutdown()
