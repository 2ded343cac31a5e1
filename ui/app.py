"""Start the GUI: application, translations, theme, the store, first-run wizard, main window."""

from __future__ import annotations

import argparse
import os
import sys

from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.settings import load_settings
from secretary_app.store import Store


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UserError(f"Kích thước \"{text}\" không hợp lệ; hãy viết dạng 1366x768.") from None
    return width, height


def run_app(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a screenshot needs no screen
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.main_window import PAGE_KEYS, MainWindow
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme
    from ui.wizard import SetupWizard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sổ tay Bí thư")
    paths = resolve_paths(args.data_dir).ensure()
    settings = load_settings(paths.settings_file)
    if args.lang:
        settings.language = args.lang
    install_translations(app, settings.language)
    apply_theme(app, large_text=settings.large_text)
    try:
        store = Store(paths)
    except UserError as exc:
        if args.screenshot:
            print(f"Lỗi: {exc.message}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Sổ tay Bí thư", exc.message)
        return 1
    if args.page not in PAGE_KEYS:
        print(f"Lỗi: không có trang \"{args.page}\". Các trang: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return 2
    if not store.has_cell():
        if args.screenshot:
            print("Lỗi: thư mục dữ liệu chưa có chi bộ; hãy chạy 'secretary-app --data-dir DIR demo' trước.",
                  file=sys.stderr)
            return 1
        wizard = SetupWizard(store)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return 0
    runner = TaskRunner()
    window = MainWindow(AppContext(store=store, settings=settings, runner=runner))
    window.resize(*_parse_size(args.size))
    window.show_page(args.page)
    window.show()
    if args.screenshot:
        runner.wait()
        app.processEvents()
        runner.wait()
        ok = window.grab().save(args.screenshot)
        window.close()
        runner.shutdown()
        store.close()
        if not ok:
            print(f"Lỗi: không lưu được ảnh vào {args.screenshot}", file=sys.stderr)
            return 1
        return 0
    code = app.exec()
    runner.shutdown()
    store.close()
    return code
