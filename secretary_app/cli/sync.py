"""``secretary-app sync``: log in to the server, run one full sync, list open conflicts and resolve one.

Without an OS keyring the session cannot be remembered between runs; ``sync --username U --password-stdin``
logs in and syncs in one run (nothing is written to a file)."""

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
    parser.add_argument("--username", metavar="TÊN", help="đăng nhập rồi đồng bộ trong cùng lệnh (cùng --password-stdin)")
    parser.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    parser.add_argument("--server", metavar="URL", help="địa chỉ máy chủ (mặc định: máy chủ đã đăng nhập lần trước)")
    first = parser.add_mutually_exclusive_group()
    first.add_argument("--merge", action="store_true",
                       help="lần đồng bộ đầu: gộp dữ liệu máy này với chi bộ trên máy chủ (hai máy của một chi bộ)")
    first.add_argument("--keep-apart", action="store_true",
                       help="lần đồng bộ đầu: giữ riêng dữ liệu máy này, không gửi gì")
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
    logout = inner.add_parser("logout", help="đăng xuất máy chủ (dữ liệu trên máy giữ nguyên)")
    logout.set_defaults(handler=run_logout)
    forget = inner.add_parser("forget", help="quên máy này: xóa phiên đăng nhập và địa chỉ máy chủ, giữ dữ liệu")
    forget.set_defaults(handler=run_forget)
    password = inner.add_parser("password", help="đổi mật khẩu (mật khẩu cũ rồi mật khẩu mới, mỗi dòng một, từ stdin)")
    password.set_defaults(handler=run_password)


def read_password(prompt: str = "Mật khẩu: ") -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


_password = read_password


def run_login(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    outcome = service.login(store, args.server, args.username, _password()).value
    if not outcome.remembered:
        # Logging in worked, but nothing can keep the session past this command: say so, not "logged in".
        print(f"Mật khẩu đúng (chi bộ \"{outcome.cell_name}\"), nhưng {service.NO_KEYRING_CLI}", file=sys.stderr)
        return 1
    print(f"Đã đăng nhập {args.server} với tài khoản {args.username} (chi bộ \"{outcome.cell_name}\").")
    return 0


def run_sync(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.errors import UserError
    from secretary_app.sync import service

    if args.keep_apart:
        service.forget_this_pc(store)
        print("Đã giữ riêng dữ liệu máy này: không gửi gì, và máy này không còn gắn với máy chủ. Để nhận chi bộ từ "
              "máy chủ, dùng một thư mục dữ liệu khác: secretary-app --data-dir THƯ_MỤC setup --server URL "
              "--username TÊN.")
        return 0
    if args.password_stdin or args.username:
        if not (args.password_stdin and args.username):
            raise UserError("Đăng nhập trong lệnh sync cần cả --username TÊN và --password-stdin.")
        server = args.server or service.status(store).server_url
        if not server:
            raise UserError("Máy này chưa biết địa chỉ máy chủ: thêm --server URL.")
        service.login(store, server, args.username, read_password())
    try:
        report = service.sync_now(store, first_sync="merge" if args.merge else None).value
    except service.FirstSyncChoice as exc:
        raise UserError(f"{exc.message} Chạy lại với --merge (gộp) hoặc --keep-apart (giữ riêng).") from exc
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


def run_logout(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    service.logout(store)
    print("Đã đăng xuất. Dữ liệu trên máy giữ nguyên; các thay đổi mới sẽ gửi đi khi đăng nhập lại.")
    return 0


def run_forget(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    service.forget_this_pc(store)
    print("Máy này đã quên máy chủ: phiên đăng nhập đã xóa, dữ liệu giữ nguyên. Đăng nhập lại bằng "
          "secretary-app sync login --server URL --username TÊN.")
    return 0


def run_password(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.sync import service

    old = read_password("Mật khẩu hiện tại: ")
    new = read_password("Mật khẩu mới: ")
    service.change_password(store, old, new)
    print("Đã đổi mật khẩu. Các máy khác của tài khoản này phải đăng nhập lại bằng mật khẩu mới.")
    return 0
