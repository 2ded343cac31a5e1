"""Start the GUI: application, translations, theme, the store, first-run wizard, main window.

The usual start (a cell is set up, the schema is current, checked with the standard library in a few
ms) shows the window at once and opens the database on the worker thread; the first run and a pending
migration take the slow path, opening the store before anything is shown.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from typing import cast

from secretary_app.db.probe import ready_with_cell
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.settings import load_settings


def _parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UserError(f"Kích thước \"{text}\" không hợp lệ; hãy viết dạng 1366x768.") from None
    return width, height


def _fail(message: str, *, headless: bool) -> int:
    if headless:
        print(f"Lỗi: {message}", file=sys.stderr)
    else:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Sổ tay Bí thư", message)
    return 1


def show_start_error(message: str) -> None:
    """A message box for a start that failed before the window (another copy has the data open…)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - the box needs one
    _fail(message, headless=False)


def run_app(args: argparse.Namespace) -> int:
    headless = bool(args.screenshot)
    if headless and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a screenshot needs no screen
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.main_window import PAGE_KEYS, MainWindow
    from ui.tasks import TaskRunner, user_message
    from ui.theme import apply_theme

    if headless and args.page in WIZARD_SHOTS:
        return _wizard_screenshot(args)
    if args.page not in PAGE_KEYS:
        print(f"Lỗi: không có trang \"{args.page}\". Các trang: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return 2
    size = _parse_size(args.size)
    # A QApplication: the one made here, or the one a test made.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Sổ tay Bí thư")
    paths = resolve_paths(args.data_dir).ensure()
    settings = load_settings(paths.settings_file)
    if args.lang:
        settings.language = args.lang
    install_translations(app, settings.language)
    apply_theme(app, large_text=settings.large_text)
    runner = TaskRunner()
    ctx = AppContext(settings=settings, runner=runner, paths=paths, headless=headless)
    if not headless:
        _encrypt_at_first_start(paths, settings)
    fast = ready_with_cell(paths.database)
    if not fast:

        try:
            ctx.store = _open_store(paths, settings, headless=headless)
        except UserError as exc:
            return _fail(exc.message, headless=headless)
        if ctx.store is None:
            return 1
        if not ctx.store.has_cell():
            if headless:
                return _fail("thư mục dữ liệu chưa có chi bộ; hãy chạy 'secretary-app --data-dir DIR demo' trước.",
                             headless=True)
            from ui.wizard import SetupWizard

            if SetupWizard(ctx).exec() != QDialog.DialogCode.Accepted:
                return 0
    window = MainWindow(ctx)
    window.resize(*size)
    window.show()
    first_page_painted = threading.Event()
    if fast:
        # Open the database only once the window and its first page are painted (the overview from its
        # snapshot): importing SQLAlchemy on the worker meanwhile would compete with them for the interpreter.
        app.processEvents()
        ctx.open_store_in_background(
            on_error=lambda exc: (_fail(user_message(exc), headless=headless), app.exit(1)),
            after=first_page_painted)

    def start() -> None:
        try:
            window.start(args.page)
            app.processEvents()  # paint it before the store's opening starts
        finally:
            first_page_painted.set()

    if headless:
        start()
        runner.wait()
        app.processEvents()
        runner.wait()
        ok = window.grab().save(args.screenshot)
        _tear_down(app, window, ctx)
        return 0 if ok else _fail(f"không lưu được ảnh vào {args.screenshot}", headless=True)
    # Build the first page after the window is on screen: its imports are the slow part of start-up.
    QTimer.singleShot(0, start)
    code = app.exec()
    _tear_down(app, window, ctx)
    return code


WIZARD_SHOTS = ("wizard", "wizard-cell", "wizard-server")  # --page for a screenshot of the first-start wizard


def _wizard_screenshot(args: argparse.Namespace) -> int:
    """The first-start wizard at one of its three paths (choice, new cell, from the server), for a person to
    look at; ``--data-dir`` should be an empty folder (nothing is saved: the wizard is only shown)."""
    from PySide6.QtWidgets import QApplication

    from secretary_app.store import Store
    from ui.context import AppContext
    from ui.i18n import install_translations
    from ui.theme import apply_theme
    from ui.wizard import SetupWizard

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    paths = resolve_paths(args.data_dir).ensure()
    settings = load_settings(paths.settings_file)
    install_translations(app, args.lang or settings.language)
    apply_theme(app, large_text=settings.large_text)
    store = Store(paths, daily_backups=(0, 0))
    try:
        wizard = SetupWizard(AppContext.for_store(store, settings))
        wizard.resize(*_parse_size(args.size))
        wizard.show()
        if args.page != "wizard":
            (wizard.choice.own if args.page == "wizard-cell" else wizard.choice.server).setChecked(True)
            wizard.next()
        app.processEvents()
        ok = wizard.grab().save(args.screenshot)
        wizard.close()
    finally:
        store.close()
    return 0 if ok else _fail(f"không lưu được ảnh vào {args.screenshot}", headless=True)


def _open_store(paths, settings, *, headless: bool):
    """The store; for data encrypted with a passphrase, asked for here (three tries), never stored."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from secretary_app.db.crypto import NeedsKey, use_passphrase
    from secretary_app.store import Store

    explained = False
    for _attempt in range(3):
        try:
            return Store(paths, daily_backups=(settings.backup_days, settings.backup_months))
        except NeedsKey as exc:
            if headless:
                raise
            text = (exc.message if explained else
                    "Dữ liệu của chi bộ trên máy này được mã hóa bằng mật khẩu (máy không có kho khóa để tự giữ "
                    "khóa). Hãy nhập mật khẩu dữ liệu:")
            explained = True
            passphrase, ok = QInputDialog.getText(None, "Sổ tay Bí thư", text, QLineEdit.EchoMode.Password)
            if not ok:
                return None
            use_passphrase(passphrase)
    raise UserError("Mật khẩu dữ liệu không đúng. Hãy mở lại chương trình và nhập đúng mật khẩu; nếu đã quên, "
                    "hãy thiết lập lại máy từ máy chủ đồng bộ.")


def _encrypt_at_first_start(paths, settings) -> None:
    """A plain database is encrypted once, at a start of the window, with a key the OS keyring keeps.
    Where there is no keyring the question is not asked again: the Cài đặt page offers a passphrase."""
    if not settings.encrypt_data or settings.encryption_checked or not paths.database.exists():
        return
    from secretary_app.credentials import Credentials
    from secretary_app.db.crypto import KEYRING_SERVICE, is_encrypted
    from secretary_app.services.encryption import encrypt_folder
    from secretary_app.settings import save_settings

    if not is_encrypted(paths.database) and Credentials(KEYRING_SERVICE).available:
        try:
            encrypt_folder(paths)
        except UserError:
            return  # left plain; the Cài đặt page says so and offers it again
    settings.encryption_checked = True
    save_settings(settings, paths.settings_file)


def _tear_down(app, window, ctx) -> None:
    """Destroy the widgets while Python is still fully alive. Left to interpreter shutdown, PySide6
    sometimes frees them during the final garbage collection and aborts ("none_dealloc")."""
    import gc

    window.close()
    ctx.runner.wait()
    ctx.runner.shutdown()
    window.deleteLater()
    app.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if ctx.store is not None:
        ctx.store.close()
    gc.collect()
