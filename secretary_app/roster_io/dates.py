"""Dates as they appear in Vietnamese spreadsheets: dd/mm/yyyy, d/m/yy, ISO, Excel serial numbers."""

from __future__ import annotations

import datetime as dt
import re

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 01/01/1900, with Excel's phantom 29/02/1900
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{3,5}(?:\.0+)?$")


class DateProblem(ValueError):
    """A cell that is not a real date; ``str()`` is the Vietnamese reason shown in the preview."""


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise DateProblem(f"\"{text}\" không phải ngày có thật (không có tháng {month}).") from None
        raise DateProblem(f"\"{text}\" không phải ngày có thật (tháng {month}/{year} không có ngày {day}).") from None


def parse_date(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a cell value; None for an empty cell; DateProblem for anything else."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(float(value), str(value))
    text = str(value).strip()
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:  # d/m/yy: a two-digit year in the future means the 1900s
            now = (today or dt.date.today()).year
            year += 2000 if 2000 + year <= now else 1900
        return _make(year, month, day, text)
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, text)
    if _SERIAL.match(text):
        return _from_serial(float(text), text)
    raise DateProblem(f"\"{text}\" không đọc được là ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/02/1975.")


def _from_serial(serial: float, text: str) -> dt.date:
    if not 1 <= serial <= 2958465:
        raise DateProblem(f"\"{text}\" không đọc được là ngày; hãy ghi theo dạng ngày/tháng/năm.")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
