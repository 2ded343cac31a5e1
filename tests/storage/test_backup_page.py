"""The Cài đặt page's backups: the last backup's time, a backup now onto a chosen folder, a restore that
shows what the file holds, asks once ("Không khôi phục" is the default) and then shows the restored data
on every page; the change log opens with its check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from secretary_app.services import roster


@pytest.fixture
def settings_page(qtbot, qapp, demo_store):
    from secretary_app.settings import Settings
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    install_translations(qapp, "vi")
    runner = TaskRunner()
    win = MainWindow(AppContext.for_store(demo_store, Settings(), runner))
    win.resize(1366, 700)
    qtbot.addWidget(win)
    win.show()
    win.show_page("settings")
    page = win.page("settings")
    runner.wait()
    qapp.processEvents()
    yield win, page, runner
    runner.shutdown()
    win.close()


def settle(runner, qapp) -> None:
    for _ in range(3):
        runner.wait()
        qapp.processEvents()


def test_back_up_then_restore_from_the_settings_page(settings_page, qapp, demo_store, tmp_path: Path) -> None:
    win, page, runner = settings_page
    box = page.data_safety
    assert box.last.text().startswith("Lần sao lưu gần nhất: hôm nay")
    usb = tmp_path / "usb"
    usb.mkdir()
    box.back_up(usb)
    settle(runner, qapp)
    assert box.message.text().startswith(f"Đã sao lưu vào {usb}")
    assert "25 đảng viên" in box.message.text() and "toàn vẹn" in box.message.text()
    backup = next(usb.glob("*.sqlite3"))

    gone = roster.list_members(demo_store)[0]
    roster.delete_member(demo_store, gone.id)
    box.choose_restore(backup)
    settle(runner, qapp)
    question = box.question
    assert question is not None and "25 đảng viên" in question.text()
    assert question.defaultButton().text() == "Không khôi phục"
    restore = next(b for b in question.buttons() if question.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    restore.click()
    settle(runner, qapp)
    assert box.message.text().startswith("Đã khôi phục.")
    assert gone.id in {m.id for m in roster.list_members(demo_store)}
    members_page = win.page("members")
    settle(runner, qapp)
    assert members_page.model.rowCount() >= 22


def test_the_change_log_opens_with_its_check(settings_page, qapp, demo_store) -> None:
    _win, page, runner = settings_page
    first = roster.list_members(demo_store)[0]
    data = roster.get_member(demo_store, first.id).data
    roster.update_member(demo_store, first.id, roster.MemberData(**{**data.__dict__, "phone": "0911 222 333"}))
    page.data_safety.open_log()
    settle(runner, qapp)
    dialog = page.data_safety.log_dialog
    assert dialog.check.text().startswith("Kiểm tra nhật ký: toàn vẹn")
    assert dialog.table.rowCount() >= 1
    assert "0911 222 333" in dialog.table.item(0, 5).text()
    dialog.close()
