"""``secretary-app export KIND [--meeting ID | --latest] [--year YYYY [--month M]] --format {docx,pdf,xlsx} -o FILE``."""

from __future__ import annotations

import argparse
import uuid
from typing import TYPE_CHECKING

from secretary_app import document_kinds as kinds
from secretary_app.errors import UserError

if TYPE_CHECKING:
    from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="xuất văn bản (chương trình, biên bản, nghị quyết, danh sách, sổ đảng phí)")
    parser.add_argument("kind", choices=kinds.KINDS, help="loại văn bản")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--meeting", metavar="ID", help="mã kỳ sinh hoạt")
    which.add_argument("--latest", action="store_true", help="kỳ sinh hoạt gần nhất đã họp (mặc định)")
    parser.add_argument("--year", type=int, metavar="YYYY", help="năm của sổ, báo cáo đảng phí (mặc định năm nay)")
    parser.add_argument("--month", type=int, metavar="M", help="chỉ một tháng của năm (sổ, báo cáo đảng phí)")
    parser.add_argument("--format", choices=kinds.FORMATS,
                        help="docx (Word), pdf, hoặc xlsx (Excel, cho sổ và báo cáo đảng phí); mặc định theo đuôi tệp")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp kết quả")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = args.format or args.output.rsplit(".", 1)[-1].lower()
    from secretary_app.services import documents

    if fmt not in kinds.FORMATS or (fmt == "xlsx" and args.kind not in kinds.DUES_KINDS):
        raise UserError("Hãy ghi --format docx hoặc --format pdf (hoặc đặt tên tệp có đuôi .docx / .pdf); "
                        "xlsx dùng cho sổ và báo cáo đảng phí.")
    if (args.year or args.month) and args.kind not in kinds.DUES_KINDS:
        raise UserError("--year và --month chỉ dùng cho sổ thu nộp và báo cáo đảng phí.")
    meeting_id = None
    if args.kind in kinds.MEETING_KINDS:
        if args.meeting:
            try:
                meeting_id = uuid.UUID(args.meeting)
            except ValueError as error:
                raise UserError(f"Mã kỳ sinh hoạt “{args.meeting}” không đúng dạng.") from error
        else:
            meeting_id = documents.latest_meeting_id(store)
    exported, _ = documents.export(store, args.kind, args.output, fmt, meeting_id=meeting_id,
                                   year=args.year, month=args.month)
    numbered = f" (số {exported.symbol})" if exported.symbol else ""
    print(f"Đã xuất {kinds.KIND_LABELS[args.kind].lower()}{numbered}: {exported.path}")
    return 0
