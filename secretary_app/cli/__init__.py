"""The command line: every main job of the GUI can also be run headless.

Each area registers its subcommands in a module of its own (``register(subparsers)``); errors a
person can act on are one clear line and exit code 1 (2 for usage), never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from secretary_app import APP_TITLE, __version__
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths

if TYPE_CHECKING:
    from secretary_app.store import Store

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, "Store"], int]

# Each subcommand is registered by the module of ``secretary_app.cli`` with the same name (help order).
COMMANDS = ("setup", "demo", "roster", "export", "sync", "admissions", "backup", "encrypt", "member")


def build_parser(*, with_commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; ``with_commands=False`` leaves out the subcommands, whose modules cost start-up
    time the GUI does not need, and ``only`` registers that one subcommand alone: a command run from a
    script (``export … --format pdf``) need not import the other eight modules nor build their parsers
    (argparse looks up a translation catalogue for every help text it formats). See ``parse_args``."""
    parser = argparse.ArgumentParser(
        prog="secretary-app",
        description=f"{APP_TITLE} — công cụ dành cho bí thư chi bộ. Không có lệnh: mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"secretary-app {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu (mặc định: thư mục người dùng)")
    parser.add_argument("--screenshot", metavar="PNG", help="chụp cửa sổ chính vào tệp PNG rồi thoát")
    parser.add_argument("--page", metavar="NAME", default="overview",
                        help="trang mở khi khởi động (overview, members, meetings, documents, dues, "
                             "admissions, sync, settings)")
    parser.add_argument("--size", metavar="WxH", default="1366x768", help="kích thước cửa sổ khi chụp")
    parser.add_argument("--lang", choices=("vi", "en"), help="ngôn ngữ giao diện")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    from importlib import import_module

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        import_module(f"secretary_app.cli.{name}").register(sub)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line, trying the GUI's options alone first: starting the window is the common
    case, and the subcommands are only registered when something is left over (or help is asked for).
    A known command name left over registers that command alone; anything else (a typo, a bare option,
    the top-level help) gets every command, so a mistyped command still gets argparse's "invalid choice"
    message and the help lists them all."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help"} & set(argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            return args
        if rest[0] in COMMANDS:
            return build_parser(only=rest[0]).parse_args(argv)
    elif argv and argv[0] in COMMANDS:  # "export --help": that command's own help
        return build_parser(only=argv[0]).parse_args(argv)
    return build_parser().parse_args(argv)


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand with its store, holding the data folder's one-copy lock; a UserError becomes one
    line on stderr and exit code 1. A command that must work when the database does not open (restoring a
    backup) sets ``without_store`` and gets the folders instead."""
    from secretary_app.instance import InstanceLock
    from secretary_app.store import Store

    store: Store | None = None
    paths = resolve_paths(args.data_dir)
    try:
        with InstanceLock(paths.data_dir, "cli", args.command):
            if getattr(args, "without_store", False):
                collect_garbage_again()
                return int(args.handler(args, paths))
            handler: Handler = args.handler
            store = Store(paths)
            collect_garbage_again()
            return handler(args, store)
    except UserError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Lỗi: không đọc/ghi được tệp ({exc.strerror or exc}): {exc.filename or ''}".rstrip(),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception as exc:  # the last net: one line for the user, the details in the log
        log.debug("Unexpected error", exc_info=True)
        print(f"Lỗi không mong đợi: {exc.__class__.__name__}: {exc}. Dữ liệu đã lưu trước đó không bị ảnh hưởng.",
              file=sys.stderr)
        return 1
    finally:
        if store is not None:
            store.close()


def collect_garbage_again(*, freeze: bool = True) -> None:
    """Turn Python's cycle collector back on if the program's entry point paused it for start-up
    (secretary_app/__main__.py). What start-up made (modules, classes, the ORM's mappers, the open store)
    lives until the process ends, so it is first moved out of the collector's sight (``gc.freeze``):
    later collections look only at what the command itself makes."""
    import gc

    if not gc.isenabled():
        if freeze:
            gc.freeze()
        gc.enable()


def exit_without_teardown(code: int) -> NoReturn:
    """End the process now, after what an exit must do (the atexit handlers, e.g. logging's flush, and the
    standard streams), but without Python's teardown of every module and object: for a command that has
    closed its store and lock, that teardown is only memory the system takes back anyway, yet it was ~6% of
    a whole-process PDF export (issue 11, bench/documents.py)."""
    import atexit
    import contextlib
    import os

    try:
        atexit._run_exitfuncs()  # CPython's own exit step (no public name); runs each handler, reports errors
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
                stream.flush()
        os._exit(code)


def main(argv: Sequence[str] | None = None, *, fast_exit: bool = False) -> int:
    """Run a subcommand, or the window when there is none. ``fast_exit`` (the program's own entry points,
    never a caller that goes on running) ends the process as soon as a subcommand is done: see
    ``exit_without_teardown``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    if args.command:
        code = run_command(args)
        import threading

        if fast_exit and threading.active_count() == 1:  # else Python waits for the other threads, as always
            exit_without_teardown(code)
        return code
    # No command: the GUI. The composition root imports ui lazily, so the CLI works without Qt.
    collect_garbage_again(freeze=False)  # the window runs for hours: collected as it always was
    from secretary_app.gui_launcher import launch_gui

    return launch_gui(args)
