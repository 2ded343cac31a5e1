"""The Cài đặt page lists the rules in force today, read from the dated data through the worker, with
their effective dates, sources and notes; an edited copy of the data shows up there too."""

from __future__ import annotations

import json

from secretary_app.settings import Settings, load_settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.pages.settings import SettingsPage
from ui.tasks import TaskRunner


def _rows(page: SettingsPage) -> list[list[str]]:
    table = page.rules
    items = [[table.item(r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]
    return [[item.text() if item is not None else "" for item in row] for row in items]


def _open(qtbot, qapp, store) -> tuple[SettingsPage, TaskRunner]:
    install_translations(qapp, "vi")
    runner = TaskRunner()
    page = SettingsPage(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.rules.rowCount() > 0, timeout=10000)
    return page, runner


def test_rules_in_force_are_listed_with_date_source_and_note(qtbot, qapp, store):
    page, runner = _open(qtbot, qapp, store)
    try:
        headers = [page.rules.horizontalHeaderItem(c).text() for c in range(page.rules.columnCount())]
        assert headers == ["Nội dung", "Quy định", "Hiệu lực từ", "Nguồn", "Ghi chú"]
        rows = _rows(page)
        expulsion = next(r for r in rows if r[1].startswith("Kỷ luật khai trừ"))
        assert expulsion[:3] == ["Ngưỡng biểu quyết", "Kỷ luật khai trừ: ít nhất 2/3 số đảng viên trong mẫu số",
                                 "01/07/2025"]
        assert "QĐ 69-QĐ/TW" in expulsion[3] and "[?] chưa kiểm chứng" in expulsion[3]
        assert "rules.md" not in expulsion[3]  # the project's own notes file means nothing to a secretary
        assert "Quy định 20-QĐ/TW" in expulsion[4]
        duration = next(r for r in rows if r[1].startswith("Thời lượng sinh hoạt thường kỳ"))
        assert duration[1:3] == ["Thời lượng sinh hoạt thường kỳ tối thiểu: 90 phút", "06/07/2018"]
        assert "Quy định 20-QĐ/TW" not in duration[4]  # HD 12 does not rest on QĐ 294
        assert not page.unconfirmed_holidays.isChecked()
        assert any("Không tính khi tính thời hạn" in r[4] for r in rows if r[0] == "Ngày làm việc")
        assert page.rules.editTriggers() == page.rules.EditTrigger.NoEditTriggers
    finally:
        runner.shutdown()


def test_the_unconfirmed_holiday_setting_is_saved(qtbot, qapp, store):
    page, runner = _open(qtbot, qapp, store)
    try:
        page.unconfirmed_holidays.setChecked(True)
        assert load_settings(store.paths.settings_file).count_unconfirmed_holidays is True
        qtbot.waitUntil(lambda: any("Đang được tính khi tính thời hạn" in r[4] for r in _rows(page)), timeout=10000)
    finally:
        runner.shutdown()


def test_an_edited_copy_of_the_data_is_what_the_page_shows(qtbot, qapp, store, rules_copy):
    path = rules_copy / "meeting_durations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["regular_min_minutes"]["value"] = 100
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page, runner = _open(qtbot, qapp, store)
    try:
        assert any(r[1] == "Thời lượng sinh hoạt thường kỳ tối thiểu: 100 phút" for r in _rows(page))
    finally:
        runner.shutdown()
