"""Text conventions of Party documents (documents.md §2) that builders and renderers share."""

from __future__ import annotations

import datetime as dt
import unicodedata

from exporters.errors import DocumentError

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"


def nfc(text: str) -> str:
    """Compose Vietnamese letters. reportlab does no mark positioning, so decomposed input
    (Unikey "Unicode tổ hợp", macOS file names) would print detached tone marks."""
    return unicodedata.normalize("NFC", text)


def format_date_line(place: str, date: dt.date) -> str:
    """"Hoàn Kiếm, ngày 05 tháng 02 năm 2026": days below 10 and months 1-2 are zero-padded, other months
    are not ("tháng 4"), as in the HD 36 samples."""
    place = nfc(place).strip()
    if not place:
        raise DocumentError("Thiếu địa danh (place) trong dòng ngày tháng")
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def format_number(number: int, type_code: str, issuer_code: str) -> str:
    """"Số 03-NQ/CB": no colon after "Số", at least two digits, hyphen before the type, slash before the issuer."""
    if number < 1:
        raise DocumentError(f"Số văn bản phải từ 1 trở lên (nhận được {number})")
    type_code, issuer_code = nfc(type_code).strip(), nfc(issuer_code).strip()
    if not type_code or not issuer_code:
        raise DocumentError("Thiếu ký hiệu loại văn bản hoặc cơ quan ban hành trong số, ký hiệu")
    return f"Số {number:02d}-{type_code}/{issuer_code}"


def format_percent(count: int, base: int) -> str:
    """"100%", "90,48%": Vietnamese decimal comma, at most two decimals, no trailing zeros."""
    value = round(100 * count / base, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"
