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

    try:
        return run_app(args)
    except UserError as exc:
        import sys

        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 1
