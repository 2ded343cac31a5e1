"""``secretary-app setup``: the first start without the window, for an IT officer preparing office PCs.

    secretary-app [--data-dir D] setup --cell NAME --superior NAME --place PLACE [--region 1-4]
                                       [--type residential|agency|enterprise|school|armed_forces]
                                       [--term-start DD/MM/YYYY]
    secretary-app [--data-dir D] setup --server URL --username U      (password on stdin)

The second form joins the cell from the committee's server: logs in, receives the cell's details and
every record, and the PC is ready.

A data folder that already has a cell is refused, with what to do instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store

TYPES = ("residential", "agency", "enterprise", "school", "armed_forces")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("setup", help="thiết lập ban đầu: tạo chi bộ mới, hoặc nhận chi bộ từ máy chủ")
    parser.add_argument("--cell", metavar="TÊN", help="tên chi bộ, ví dụ \"Chi bộ Tổ dân phố số 5\"")
    parser.add_argument("--superior", metavar="TÊN", help="đảng bộ cấp trên trực tiếp")
    parser.add_argument("--place", metavar="ĐỊA_DANH", help="địa danh ghi ở dòng ngày tháng")
    parser.add_argument("--server", metavar="URL", help="nhận chi bộ từ máy chủ đồng bộ (mật khẩu đọc từ stdin)")
    parser.add_argument("--username", metavar="TÊN", help="tài khoản trên máy chủ (cùng --server)")
    parser.add_argument("--region", type=int, choices=(1, 2, 3, 4), default=1, help="vùng lương tối thiểu (1-4)")
    parser.add_argument("--type", dest="cell_type", choices=TYPES, default="residential", help="loại hình chi bộ")
    parser.add_argument("--term-start", metavar="DD/MM/YYYY", help="ngày bắt đầu nhiệm kỳ cấp ủy")
    parser.set_defaults(handler=run)


def _date(text: str | None) -> dt.date:
    from secretary_app.errors import UserError
    from secretary_app.roster_io.dates import DateProblem, parse_date

    if not text:
        return dt.date.today().replace(month=1, day=1)
    try:
        day = parse_date(text)
    except DateProblem as exc:
        raise UserError(f"Ngày bắt đầu nhiệm kỳ \"{text}\" không hợp lệ: {str(exc).rstrip('.')}. Hãy viết dạng "
                        "20/08/2025.") from exc
    if day is None:
        raise UserError("Hãy ghi ngày bắt đầu nhiệm kỳ dạng 20/08/2025.")
    return day


def run(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.errors import UserError
    from secretary_app.services.cell import CellInput, get_cell, save_cell

    if args.server:
        return _from_server(args, store)
    missing = [flag for flag, value in (("--cell", args.cell), ("--superior", args.superior),
                                        ("--place", args.place)) if not value]
    if missing:
        raise UserError(f"Thiếu {', '.join(missing)}. Tạo chi bộ mới: setup --cell TÊN --superior TÊN --place "
                        "ĐỊA_DANH; hoặc nhận chi bộ từ máy chủ: setup --server URL --username TÊN.")
    existing = get_cell(store)
    if existing is not None:
        raise UserError(f"Thư mục dữ liệu {store.paths.data_dir} đã có chi bộ \"{existing.name}\". Để sửa thông tin "
                        "chi bộ, dùng trang Cài đặt; để thiết lập chi bộ khác, hãy chọn một thư mục dữ liệu khác "
                        "(--data-dir).")
    record, _ = save_cell(store, CellInput(args.cell, args.superior, args.place, args.region, _date(args.term_start),
                                           cell_type=args.cell_type))
    print(f"Đã thiết lập {record.name} ({record.superior_name}) trong {store.paths.data_dir}. Tiếp theo: nhập danh "
          "sách đảng viên (secretary-app roster import TỆP) hoặc mở chương trình.")
    return 0


def _from_server(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.cli.sync import read_password
    from secretary_app.errors import UserError
    from secretary_app.services.cell import get_cell
    from secretary_app.sync import service

    if not args.username:
        raise UserError("Hãy ghi tài khoản trên máy chủ: setup --server URL --username TÊN (mật khẩu đọc từ stdin).")
    if args.cell or args.superior or args.place:
        raise UserError("Khi nhận chi bộ từ máy chủ (--server), thông tin chi bộ đến từ máy chủ: bỏ --cell, "
                        "--superior, --place.")
    existing = get_cell(store)  # asked before the password is read: nothing to type for a refused folder
    if existing is not None and not service.half_joined(store, args.server):
        raise UserError(f"Thư mục dữ liệu {store.paths.data_dir} đã có chi bộ \"{existing.name}\". Để nhận chi bộ "
                        "từ máy chủ, hãy chọn một thư mục dữ liệu khác (--data-dir); để đồng bộ chi bộ đang có, "
                        "dùng lệnh secretary-app sync.")
    report = service.join_from_server(store, args.server, args.username, read_password()).value
    cell = get_cell(store)
    assert cell is not None
    print(f"Đã nhận {cell.name} ({cell.superior_name}) từ {args.server}: {report.pulled} bản ghi, trong "
          f"{store.paths.data_dir}. Máy này đã sẵn sàng; đồng bộ tiếp: secretary-app sync.")
    if not service.Credentials().available:
        print(service.NO_KEYRING_CLI)
    return 0
