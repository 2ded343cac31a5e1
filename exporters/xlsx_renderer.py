"""Tables to .xlsx (openpyxl, write-only mode): real numbers and dates in cells, a bold header row that
stays frozen with a filter on it, column widths that fit the longest value, and an optional bold total
row. Written through ``safe_write`` like the documents, so a failure leaves no partial file.

Numbers stay numbers (the sheet can sum them); money is integer VND shown as ``12.420`` by the cell's
number format, dates are dates shown ``DD/MM/YYYY``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from exporters.errors import DocumentError
from exporters.formatting import nfc
from exporters.safe_write import Target, write_document

__all__ = ["ColumnKind", "SheetColumn", "SheetTable", "column_widths", "render_xlsx"]

MONEY_FORMAT = '#,##0'
DATE_FORMAT = "DD/MM/YYYY"
MAX_WIDTH = 60
Value = str | int | float | dt.date | None

if TYPE_CHECKING:  # openpyxl itself is imported lazily, when a sheet is written
    from openpyxl.cell.cell import Cell


class ColumnKind(enum.Enum):
    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # integer VND
    DATE = "date"


@dataclass(frozen=True)
class SheetColumn:
    header: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True)
class SheetTable:
    """One worksheet: ``title`` lines above the header row, the rows, and a total row if given."""

    name: str  # the sheet tab (≤ 31 characters)
    columns: tuple[SheetColumn, ...]
    rows: tuple[tuple[Value, ...], ...]
    title_lines: tuple[str, ...] = ()
    total: tuple[Value, ...] | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > 31:
            raise DocumentError(f"Tên trang tính “{self.name}” phải có từ 1 đến 31 ký tự")
        width = len(self.columns)
        for index, row in enumerate((*self.rows, *((self.total,) if self.total else ())), start=1):
            if len(row) != width:
                raise DocumentError(f"Dòng {index} của “{self.name}” có {len(row)} ô, bảng có {width} cột")


def _shown(value: object, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if kind is ColumnKind.DATE and isinstance(value, dt.date):
        return "00/00/0000"
    if kind is ColumnKind.MONEY and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]],
                  kinds: Sequence[ColumnKind] | None = None) -> list[float]:
    """Widths (in Excel character units) that fit the longest value of each column, header included."""
    kinds = kinds or [ColumnKind.TEXT] * len(headers)
    widths = [float(len(h)) for h in headers]
    for index, kind in enumerate(kinds):
        # Each distinct value once: a 5,000-row dues ledger repeats a few hundred amounts 60,000 times.
        distinct = {(type(row[index]), row[index]) for row in rows}  # by type too: True == 1
        if kind is ColumnKind.MONEY and all(t is int or t is type(None) for t, _ in distinct):
            # "12,420" grows with the magnitude (and a minus sign): the widest is the largest or the smallest.
            amounts = [cast(int, value) for _, value in distinct if value is not None]
            distinct = {(int, max(amounts)), (int, min(amounts))} if amounts else set()
        for _, value in distinct:
            widths[index] = max(widths[index], float(len(_shown(value, kind))))
    return [min(MAX_WIDTH, w + 2) for w in widths]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _formatted_cell(sheet: Any, number_format: str) -> Cell:
    """A write-only cell with ``number_format`` that openpyxl writes as fast as a plain value.

    openpyxl handles an appended cell object by first trying it as a value and catching the ValueError,
    whose message formats the cell's repr, and asks the cell's style id for every cell it writes, which
    registers (hashes) its style in the workbook each time: for a 5,000-member ledger that was most of
    the time beyond writing the bare values. Here the repr is a constant and the style id is the one
    registered when the cell is made; the XML written is the same."""
    from openpyxl.cell.cell import Cell

    class FormattedCell(Cell):
        __slots__ = ("_registered_style_id",)
        _registered_style_id: int

        def __repr__(self) -> str:
            return "<FormattedCell>"

        @property
        def style_id(self) -> int:
            return self._registered_style_id

        @property
        def has_style(self) -> bool:
            return True

        def put(self, value: Value) -> None:
            # An int is what the value setter would make of it (a number, "n"), without its type lookups.
            if type(value) is int:
                self._value, self.data_type = value, "n"
            else:
                self.value = value

    cell = FormattedCell(sheet, row=1, column=1)
    cell.number_format = number_format
    cell._registered_style_id = int(Cell.style_id.fget(cell))  # type: ignore[attr-defined]  # the property's getter
    return cell


def _write(stream: BinaryIO, tables: Sequence[SheetTable]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(nfc(table.name))
        kinds = [c.kind for c in table.columns]
        widths = column_widths([nfc(c.header) for c in table.columns],
                               [*table.rows, *((table.total,) if table.total else ())], kinds)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[_column_letter(index)].width = width
        header_row = len(table.title_lines) + 1
        last = _column_letter(len(table.columns))
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(table.rows)}"
        for line in table.title_lines:
            title = WriteOnlyCell(sheet, value=nfc(line))
            title.font = bold
            sheet.append([title])
        heading = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=nfc(column.header))
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        formats = [MONEY_FORMAT if k is ColumnKind.MONEY else DATE_FORMAT if k is ColumnKind.DATE else None
                   for k in kinds]
        # One styled cell per formatted column, given each row's value: a write-only row is serialised as it
        # is appended, so the cell can be reused, and its style is registered once (_formatted_cell).
        styled: dict[int, Any] = {}
        for index, number_format in enumerate(formats):
            if number_format is not None:
                styled[index] = _formatted_cell(sheet, number_format)
        for row in table.rows:
            values: list[Value] = [nfc(v) if isinstance(v, str) else v for v in row]
            out: list[Value | Cell] = list(values)
            for index, cell in styled.items():
                if values[index] is not None:
                    cell.put(values[index])
                    out[index] = cell
            sheet.append(out)
        if table.total is not None:
            total_cells = []
            for index, value in enumerate(table.total):
                # The value is set after creation, as WriteOnlyCell(value=...) does, since the stubs' signature
                # leaves out the dates that openpyxl accepts.
                cell = WriteOnlyCell(sheet)
                cell.value = nfc(value) if isinstance(value, str) else value
                cell.font = bold
                number_format = formats[index]
                if number_format is not None and value is not None:
                    cell.number_format = number_format
                total_cells.append(cell)
            sheet.append(total_cells)
        for note in table.notes:
            sheet.append([nfc(note)])
    book.save(stream)


def render_xlsx(tables: Sequence[SheetTable], target: Target) -> None:
    """Write ``tables`` as one workbook to ``target`` (a path or a binary stream); raises ExportError."""
    if not tables:
        raise DocumentError("Không có bảng nào để ghi ra tệp Excel")
    write_document(target, lambda stream: _write(stream, tables))
