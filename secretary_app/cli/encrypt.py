"""``secretary-app encrypt [--passphrase-stdin] [--export-key FILE]``: encrypt this folder's data (after a
backup), or save its key to a file for restoring its backups on another PC."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.paths import AppPaths


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("encrypt", help="mã hóa dữ liệu (khóa trong kho khóa, hoặc mật khẩu) / lưu tệp khóa")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="đọc mật khẩu dữ liệu từ stdin (máy không có kho khóa)")
    parser.add_argument("--export-key", metavar="TỆP", help="lưu khóa vào tệp để khôi phục bản sao lưu ở máy khác")
    parser.set_defaults(handler=run, without_store=True)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from secretary_app.db.crypto import is_encrypted
    from secretary_app.services.backups import export_key
    from secretary_app.services.encryption import encrypt_folder

    if not is_encrypted(paths.database):
        passphrase = sys.stdin.readline().rstrip("\n") if args.passphrase_stdin else ""
        done = encrypt_folder(paths, passphrase)
        where = "trong kho khóa của hệ điều hành" if done.key_in_keyring else "bằng mật khẩu bạn vừa đặt"
        print(f"Đã mã hóa dữ liệu ({done.members} đảng viên) và {done.backups} bản sao lưu; khóa được giữ {where}.")
    elif not args.export_key:
        print("Dữ liệu này đã được mã hóa.")
    if args.export_key:
        target = export_key(paths, Path(args.export_key))
        print(f"Đã lưu khóa vào {target}. Hãy cất tệp này riêng, không để cùng bản sao lưu.")
    return 0
