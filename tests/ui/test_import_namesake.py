"""Issue #17: importing a second "Nguyễn Thị Hường" born on another day is shown in the wizard as a warning
that names the stored member's birth date, not silently as one more "thêm mới"."""

from __future__ import annotations

from secretary_app.settings import Settings
from tests.ui.walk import roster_file
from ui.context import AppContext
from ui.i18n import install_translations
from ui.roster.import_dialog import ImportDialog
from ui.tasks import TaskRunner


def test_a_namesake_with_another_birth_date_is_a_warning_in_the_preview(qtbot, qapp, demo_store, tmp_path):
    install_translations(qapp, "vi")
    runner = TaskRunner()
    dialog = ImportDialog(AppContext.for_store(demo_store, Settings(), runner))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(roster_file(tmp_path))  # "Nguyễn Thị Hường", born 03/02/1971; the demo's was born in 1964
    runner.wait()
    qapp.processEvents()
    row = [dialog.model.index(0, column).data() for column in range(dialog.model.columnCount())]
    assert row[1] == "Nguyễn Thị Hường"
    assert row[2] == "Cảnh báo" and row[3] == "thêm mới"
    assert "Cùng họ tên với đảng viên đã có sinh ngày" in row[4] and "khác ngày sinh" in row[4]
    runner.shutdown()
