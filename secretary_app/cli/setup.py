"""``secretary-app setup``: the first start without the window, for an IT officer preparing office PCs.

    secretary-app [--data-dir D] setup --cell NAME --superior NAME --place PLACE [--region 1-4]
                                       [--type residential|agency|enterprise|school|armed_forces]
                                       [--term-start DD/MM/YYYY]

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
    parser = sub.add_parser("setup", help="thiết lập ban đầu: tạo chi bộ mới trên máy này")
    parser.add_argument("--cell", required=True, metavar="TÊN", help="tên chi bộ, ví dụ \"Chi bộ Tổ dân phố số 5\"")
    parser.add_argument("--superior", required=True, metavar="TÊN", help="đảng bộ cấp trên trực tiếp")
    parser.add_argument("--place", required=True, metavar="ĐỊA_DANH", help="địa danh ghi ở dòng ngày tháng")
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
