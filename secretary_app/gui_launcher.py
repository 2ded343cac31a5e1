"""The composition root's GUI half: the only module of secretary_app that reaches into ``ui``."""

from __future__ import annotations

import argparse


def launch_gui(args: argparse.Namespace) -> int:
    try:
        from ui.app import run_app
    except ImportError as exc:  # a broken Qt install must still give one clear line
        import sys

        print(f"Lỗi: không khởi động được giao diện Qt ({exc}). Hãy chạy lại: bash scripts/dev.sh run",
              file=sys.stderr)
        return 1
    from secretary_app.errors import UserError
    from secretary_app.instance import InstanceLock
    from secretary_app.paths import resolve_paths

    try:
        with InstanceLock(resolve_paths(args.data_dir).data_dir, "gui"):
            return run_app(args)
    except UserError as exc:
        import sys

        print(f"Lỗi: {exc.message}", file=sys.stderr)
        if not args.screenshot:
            from ui.app import show_start_error

            show_start_error(exc.message)  # a double-click on the icon has no terminal to read
        return 1
