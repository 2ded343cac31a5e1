"""``secretary-server``: run the sync server and manage cells and users.

    secretary-server serve --host 127.0.0.1 --port 8765 [--database-url URL]
    secretary-server create-cell --name "Chi bộ …" --superior "Đảng bộ phường …" [--place P] [--region 1-4]
                                 [--type residential|…] [--term-start DD/MM/YYYY]
    secretary-server create-user --cell NAME --role secretary --username U   (password on stdin)
    secretary-server disable-user --username U
    secretary-server reset-password --username U                              (password on stdin)
    secretary-server bump-epoch [--cell NAME]        (after restoring a backup: clients re-send)
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from argon2 import PasswordHasher
from sqlalchemy import Engine, insert, select, update

from models.base import new_id, utcnow
from secretary_app.server.auth import (
    ROLES,
    Authenticator,
    WeakPassword,
    check_password,
    record_event,
    revoke_user_tokens,
)
from secretary_app.server.cell_record import CELL_TYPES, seed_values, write_seed
from secretary_app.server.db import (
    cell_sync_state,
    default_database_url,
    make_engine,
    migrate,
    user_cells,
    users,
    write_transaction,
)

ENV_URL = "SECRETARY_SERVER_DATABASE_URL"


class AdminError(Exception):
    pass


def _database_url(args: argparse.Namespace) -> str:
    import os

    if args.database_url:
        return str(args.database_url)
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    data_dir = Path(args.data_dir) if args.data_dir else Path(platformdirs.user_data_dir("so-tay-bi-thu-server",
                                                                                          appauthor=False))
    return default_database_url(data_dir)


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise AdminError("Hai lần nhập mật khẩu không khớp.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _check_password(password: str, username: str) -> None:
    try:
        check_password(password, username)
    except WeakPassword as exc:
        raise AdminError(str(exc)) from None


def _log_to(path: Path) -> None:
    """Auth events and the access log also go to ``path``, created readable by the owner only."""
    import logging
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    for name in ("secretary_app", "uvicorn", "uvicorn.access", "uvicorn.error"):
        logging.getLogger(name).addHandler(handler)
    logging.getLogger("secretary_app").setLevel(logging.INFO)


def create_cell(engine: Engine, name: str, superior: str, *, place: str = "", region: int = 1,
                cell_type: str = "residential", term_start: dt.date | None = None) -> uuid.UUID:
    """The cell and its details as a synced record (the seed), so a fresh PC that logs in receives them."""
    values = seed_values(name, superior, place=place, region=region, cell_type=cell_type, term_start=term_start)
    with write_transaction(engine) as conn:
        if conn.scalar(select(cell_sync_state.c.cell_id).where(cell_sync_state.c.name == name)):
            raise AdminError(f"Đã có chi bộ tên \"{name}\".")
        cell_id, now = new_id(), utcnow()
        digest = write_seed(conn, cell_id, values, seq=1, digest="0" * 64, now=now)
        conn.execute(insert(cell_sync_state).values(cell_id=cell_id, name=name, superior_name=superior,
                                                    server_seq=1, epoch=uuid.uuid4(), digest=digest,
                                                    created_at=now))
    return cell_id


def _term_start(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise AdminError(f"Ngày bắt đầu nhiệm kỳ \"{text}\" không hợp lệ; hãy viết dạng 20/08/2025.") from None


def _cell_id(conn, name: str) -> uuid.UUID:
    cell_id = conn.scalar(select(cell_sync_state.c.cell_id).where(cell_sync_state.c.name == name))
    if cell_id is None:
        raise AdminError(f"Không có chi bộ tên \"{name}\". Tạo bằng lệnh create-cell trước.")
    return cell_id


def create_user(engine: Engine, hasher: PasswordHasher, username: str, role: str, password: str,
                cells: Sequence[str] = ()) -> uuid.UUID:
    _check_password(password, username)
    if role not in ROLES:
        raise AdminError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    if role in ("secretary", "deputy") and len(cells) != 1:
        raise AdminError("Bí thư và phó bí thư thuộc đúng một chi bộ: hãy ghi --cell.")
    auth = Authenticator(engine, hasher=hasher)
    with write_transaction(engine) as conn:
        if conn.scalar(select(users.c.id).where(users.c.username == username)):
            raise AdminError(f"Đã có người dùng \"{username}\".")
        cell_ids = [_cell_id(conn, name) for name in cells]
        user_id = new_id()
        conn.execute(insert(users).values(
            id=user_id, username=username, password_hash=auth.hash_password(password), role=role,
            cell_id=cell_ids[0] if role in ("secretary", "deputy") else None, disabled=False, created_at=utcnow()))
        if role == "viewer":
            for cell_id in cell_ids:
                conn.execute(insert(user_cells).values(user_id=user_id, cell_id=cell_id))
    return user_id


def _user_id(conn, username: str) -> uuid.UUID:
    user_id = conn.scalar(select(users.c.id).where(users.c.username == username))
    if user_id is None:
        raise AdminError(f"Không có người dùng \"{username}\".")
    return user_id


def disable_user(engine: Engine, username: str) -> None:
    with write_transaction(engine) as conn:
        user_id = _user_id(conn, username)
        conn.execute(update(users).where(users.c.id == user_id).values(disabled=True))
        revoke_user_tokens(conn, user_id, utcnow())
        record_event(conn, utcnow(), "user_disabled", username=username, user_id=user_id)


def reset_password(engine: Engine, hasher: PasswordHasher, username: str, password: str) -> None:
    _check_password(password, username)
    auth = Authenticator(engine, hasher=hasher)
    with write_transaction(engine) as conn:
        user_id = _user_id(conn, username)
        conn.execute(update(users).where(users.c.id == user_id).values(password_hash=auth.hash_password(password),
                                                                        disabled=False))
        revoke_user_tokens(conn, user_id, utcnow())
        record_event(conn, utcnow(), "password_change", username=username, user_id=user_id,
                     detail="reset by the administrator; every session ended")


def bump_epoch(engine: Engine, cell: str | None = None) -> int:
    with write_transaction(engine) as conn:
        ids = [_cell_id(conn, cell)] if cell else list(conn.scalars(select(cell_sync_state.c.cell_id)))
        for cell_id in ids:
            conn.execute(update(cell_sync_state).where(cell_sync_state.c.cell_id == cell_id)
                         .values(epoch=uuid.uuid4()))
    return len(ids)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="secretary-server", description="Máy chủ đồng bộ Sổ tay Bí thư")
    parser.add_argument("--database-url", help="SQLAlchemy URL, ví dụ postgresql+psycopg://user@host/db "
                                               f"(mặc định: tệp SQLite trong thư mục dữ liệu; hoặc biến {ENV_URL})")
    parser.add_argument("--data-dir", help="thư mục dữ liệu của máy chủ (cho tệp SQLite)")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="chạy máy chủ")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1, help="số tiến trình (PostgreSQL; SQLite: 1)")
    serve.add_argument("--database-url", dest="database_url_sub")
    serve.add_argument("--trusted-proxy", action="append", default=[],
                       help="địa chỉ (hoặc dải) của reverse proxy được tin tiêu đề X-Forwarded-For (mặc định: không)")
    serve.add_argument("--log-file", help="ghi nhật ký vào tệp này (tạo với quyền 0600)")
    cell = sub.add_parser("create-cell", help="tạo chi bộ")
    cell.add_argument("--name", required=True)
    cell.add_argument("--superior", required=True)
    cell.add_argument("--place", default="", help="địa danh ghi ở dòng ngày tháng của văn bản")
    cell.add_argument("--region", type=int, choices=(1, 2, 3, 4), default=1, help="vùng lương tối thiểu (1-4)")
    cell.add_argument("--type", dest="cell_type", choices=CELL_TYPES, default="residential", help="loại hình chi bộ")
    cell.add_argument("--term-start", metavar="DD/MM/YYYY", help="ngày bắt đầu nhiệm kỳ cấp ủy")
    user = sub.add_parser("create-user", help="tạo người dùng (mật khẩu đọc từ stdin)")
    user.add_argument("--cell", action="append", default=[], help="tên chi bộ (viewer: có thể ghi nhiều lần)")
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--username", required=True)
    for name in ("disable-user", "reset-password"):
        sub.add_parser(name).add_argument("--username", required=True)
    epoch = sub.add_parser("bump-epoch", help="sau khi khôi phục bản sao lưu: các máy gửi lại dữ liệu bị mất")
    epoch.add_argument("--cell", help="chỉ một chi bộ (mặc định: tất cả)")
    audit = sub.add_parser("verify-audit", help="kiểm tra nhật ký thay đổi của một chi bộ (cấp ủy cấp trên)")
    audit.add_argument("--cell", required=True, help="tên hoặc mã chi bộ")
    return parser


def verify_audit(engine: Engine, cell: str) -> tuple[bool, list[str]]:
    """The cell's audit chains, device by device, as lines for the upper committee: ok, or the first entry
    that does not fit."""
    from secretary_app.server.audit_chain import verify_cell

    with engine.connect() as conn:
        try:
            cell_id = uuid.UUID(cell)
        except ValueError:
            cell_id = _cell_id(conn, cell)
        name = conn.scalar(select(cell_sync_state.c.name).where(cell_sync_state.c.cell_id == cell_id))
    if name is None:
        raise AdminError(f"Không có chi bộ mã {cell}.")
    result = verify_cell(engine, cell_id)
    lines = [f"Chi bộ \"{name}\": {len(result.devices)} máy đã gửi nhật ký thay đổi."]
    for device in result.devices:
        who = f"Máy \"{device.device_name or '(không tên)'}\" ({device.device_id})"
        if device.broken_at is None:
            lines.append(f"{who}: toàn vẹn, {device.entries} mục.")
        else:
            lines.append(f"{who}: BỊ SỬA ĐỔI từ mục số {device.broken_at}: {device.reason}.")
    lines.append("Kết quả: toàn vẹn." if result.ok else "Kết quả: CÓ MỤC BỊ SỬA ĐỔI (xem các dòng trên).")
    return result.ok, lines


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "database_url_sub", None):
        args.database_url = args.database_url_sub
    url = _database_url(args)
    try:
        if args.command == "serve":
            import uvicorn

            from secretary_app.server.app import ServerConfig, create_app

            if args.log_file:
                _log_to(Path(args.log_file))
            # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from loopback; the app
            # reads it only from the proxies named with --trusted-proxy.
            if args.workers > 1:
                import os

                os.environ[ENV_URL] = url
                os.environ["SECRETARY_SERVER_TRUSTED_PROXIES"] = ",".join(args.trusted_proxy)
                migrate(make_engine(url))  # once, before the workers start
                uvicorn.run("secretary_app.server.app:app_from_env", factory=True, workers=args.workers,
                            host=args.host, port=args.port, log_level="info", server_header=False,
                            proxy_headers=False)
                return 0
            uvicorn.run(create_app(ServerConfig(database_url=url, trusted_proxies=tuple(args.trusted_proxy))),
                        host=args.host, port=args.port, log_level="info", server_header=False, proxy_headers=False)
            return 0
        engine = make_engine(url)
        migrate(engine)
        hasher = PasswordHasher()
        if args.command == "create-cell":
            cell_id = create_cell(engine, args.name, args.superior, place=args.place, region=args.region,
                                  cell_type=args.cell_type, term_start=_term_start(args.term_start))
            print(f"Đã tạo chi bộ \"{args.name}\" (mã {cell_id}).")
        elif args.command == "create-user":
            create_user(engine, hasher, args.username, args.role, _read_password(), args.cell)
            print(f"Đã tạo người dùng \"{args.username}\" ({args.role}).")
        elif args.command == "disable-user":
            disable_user(engine, args.username)
            print(f"Đã khóa người dùng \"{args.username}\"; mọi phiên đăng nhập đã bị hủy.")
        elif args.command == "reset-password":
            reset_password(engine, hasher, args.username, _read_password())
            print(f"Đã đặt lại mật khẩu cho \"{args.username}\"; mọi phiên đăng nhập đã bị hủy.")
        elif args.command == "bump-epoch":
            print(f"Đã đổi kỷ nguyên (epoch) của {bump_epoch(engine, args.cell)} chi bộ.")
        elif args.command == "verify-audit":
            ok, lines = verify_audit(engine, args.cell)
            print("\n".join(lines))
            engine.dispose()
            return 0 if ok else 2
        engine.dispose()
        return 0
    except AdminError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
