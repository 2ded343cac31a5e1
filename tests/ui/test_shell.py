import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWizard

from secretary_app.services.cell import get_cell
from secretary_app.settings import Settings
from ui.context import AppContext
from ui.i18n import install_translations
from ui.main_window import PAGE_KEYS, MainWindow
from ui.tasks import TaskRunner
from ui.wizard import SetupWizard

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, store):
    runner = TaskRunner()
    window = MainWindow(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(window)
    return window, runner


def test_wizard_sets_up_the_cell_and_lands_on_the_main_window(qtbot, qapp, store):
    install_translations(qapp, "vi")
    runner = TaskRunner()
    wizard = SetupWizard(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Tiếp >"  # Qt's own buttons in Vietnamese
    wizard.next()
    form = wizard.cell_page.form
    form.name.setText("Chi bộ Khu dân cư số 3")
    # A wrong field keeps the person on the page with a plain message (the save ran on the worker).
    form.superior.setText("Huyện ủy Sóc Sơn")
    wizard.next()
    runner.wait()
    assert wizard.currentId() == SetupWizard.PAGE_CELL and wizard.isVisible()
    assert "huyện" in wizard.cell_page.error.text()
    form.superior.setText("Đảng bộ xã Tuy Lộc")
    form.place.setText("Tuy Lộc")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    runner.wait()
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible()
    assert get_cell(store).name == "Chi bộ Khu dân cư số 3"
    runner.shutdown()
    window, runner = _window(qtbot, store)
    window.start("overview")
    runner.wait()
    assert "Chi bộ Khu dân cư số 3" in window.cell_label.text()
    runner.shutdown()


def test_demo_choice_in_the_wizard_opens_the_demo_cell(qtbot, store):
    runner = TaskRunner()
    wizard = SetupWizard(AppContext.for_store(store, Settings(), runner))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice.demo.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    runner.wait(30000)
    runner.shutdown()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert get_cell(store).name == "Chi bộ Tổ dân phố số 5"


def test_every_page_opens_and_search_ignores_diacritics(qtbot, qapp, demo_store):
    install_translations(qapp, "vi")
    window, runner = _window(qtbot, demo_store)
    for key in PAGE_KEYS:
        window.show_page(key)
        runner.wait()
    members = window.page("members")
    assert members.model.rowCount() == 25
    for query in ("nguyen thi huong", "NGUYEN THI HUONG", "Nguyễn Thị Hường"):
        members.search.setText(query)
        names = [members.proxy.index(r, 0).data() for r in range(members.proxy.rowCount())]
        assert names == ["Nguyễn Thị Hường"]
    members.search.setText("đ")
    assert members.proxy.rowCount() >= 3
    runner.shutdown()


def test_translation_catalogues_cover_every_ui_string(tmp_path):
    """No English left in the Vietnamese UI: every tr() string in ui/ has a translation."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import i18n  # type: ignore[import-not-found]  # scripts/i18n.py, on sys.path from the line above

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    missing = []
    for name in i18n.CATALOGUES:
        fresh = tmp_path / f"{name}.ts"
        (tmp_path / f"{name}.ts").write_bytes((i18n.FOLDER / f"{name}.ts").read_bytes())
        subprocess.run([str(lupdate), *i18n.sources(name), "-no-obsolete", "-ts", str(fresh)], cwd=ROOT,
                       check=True, capture_output=True)
        missing += i18n.unfinished(fresh)
    assert missing == []


def test_screenshot_command_writes_a_vietnamese_window(tmp_path):
    data = tmp_path / "d"
    subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(data), "demo"], check=True,
                   capture_output=True, timeout=120)
    png = tmp_path / "s.png"
    result = subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(data), "--screenshot",
                             str(png), "--page", "members"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1366, 768)


def test_screenshot_of_an_unknown_page_is_a_usage_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "secretary_app", "--data-dir", str(tmp_path), "--screenshot",
                             str(tmp_path / "x.png"), "--page", "nope"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_launch_args_reach_the_app():
    from secretary_app.cli import build_parser

    args = build_parser().parse_args(["--data-dir", "X", "--screenshot", "s.png", "--page", "members"])
    assert isinstance(args, argparse.Namespace) and args.page == "members" and args.command is None


def test_alt_number_jumps_to_a_page_and_every_entry_has_an_icon(qtbot, demo_store):
    """The shortcuts and icons are added once the window is on screen (start-up speed); they must be there
    before anyone can press a key."""
    from PySide6.QtCore import Qt

    window, runner = _window(qtbot, demo_store)
    window.show()
    window.start("overview")
    runner.wait()
    qtbot.waitExposed(window)
    assert all(not window.navigation.item(row).icon().isNull() for row in range(len(PAGE_KEYS)))
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    runner.wait()
    assert window.navigation.currentRow() == PAGE_KEYS.index("meetings")
    assert window.stack.currentWidget() is window.page("meetings")
    runner.shutdown()


def test_a_command_is_recognised_after_the_windows_options_and_a_typo_is_named(capsys):
    """The GUI's options are parsed first without the subcommands; anything left over brings them in."""
    from secretary_app.cli import parse_args

    args = parse_args(["--data-dir", "X", "export", "agenda", "--latest", "-o", "a.pdf"])
    assert args.command == "export" and args.data_dir == "X"
    assert parse_args(["--data-dir", "X", "--page", "dues"]).command is None
    with pytest.raises(SystemExit) as stop:
        parse_args(["--data-dir", "X", "exprot"])
    assert stop.value.code == 2 and "invalid choice" in capsys.readouterr().err
