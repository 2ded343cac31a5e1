"""The kinds of document the app exports, by name. Light on purpose: the CLI parser reads it at start-up."""

from __future__ import annotations

KINDS = ("agenda", "minutes", "minutes-extract", "resolution", "roster", "dues-ledger", "dues-report")
KIND_LABELS = {
    "agenda": "Chương trình sinh hoạt", "minutes": "Biên bản", "minutes-extract": "Trích biên bản",
    "resolution": "Nghị quyết", "roster": "Danh sách đảng viên", "dues-ledger": "Sổ thu nộp đảng phí",
    "dues-report": "Báo cáo thu, nộp đảng phí",
}
FORMATS = ("docx", "pdf", "xlsx")  # xlsx: the dues kinds only
DUES_KINDS = ("dues-ledger", "dues-report")  # a period (--year, --month); also as .xlsx
MEETING_KINDS = ("agenda", "minutes", "minutes-extract", "resolution")
