"""Read a sheet of an XLSX (the first, or one named) or a CSV file into header + rows, finding the header row.

Spreadsheets from districts and wards often start with a merged title ("DANH SÁCH ĐẢNG VIÊN …") and
blank lines, so the header is the first row, among the first 20, that names at least two known columns.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.text import search_key
from secretary_app.errors import UserError
from secretary_app.roster_io.columns import ROSTER_HEADERS, Headers

Progress = Callable[[int, int, str], None]
MAX_ROWS = 20_000  # a cell has tens, a ward at most a few thousand members: more is the wrong file
_HEADER_SCAN = 20


@dataclass
class Table:
    headers: list[str]
    header_row: int  # 1-based row number of the header in the sheet
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (sheet row number, cells)
    blank_rows: list[int] = field(default_factory=list)
    source: str = ""  # "xlsx", "csv (UTF-8)", …
    sheet: str = ""  # the title of the sheet read ("" for a CSV)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, to find a second one to read


def _clean(value: object) -> object:
    """Strip spaces; text stays as typed (the importer normalises it and says when it did)."""
    if isinstance(value, str):
        return value.strip() or None
    return value


class Spreadsheet:
    """An opened .xlsx or .csv, to read one or more of its sheets from one opening: openpyxl measures every
    sheet of a workbook each time it opens it, which costs as much as reading a 5,000-row sheet."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise UserError(f"Không tìm thấy tệp {path}. Hãy chọn lại tệp danh sách.")
        suffix = path.suffix.lower()
        if suffix == ".xls":
            raise UserError(f"Tệp {path.name} là định dạng Excel cũ (.xls). Hãy mở tệp trong Excel hoặc "
                            "LibreOffice, chọn Lưu thành… kiểu \"Excel Workbook (.xlsx)\", rồi nhập tệp mới.")
        if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
            raise UserError(f"Tệp {path.name} không phải bảng tính. Hãy chọn tệp Excel (.xlsx) hoặc CSV (.csv).")
        self.path = path
        self.book = _open_xlsx(path) if suffix in (".xlsx", ".xlsm") else None
        self.titles: tuple[str, ...] = tuple(self.book.sheetnames) if self.book is not None else ()

    def __enter__(self) -> Spreadsheet:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.book is not None:
            self.book.close()

    def find(self, name: str) -> str | None:
        """The title of the sheet named ``name`` ignoring case, marks and spacing, or None (always for a CSV)."""
        return next((t for t in self.titles if search_key(t) == search_key(name)), None)

    def read(self, sheet: str | None = None, headers: Headers = ROSTER_HEADERS, progress: Progress | None = None,
             max_rows: int = MAX_ROWS) -> Table:
        """The first sheet, or the sheet named ``sheet``, with its header row found by ``headers``."""
        path = self.path
        if self.book is None:
            if sheet is not None:
                raise UserError(f"Tệp {path.name} là CSV, chỉ có một bảng; không có trang \"{sheet}\".")
            rows, total, source = _csv_rows(path)
            title = ""
        else:
            if sheet is None:
                if not self.book.worksheets:
                    raise UserError(f"Tệp {path.name} không có trang tính nào.")
                found = self.book.worksheets[0]
            else:
                wanted = self.find(sheet)
                if wanted is None:
                    raise UserError(f"Tệp {path.name} không có trang tính \"{sheet}\".")
                found = self.book[wanted]
            rows, total, source, title = found.iter_rows(values_only=True), found.max_row or 0, "xlsx", found.title
        table = _collect(path, rows, total, source, progress, max_rows, headers, sheet)
        table.sheet, table.sheets = title, self.titles
        return table


def _not_spreadsheet(path: Path) -> UserError:
    return UserError(f"Tệp {path.name} không phải bảng tính đọc được (có thể bị hỏng hoặc là loại tệp khác "
                     "đổi tên). Hãy mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .csv, rồi nhập lại.")


def _open_xlsx(path: Path):  # openpyxl's Workbook, imported lazily
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            raise
        raise _not_spreadsheet(path) from exc


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1258 when the text reads as Vietnamese, else CP1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "CSV UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "CSV UTF-8"
    except UnicodeDecodeError:
        pass
    vietnamese = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    # Letters only Windows-1258 produces for Vietnamese: ă ơ ư đ and tones composed from its combining marks.
    marks = sum(vietnamese.count(ch) for ch in "ăơưđĂƠƯĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵ")
    if marks:
        return vietnamese, "CSV Windows-1258"
    return data.decode("cp1252", errors="replace"), "CSV Windows-1252"


def _csv_rows(path: Path) -> tuple[Iterable[tuple], int, str]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise _not_spreadsheet(path)
    text, source = _decode(data)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = text.count("\n") + 1
    return (tuple(r) for r in csv.reader(io.StringIO(text), dialect)), lines, source


def _collect(path: Path, rows: Iterable[tuple], total: int, source: str, progress: Progress | None,
             max_rows: int, headers: Headers, sheet: str | None) -> Table:
    # A CSV's line count is known up front: refuse a huge file at once rather than after reading it.
    if source.startswith("CSV") and total > max_rows + _HEADER_SCAN + 1000:
        raise _too_many(path, total)
    table: Table | None = None
    scanned: list[tuple] = []
    seen_content = False
    for number, raw in enumerate(rows, start=1):
        cells = [_clean(v) for v in raw]
        empty = all(v is None for v in cells)
        seen_content |= not empty
        if table is None:
            scanned.append(tuple(cells))
            if sum(1 for v in cells if v is not None and headers.field_for(v)) >= 2:
                names = ["" if v is None else str(v) for v in cells]
                table = Table(names, number, source=source)
            elif number >= _HEADER_SCAN:
                break
            continue
        if empty:
            table.blank_rows.append(number)
            continue
        table.rows.append((number, cells))
        if len(table.rows) > max_rows:
            # Count data rows rather than trust the sheet's declared size, which also covers rows that
            # only carry formatting; name the declared size when it is larger, as the better estimate.
            raise _too_many(path, max(len(table.rows), total))
        if progress is not None and number % 500 == 0:
            progress(number, total, f"Đang đọc dòng {number:,}".replace(",", "."))
    if table is None:
        if not seen_content and sheet is None:
            raise UserError(f"Trang tính đầu tiên của {path.name} không có dữ liệu. Hãy kiểm tra đã chọn đúng "
                            "tệp và danh sách nằm ở trang tính đầu tiên.")
        if not seen_content:  # a named sheet left empty: nothing to read there, which is not an error
            return Table([], 0, source=source)
        where = path.name if sheet is None else f"trang \"{sheet}\" của {path.name}"
        raise UserError(
            f"Không tìm thấy dòng tiêu đề cột trong 20 dòng đầu của {where}. Dòng tiêu đề cần có ít nhất "
            f"hai cột như: {', '.join(headers.examples)}.")
    # Trailing blank rows are just the end of the sheet, not rows someone left out.
    last = table.rows[-1][0] if table.rows else table.header_row
    table.blank_rows = [n for n in table.blank_rows if n < last]
    return table


def _too_many(path: Path, count: int) -> UserError:
    return UserError(
        f"Tệp {path.name} có hơn {MAX_ROWS:,} dòng (khoảng {count:,}), nhiều hơn mọi danh sách đảng viên của một "
        "chi bộ hay đảng bộ cơ sở. Có thể đã chọn nhầm tệp; nếu đúng, hãy chia thành các tệp nhỏ hơn."
        .replace(",", "."))
