"""``secretary-app export KIND [--meeting ID | --latest] --format {docx,pdf} -o FILE``."""

from __future__ import annotations

import argparse
import uuid

from secretary_app.errors import UserError
from secretary_app.services import documents
from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="xuất văn bản (chương trình, biên bản, nghị quyết, danh sách, sổ đảng phí)")
    parser.add_argument("kind", choices=documents.KINDS, help="loại văn bản")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--meeting", metavar="ID", help="mã kỳ sinh hoạt")
    which.add_argument("--latest", action="store_true", help="kỳ sinh hoạt gần nhất đã họp (mặc định)")
    parser.add_argument("--format", choices=documents.FORMATS, help="docx (Word) hoặc pdf; mặc định theo đuôi tệp")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp kết quả")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = args.format or args.output.rsplit(".", 1)[-1].lower()
    if fmt not in documents.FORMATS:
        raise UserError("Hãy ghi --format docx hoặc --format pdf (hoặc đặt tên tệp có đuôi .docx / .pdf).")
    meeting_id = None
    if args.kind in documents.MEETING_KINDS:
        if args.meeting:
            try:
                meeting_id = uuid.UUID(args.meeting)
            except ValueError as error:
                raise UserError(f"Mã kỳ sinh hoạt “{args.meeting}” không đúng dạng.") from error
        else:
            meeting_id = documents.latest_meeting_id(store)
    exported, _ = documents.export(store, args.kind, args.output, fmt, meeting_id=meeting_id)
    numbered = f" (số {exported.symbol})" if exported.symbol else ""
    print(f"Đã xuất {documents.KIND_LABELS[args.kind].lower()}{numbered}: {exported.path}")
    return 0
