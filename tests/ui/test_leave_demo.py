"""Issue #17: "Thoát chi bộ mẫu" on the Cài đặt page. Shown only on the demo cell; after one question the
demo's database is moved aside (never deleted) and the app starts again at the first-start set-up. A real
cell has no such button, and the service refuses to move its data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.demo_exit import DEMO_MARKER, is_demo, leave_demo
from secretary_app.settings import Settings
from secretary_app.store import Store
from ui.context import AppContext
from ui.i18n import install_translations
from ui.pages.settings import SettingsPage
from ui.tasks import TaskRunner


def _page(qtbot, store):
    runner = TaskRunner()
    page = SettingsPage(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(page)
    page.show()
    return page, runner


def test_leaving_the_demo_moves_its_data_aside_and_starts_again(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    paths = demo_store.paths
    assert is_demo(paths)
    page, runner = _page(qtbot, demo_store)
    restarted: list[bool] = []
    page.restart_app = lambda: restarted.append(True)
    assert page.demo_box.isVisible() and page.leave_demo_button.text() == "Thoát chi bộ mẫu…"
    page.leave_demo_button.click()
    box = page.confirm_box
    assert "không bao giờ bị xóa" in box.text() or "không xóa" in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    runner.wait()
    qapp.processEvents()
    assert restarted == [True]
    assert not paths.database.exists() and not is_demo(paths)
    [kept] = [folder for folder in paths.data_dir.iterdir() if folder.name.startswith("chi-bo-mau-")]
    assert (kept / paths.database.name).stat().st_size > 0 and (kept / DEMO_MARKER).exists()
    fresh = Store(resolve_paths(paths.data_dir))  # the next start: an empty folder, the set-up wizard
    try:
        assert not fresh.has_cell()
    finally:
        fresh.close()
    runner.shutdown()


def test_a_real_cell_has_no_leave_button_and_its_data_never_moves(qtbot, store):
    save_cell(store, CellInput("Chi bộ Khu dân cư số 3", "Đảng bộ xã Tuy Lộc", "Tuy Lộc", 1, dt.date(2025, 8, 20)))
    page, runner = _page(qtbot, store)
    assert not page.demo_box.isVisible()
    with pytest.raises(UserError):
        leave_demo(store.paths)
    assert store.paths.database.exists()
    runner.shutdown()
