"""``secretary-app roster import FILE [--dry-run]`` and ``secretary-app roster export FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretary_app.store import Store

EXIT_REJECTED = 3  # some rows (of either sheet) were rejected (the others were imported, in one transaction)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("roster", help="danh sách đảng viên: nhập từ / xuất ra bảng tính")
    actions = parser.add_subparsers(dest="roster_command", metavar="LỆNH", required=True)
    importer = actions.add_parser("import", help="nhập danh sách từ tệp .xlsx hoặc .csv")
    importer.add_argument("file", metavar="FILE", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào dữ liệu")
    importer.add_argument("--report", metavar="CSV", type=Path, help="ghi các dòng bị từ chối vào tệp CSV này")
    importer.set_defaults(handler=run_import)
    exporter = actions.add_parser("export", help="xuất danh sách ra .xlsx, .csv, .docx hoặc .pdf")
    exporter.add_argument("file", metavar="FILE", type=Path)
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.roster_io.importing import import_roster, write_report

    result = import_roster(store, args.file, dry_run=args.dry_run)
    preview = result.preview
    print(preview.summary())
    for row in preview.rejected:
        print(f"dòng {row.row}: {row.name or '(không có tên)'}: {' '.join(row.messages)}")
    for event in preview.history_rejected:
        print(f"{preview.history_sheet}, dòng {event.row}: {event.name or '(không có tên)'}: "
              f"{event.label + ': ' if event.label else ''}{' '.join(event.messages)}")
    if args.report:
        write_report(preview, args.report)
    if args.dry_run:
        print("(chạy thử: chưa ghi gì vào dữ liệu)", file=sys.stderr)
    return EXIT_REJECTED if preview.rejected or preview.history_rejected else 0


def run_export(args: argparse.Namespace, store: Store) -> int:
    from secretary_app.roster_io.exporting import export_roster

    path = export_roster(store, args.file)
    print(f"Đã xuất danh sách đảng viên ra {path}")
    return 0
