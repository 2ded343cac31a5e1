"""The roster columns: their Vietnamese headers on export, and the header names recognised on import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models.text import search_key

# field → (export header, other headers people use). Matching ignores case, diacritics and spacing.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "full_name": ("Họ và tên", ("Họ tên", "Họ và tên đảng viên", "Tên đảng viên", "Họ, tên", "Ho ten")),
    "birth_name": ("Tên khai sinh", ("Họ tên khai sinh",)),
    "birth_date": ("Ngày sinh", ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày", "NS")),
    "gender": ("Giới tính", ("Nam/Nữ", "Nam, nữ", "Phái")),
    "ethnicity": ("Dân tộc", ()),
    "religion": ("Tôn giáo", ()),
    "home_town": ("Quê quán", ("Nguyên quán",)),
    "residence": ("Nơi ở hiện nay", ("Nơi cư trú", "Địa chỉ", "Chỗ ở hiện nay", "Nơi thường trú")),
    "admission_decision_date": ("Ngày vào Đảng", ("Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày vào đảng",
                                                  "Ngày quyết định kết nạp", "Vào Đảng")),
    "ceremony_date": ("Ngày lễ kết nạp", ("Ngày tổ chức lễ kết nạp", "Lễ kết nạp")),
    "official_date": ("Ngày chính thức", ("Ngày công nhận chính thức", "Ngày được công nhận chính thức",
                                          "Chính thức")),
    "card_number": ("Số thẻ", ("Số thẻ đảng", "Số thẻ đảng viên", "Số thẻ Đảng viên")),
    "record_number": ("Số lý lịch", ("Số lý lịch đảng viên", "Số LL")),
    "national_id": ("Số CCCD", ("CCCD", "Số căn cước", "Số căn cước công dân", "Số CMND", "CMND/CCCD")),
    "position": ("Chức vụ", ("Chức vụ đảng", "Chức vụ hiện nay")),
    "education": ("Trình độ văn hóa", ("Văn hóa", "Học vấn", "Trình độ học vấn", "Giáo dục phổ thông")),
    "political_theory": ("Lý luận chính trị", ("Trình độ lý luận chính trị", "LLCT", "Lý luận")),
    "profession": ("Nghề nghiệp", ("Nghề nghiệp hiện nay", "Chuyên môn", "Công việc")),
    "phone": ("Điện thoại", ("Số điện thoại", "SĐT", "ĐT", "Di động")),
    "notes": ("Ghi chú", ()),
}
DATE_FIELDS = frozenset({"birth_date", "admission_decision_date", "ceremony_date", "official_date"})
FIELD_LABELS = {field: header for field, (header, _) in COLUMNS.items()}
# Exported for reading. Status comes from the dated events (rules.md), which a spreadsheet does not carry:
# the import never sets it, and warns on a row whose status the imported record would not have.
STATUS_HEADER = "Tình trạng"
_STATUS_HEADERS = {search_key(h) for h in (STATUS_HEADER, "Trạng thái", "Tình trạng đảng viên")}

_KNOWN = {search_key(name): field for field, (header, others) in COLUMNS.items() for name in (header, *others)}


def field_for(header: object) -> str | None:
    """The field a header names, or None."""
    return _KNOWN.get(search_key(str(header or "")).replace(",", "").strip()) or _KNOWN.get(
        search_key(str(header or "")))


# The second sheet of an exported .xlsx: one row per dated event the first sheet cannot carry (transfers,
# exemption, discipline, death…), so a round trip keeps every member's status. The member is found by the
# same keys as on the first sheet: card number, else name + birth date.
HISTORY_SHEET = "Quá trình"
HISTORY_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "full_name": COLUMNS["full_name"],
    "birth_date": COLUMNS["birth_date"],
    "card_number": COLUMNS["card_number"],
    "kind": ("Sự kiện", ("Loại sự kiện", "Quá trình", "Diễn biến")),
    "event_date": ("Từ ngày", ("Ngày", "Ngày sự kiện", "Ngày bắt đầu", "Ngày quyết định")),
    "end_date": ("Đến ngày", ("Ngày kết thúc", "Đến")),
    "detail": ("Hình thức/Chi tiết", ("Hình thức", "Chi tiết", "Hình thức kỷ luật", "Tổ chức đảng",
                                       "Hình thức / Chi tiết")),
    "reason": ("Lý do", ()),
    "decision_ref": ("Số quyết định", ("Số QĐ", "Quyết định", "Số, ngày quyết định")),
}
HISTORY_DATE_FIELDS = frozenset({"birth_date", "event_date", "end_date"})
HISTORY_LABELS = {field: header for field, (header, _) in HISTORY_COLUMNS.items()}
_HISTORY_KNOWN = {search_key(name): field for field, (header, others) in HISTORY_COLUMNS.items()
                  for name in (header, *others)}


def history_field_for(header: object) -> str | None:
    """The field a header of the "Quá trình" sheet names, or None."""
    key = search_key(str(header or ""))
    return _HISTORY_KNOWN.get(key) or _HISTORY_KNOWN.get(key.replace(",", "").strip())


@dataclass(frozen=True)
class Headers:
    """How to recognise the header row of a sheet: the field a header names, and examples for the message
    shown when no row among the first 20 has two known headers."""

    field_for: Callable[[object], str | None]
    examples: tuple[str, ...]


ROSTER_HEADERS = Headers(field_for, (*list(FIELD_LABELS.values())[:4], FIELD_LABELS["card_number"]))
HISTORY_HEADERS = Headers(history_field_for, tuple(HISTORY_LABELS[f] for f in
                                                    ("full_name", "card_number", "kind", "event_date")))


def status_column(headers: list[str]) -> int | None:
    return next((i for i, h in enumerate(headers) if search_key(str(h or "")) in _STATUS_HEADERS), None)


def suggest_mapping(headers: list[str]) -> dict[str, int]:
    """field → column index, for the headers we recognise (the first column wins when two match)."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        field = field_for(header)
        if field is not None and field not in mapping:
            mapping[field] = index
    return mapping
