"""Export the roster: .xlsx (re-imports with no change), .csv (UTF-8 with BOM, for Excel), and
.docx/.pdf through the documents engine (the member list builder)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import BinaryIO

from exporters.errors import ExportError
from exporters.safe_write import write_document
from secretary_app.errors import UserError
from secretary_app.roster_io.columns import COLUMNS, DATE_FIELDS, STATUS_HEADER
from secretary_app.services.roster import get_member_data, list_members
from secretary_app.store import Store

FORMATS = (".xlsx", ".csv", ".docx", ".pdf")


def _table(store: Store, today: dt.date) -> tuple[list[str], list[list[object]]]:
    headers = ["STT", *(header for header, _ in COLUMNS.values()), STATUS_HEADER]
    rows = list_members(store, today)
    records = get_member_data(store, [r.id for r in rows])
    body = [[index, *(getattr(records[row.id], field) for field in COLUMNS), row.status]
            for index, row in enumerate(rows, start=1)]
    return headers, body


def export_roster(store: Store, path: Path, today: dt.date | None = None) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    today = today or dt.date.today()
    if suffix not in FORMATS:
        raise UserError(f"Không xuất được ra tệp \"{path.name}\": hãy đặt tên tệp kết thúc bằng .xlsx, .csv, "
                        ".docx hoặc .pdf.")
    if suffix in (".docx", ".pdf"):
        from secretary_app.services.documents import export

        export(store, "roster", path, suffix[1:], as_of=today)
        return path
    headers, body = _table(store, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    try:
        # The documents engine's safe write: temp file beside the target, fsync, atomic rename; a failed
        # export never leaves half a file under the real name, and a full disk gets a plain message.
        write_document(path, lambda stream: writer(stream, headers, body))
    except ExportError as error:
        raise UserError(str(error)) from error
    return path


def _write_xlsx(stream: BinaryIO, headers: list[str], body: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách đảng viên")
    date_columns = {i for i, field in enumerate(COLUMNS, start=1) if field in DATE_FIELDS}
    bold = Font(bold=True)
    heading = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for values in body:
        out = []
        for index, value in enumerate(values):
            if index in date_columns and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                out.append(cell)
            else:
                out.append("" if value is None and index not in date_columns else value)
        sheet.append(out)
    book.save(stream)


def _write_csv(stream: BinaryIO, headers: list[str], body: list[list[object]]) -> None:
    handle = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for values in body:
            writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v
                             for v in values])
        handle.flush()
    finally:
        handle.detach()  # the safe write owns the file: closing the wrapper would close it too early
