"""``secretary-app sync``: log in to the server, run one full sync, list open conflicts and resolve one."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sync", help="đồng bộ với máy chủ của cấp ủy cấp trên")
    parser.set_defaults(handler=run_sync)
    inner = parser.add_subparsers(dest="sync_command", metavar="LỆNH")
    login = inner.add_parser("login", help="đăng nhập máy chủ (mật khẩu đọc từ stdin)")
    login.add_argument("--server", required=True, help="địa chỉ máy chủ, ví dụ https://dongbo.example.vn")
    login.add_argument("--username", required=True)
    login.set_defaults(handler=run_login)
    conflicts = inner.add_parser("conflicts", help="liệt kê các xung đột chưa giải quyết")
    conflicts.set_defaults(handler=run_conflicts)
    resolve = inner.add_parser("resolve", help="giải quyết một xung đột (gửi đi ở lần đồng bộ sau)")
    resolve.add_argument("conflict_id", metavar="MÃ_XUNG_ĐỘT",
                         help="mã xung đột in ở lệnh \"sync conflicts\" (đủ 8 ký tự đầu là được)")
    resolve.add_argument("--keep", required=True, choices=("server", "mine"),
                         help="server: giữ giá trị trên máy chủ; mine: dùng giá trị của máy này")
    resolve.set_defaults(handler=run_resolve)


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Mật khẩu: ")
    return sys.stdin.readline().rstrip("\r\n")


def run_login(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    cell = service.login(store, args.server, args.username, _password()).value
    print(f"Đã đăng nhập {args.server} với tài khoản {args.username} (chi bộ \"{cell}\").")
    return 0


def run_sync(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    report = service.sync_now(store).value
    print(f"pushed={report.pushed} pulled={report.pulled} conflicts={report.conflicts} "
          f"rejected={report.rejected}")
    print(report.line())
    return 0


def run_conflicts(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    status = service.status(store)
    if not status.conflicts:
        print("Không có xung đột nào chưa giải quyết.")
        return 0
    print(f"{len(status.conflicts)} xung đột chưa giải quyết:")
    for c in status.conflicts:
        record = f" \"{c.record_label}\"" if c.record_label else ""
        for label, kept, other in c.fields:
            print(f"- {c.entity_label}{record} · {label}: trên máy chủ \"{kept}\" · giá trị khác \"{other}\" "
                  f"(do {c.by or 'máy khác'} gửi; mã xung đột {c.id})")
    print("Giải quyết: secretary-app sync resolve MÃ_XUNG_ĐỘT --keep server|mine")
    return 0


def run_resolve(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import resolve

    conflict_id = resolve.find_conflict(store, args.conflict_id)
    resolve.resolve_conflict(store, conflict_id, "server" if args.keep == "server" else "mine")
    kept = "giá trị trên máy chủ" if args.keep == "server" else "giá trị của máy này"
    print(f"Đã ghi quyết định cho xung đột {conflict_id}: {kept}. Quyết định được gửi lên máy chủ ở lần "
          "đồng bộ tới (secretary-app sync).")
    return 0
