"""The import wizard as a secretary uses it: choose a file, read the preview, import; and a file far too
big for any cell is read on the worker with a moving progress bar, then refused with a clear message."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QProgressDialog

from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import list_members
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.roster.import_dialog import ImportDialog
from ui.tasks import TaskRunner

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ"]


@pytest.fixture
def wizard(qtbot, store):
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    runner = TaskRunner()
    dialog = ImportDialog(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    runner.wait(60_000)
    runner.shutdown()


def _write(path: Path, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(HEADERS)
    for i in range(rows):
        sheet.append([i + 1, f"Nguyễn Văn {i}", dt.date(1960 + i % 30, 1 + i % 12, 1 + i % 28), "Nam",
                      dt.date(1995, 5, 19), None, f"{10_000_000 + i}"])
    book.save(path)
    return path


def test_preview_then_import_adds_the_members(wizard, store, tmp_path):
    path = _write(tmp_path / "ds.xlsx", 3)
    wizard.load(path)
    wizard.ctx.runner.wait()
    assert wizard.model.rowCount() == 3
    assert wizard.import_button.isEnabled()
    wizard.import_button.click()
    wizard.ctx.runner.wait()
    assert sorted(m.full_name for m in list_members(store)) == ["Nguyễn Văn 0", "Nguyễn Văn 1", "Nguyễn Văn 2"]
    assert not wizard.import_button.isEnabled()


def test_a_30000_row_file_is_read_with_progress_and_refused_without_freezing(qtbot, wizard, store, tmp_path):
    from PySide6.QtCore import QTimer

    path = _write(tmp_path / "qua-lon.xlsx", 30_000)
    ticks: list[int] = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(1))  # runs only while the GUI thread is free
    heartbeat.start()
    wizard.load(path)
    # The reading runs on the worker and reports progress to a dialog; whether Qt shows the dialog depends
    # on its estimate of the remaining time (minimumDuration), so the test reads the reported labels.
    qtbot.waitUntil(lambda: wizard.findChild(QProgressDialog) is not None, timeout=90_000)
    progress = wizard.findChild(QProgressDialog)
    shown: set[str] = set()

    def refused() -> bool:
        with contextlib.suppress(RuntimeError):  # the dialog is deleted once the reading job has finished
            shown.add(progress.labelText())
        return "hơn 20.000 dòng" in wizard.file_label.text()

    qtbot.waitUntil(refused, timeout=90_000)
    heartbeat.stop()
    assert any("Đang đọc dòng" in text for text in shown)
    assert len(ticks) >= 20  # the window kept repainting and answering while the file was read
    assert "chia thành các tệp nhỏ hơn" in wizard.file_label.text()
    assert wizard.model.rowCount() == 0 and not wizard.import_button.isEnabled()
    assert list_members(store) == []


def test_the_history_sheet_has_one_line_and_its_refused_rows_are_listed(qapp, wizard, store, tmp_path):
    install_translations(qapp, "vi")  # what the secretary reads
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append([1, "Nguyễn Văn An", "01/01/1960", "Nam", "01/01/1990", "01/01/1991", "70000001"])
    book.active.append([2, "Trần Thị Bình", "02/02/1962", "Nữ", "02/02/1992", "02/02/1993", "70000002"])
    events = book.create_sheet("Quá trình")
    events.append(["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Sự kiện", "Từ ngày", "Đến ngày"])
    events.append([1, "Nguyễn Văn An", "01/01/1960", "70000001", "Từ trần", "10/10/2023", ""])
    events.append([2, "Trần Thị Bình", "02/02/1962", "70000002", "Miễn sinh hoạt", "01/02/2020", "01/01/2020"])
    book.save(tmp_path / "qt.xlsx")
    wizard.load(tmp_path / "qt.xlsx")
    wizard.ctx.runner.wait()
    assert wizard.summary.text().splitlines()[1] == "Quá trình: 1 sự kiện sẽ được thêm, 1 bị từ chối."
    # The two members, then the refused history row, named by its sheet and row, with the reason.
    assert wizard.model.rowCount() == 3
    cells = [wizard.model.index(2, c).data() for c in range(5)]
    assert cells == ["Quá trình, dòng 3", "Trần Thị Bình", "Lỗi", "không nhập",
                     "Miễn sinh hoạt: Đến ngày 01/01/2020 phải sau từ ngày 01/02/2020."]
    assert wizard.report_button.isEnabled()
    wizard.import_button.click()
    wizard.ctx.runner.wait()
    assert {m.full_name: m.status for m in list_members(store)} == {"Nguyễn Văn An": "Từ trần",
                                                                    "Trần Thị Bình": "Chính thức"}
    assert wizard.summary.text().splitlines()[1] == "Quá trình: đã thêm 1 sự kiện, 1 bị từ chối."
