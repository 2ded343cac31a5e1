"""``secretary-app export {agenda,minutes,extract,resolution,book} [--meeting ID | --latest] --format … -o FILE``."""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

from secretary_app.errors import UserError
from secretary_app.services.meeting_export import (
    DOCUMENTS,
    FORMATS,
    export_meeting_document,
    export_minutes_book,
    latest_meeting_id,
)
from secretary_app.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="xuất chương trình, biên bản, trích biên bản, nghị quyết hoặc sổ biên bản")
    parser.add_argument("document", choices=(*DOCUMENTS, "book"),
                        help="agenda = chương trình, minutes = biên bản, extract = trích biên bản, "
                             "resolution = nghị quyết/kết luận, book = sổ biên bản cả nhiệm kỳ (PDF)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--meeting", metavar="ID", help="mã kỳ sinh hoạt")
    which.add_argument("--latest", action="store_true", help="kỳ sinh hoạt gần nhất (mặc định)")
    parser.add_argument("--format", choices=FORMATS, default="pdf", help="định dạng tệp (mặc định pdf)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp kết quả")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, store: Store) -> int:
    output = Path(args.output)
    if args.document == "book":
        if args.format != "pdf":
            raise UserError("Sổ biên bản chỉ xuất ra PDF.")
        export_minutes_book(store, output)
    else:
        if args.meeting:
            try:
                meeting_id = uuid.UUID(args.meeting)
            except ValueError:
                raise UserError(f"Mã kỳ sinh hoạt «{args.meeting}» không hợp lệ.") from None
        else:
            meeting_id = latest_meeting_id(store)
        export_meeting_document(store, meeting_id, args.document, args.format, output)
    print(f"Đã xuất {output}")
    return 0
