"""Export the roster: .xlsx (re-imports with no change: the records on the first sheet, and on the second,
"Quá trình", the dated events that make each member's status), .csv (UTF-8 with BOM, for Excel; one table,
so the records only), and .docx/.pdf through the documents engine (the member list builder)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from exporters.errors import ExportError
from exporters.safe_write import write_document
from exporters.xlsx_renderer import ColumnKind, column_widths
from secretary_app.errors import UserError
from secretary_app.roster_io.columns import (
    COLUMNS,
    DATE_FIELDS,
    HISTORY_COLUMNS,
    HISTORY_DATE_FIELDS,
    HISTORY_SHEET,
    STATUS_HEADER,
)
from secretary_app.services.roster import (
    DISCIPLINE_LABELS,
    EVENT_LABELS,
    EventKind,
    MemberData,
    discipline_form,
    get_member_data,
    get_member_events,
    list_members,
)
from secretary_app.store import Store

FORMATS = (".xlsx", ".csv", ".docx", ".pdf")


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    body: list[list[object]]
    date_columns: frozenset[int]  # 0-based indexes of the columns holding dates


def _table(store: Store, today: dt.date, with_history: bool) -> list[Sheet]:
    headers = ["STT", *(header for header, _ in COLUMNS.values()), STATUS_HEADER]
    rows = list_members(store, today)
    records = get_member_data(store, [r.id for r in rows])
    body = [[index, *(getattr(records[row.id], field) for field in COLUMNS), row.status]
            for index, row in enumerate(rows, start=1)]
    sheets = [Sheet("Danh sách đảng viên", headers, body,
                    frozenset(i for i, field in enumerate(COLUMNS, start=1) if field in DATE_FIELDS))]
    if with_history:
        sheets.append(_history(store, [(index, records[row.id], row.id) for index, row in enumerate(rows, 1)]))
    return sheets


def _history(store: Store, members: list[tuple[int, MemberData, uuid.UUID]]) -> Sheet:
    """One row per event the first sheet cannot carry, in member order then date order. STT is the member's
    on the first sheet; name, birth date and card number are the keys the import finds the member by.

    The admission and recognition events follow the record's "Ngày vào Đảng" / "Ngày chính thức", so they
    are left out, unless they carry what those columns cannot (decision number, reason, detail)."""
    fields = list(HISTORY_COLUMNS)
    headers = ["STT", *(header for header, _ in HISTORY_COLUMNS.values())]
    events = get_member_events(store, [member_id for _, _, member_id in members])
    body: list[list[object]] = []
    for index, data, member_id in members:
        core = {(EventKind.ADMISSION.value, data.admission_decision_date),
                (EventKind.RECOGNITION.value, data.official_date)}
        for event in events.get(member_id, []):
            if (event.kind, event.event_date) in core and not (event.reason or event.detail or event.decision_ref):
                continue
            try:
                label = EVENT_LABELS[EventKind(event.kind)]
            except ValueError:  # a kind written by a newer version: kept as is, the import will name it
                label = event.kind
            form = discipline_form(event.detail) if event.kind == EventKind.DISCIPLINE else None
            values = {"full_name": data.full_name, "birth_date": data.birth_date, "card_number": data.card_number,
                      "kind": label, "event_date": event.event_date, "end_date": event.end_date,
                      "detail": DISCIPLINE_LABELS[form] if form is not None else event.detail,
                      "reason": event.reason, "decision_ref": event.decision_ref}
            body.append([index, *(values[field] for field in fields)])
    return Sheet(HISTORY_SHEET, headers, body,
                 frozenset(i for i, field in enumerate(fields, start=1) if field in HISTORY_DATE_FIELDS))


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
    sheets = _table(store, today, with_history=suffix == ".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _write_xlsx if suffix == ".xlsx" else _write_csv
    try:
        # The documents engine's safe write: temp file beside the target, fsync, atomic rename; a failed
        # export never leaves half a file under the real name, and a full disk gets a plain message.
        write_document(path, lambda stream: writer(stream, sheets))
    except ExportError as error:
        raise UserError(str(error)) from error
    return path


def _write_xlsx(stream: BinaryIO, sheets: list[Sheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in sheets:
        sheet = book.create_sheet(table.title)
        # Widths that fit, the header row frozen with a filter on it (set before the rows: write-only mode).
        kinds = [ColumnKind.DATE if i in table.date_columns else ColumnKind.TEXT for i in range(len(table.headers))]
        for index, width in enumerate(column_widths(table.headers, table.body, kinds), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.body) + 1}"
        heading = []
        for header in table.headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for values in table.body:
            out: list[object] = []
            for index, value in enumerate(values):
                if index in table.date_columns and value is not None:
                    # The value set after creation, as WriteOnlyCell(value=...) does: its stub leaves out dates.
                    cell = WriteOnlyCell(sheet)
                    cell.value = cast(dt.date, value)  # a date column holds dates
                    cell.number_format = "DD/MM/YYYY"
                    out.append(cell)
                else:
                    out.append("" if value is None and index not in table.date_columns else value)
            sheet.append(out)
    book.save(stream)


def _write_csv(stream: BinaryIO, sheets: list[Sheet]) -> None:
    [table] = sheets  # a CSV holds one table: the records (the history sheet is for .xlsx only)
    handle = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(handle)
        writer.writerow(table.headers)
        for values in table.body:
            writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v
                             for v in values])
        handle.flush()
    finally:
        handle.detach()  # the safe write owns the file: closing the wrapper would close it too early
