"""``secretary-app backup create [FILE] | list | restore FILE [--yes]``.

These work on the data folder without opening the database through the store first, so that a damaged
database can still be restored from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.paths import AppPaths

REASONS = {"auto": "tự động", "manual": "thủ công", "before-restore": "trước khi khôi phục"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("backup", help="sao lưu và khôi phục dữ liệu")
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    create = actions.add_parser("create", help="sao lưu ngay (vào thư mục sao lưu, hoặc vào TỆP / thư mục đã chọn)")
    create.add_argument("file", nargs="?", metavar="TỆP", help="tệp hoặc thư mục đích, ví dụ trên USB")
    create.set_defaults(handler=run_create, without_store=True)
    listing = actions.add_parser("list", help="các bản sao lưu, mới nhất trước")
    listing.set_defaults(handler=run_list, without_store=True)
    restore = actions.add_parser("restore", help="khôi phục từ một bản sao lưu (hỏi lại trước khi làm)")
    restore.add_argument("file", metavar="TỆP")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại")
    restore.add_argument("--key-file", metavar="TỆP", help="tệp khóa của bản sao lưu đã mã hóa (từ máy khác)")
    restore.set_defaults(handler=run_restore, without_store=True)


def _label(reason: str) -> str:
    if reason.startswith("before-") and reason not in REASONS:
        return "trước khi nâng cấp dữ liệu"
    return REASONS.get(reason, reason)


def run_create(args: argparse.Namespace, paths: AppPaths) -> int:
    from secretary_app.services.backups import create_backup

    made = create_backup(paths, Path(args.file) if args.file else None)
    print(f"Đã sao lưu: {made.path} ({made.members} đảng viên, {made.meetings} kỳ sinh hoạt, "
          f"{made.documents} văn bản; nhật ký thay đổi: {made.audit})")
    return 0


def run_list(args: argparse.Namespace, paths: AppPaths) -> int:
    from secretary_app.db.backup import list_backups

    backups = list_backups(paths.backups)
    if not backups:
        print(f"Chưa có bản sao lưu nào trong {paths.backups}.")
    for backup in backups:
        print(f"{backup.taken_at:%d/%m/%Y %H:%M}\t{_label(backup.reason)}\t{backup.size // 1024} KB\t{backup.path}")
    return 0


def run_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from secretary_app.services.backups import preview as preview_file
    from secretary_app.services.backups import restore_backup

    key_file = Path(args.key_file) if args.key_file else None
    preview = preview_file(paths, Path(args.file), key_file)
    print(f"Bản sao lưu: {preview.path.name}, lúc {preview.taken_at:%H:%M ngày %d/%m/%Y}\n"
          f"  {preview.cell_name} — {preview.superior_name}\n"
          f"  {preview.members} đảng viên, {preview.meetings} kỳ sinh hoạt, {preview.documents} văn bản")
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            print("Lỗi: cần xác nhận; chạy lại với --yes để khôi phục.", file=sys.stderr)
            return 2
        answer = input("Dữ liệu hiện tại sẽ được sao lưu rồi thay bằng bản này. Khôi phục? [c/K] ")
        if answer.strip().lower() not in ("c", "có", "co", "y", "yes"):
            print("Không khôi phục; dữ liệu giữ nguyên.")
            return 1
    before = restore_backup(paths, preview.path, key_file)
    print("Đã khôi phục." + (f" Dữ liệu trước đó được giữ trong {before}." if before else ""))
    print("Máy này sẽ đồng bộ như một máy mới: những thay đổi chưa gửi trong bản sao lưu sẽ được gửi lại.")
    return 0
