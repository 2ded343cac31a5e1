"""``secretary-app member export-data NAME -o FILE`` (a member's own data, PDF or DOCX) and
``secretary-app member erase NAME --yes`` (personal details of a member who has left; docs/privacy.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("member", help="dữ liệu cá nhân của một đảng viên: xuất cho đương sự / xóa khi đã đi")
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    export = actions.add_parser("export-data", help="xuất toàn bộ dữ liệu của một đảng viên (PDF hoặc DOCX)")
    export.add_argument("member", metavar="HỌ_TÊN_HOẶC_MÃ")
    export.add_argument("-o", "--output", required=True, metavar="TỆP")
    export.set_defaults(handler=run_export)
    erase = actions.add_parser("erase", help="xóa thông tin cá nhân không cần lưu trữ của người đã rời chi bộ")
    erase.add_argument("member", metavar="HỌ_TÊN_HOẶC_MÃ")
    erase.add_argument("--yes", action="store_true", help="xác nhận")
    erase.set_defaults(handler=run_erase)


def run_export(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.services.privacy import export_member_data, find_member

    path = export_member_data(store, find_member(store, args.member), Path(args.output))
    print(f"Đã xuất dữ liệu cá nhân ra {path}")
    return 0


def run_erase(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.services.privacy import erase_personal_data, find_member

    member = find_member(store, args.member)
    if not args.yes:
        print("Lỗi: việc xóa không hoàn tác được; chạy lại với --yes để xác nhận.")
        return 2
    cleared, _ = erase_personal_data(store, member)
    print(f"Đã xóa: {', '.join(cleared) or 'không có thông tin nào cần xóa'}. Hồ sơ đảng và quá trình được giữ lại.")
    return 0
