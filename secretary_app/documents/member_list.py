"""Danh sách đảng viên: a subset of the 7-HSĐV columns that fits A4 portrait (documents.md §1)."""

from __future__ import annotations

from exporters import Align, Block, Column, Document, Table
from models.text import nfc
from secretary_app.documents.common import header, long_date, p, report_recipients, short_date, signed
from secretary_app.documents.records import MemberListRecord, missing, require

COLUMNS = (
    Column(9, Align.CENTER), Column(38), Column(14, Align.CENTER), Column(27, Align.CENTER),
    Column(27, Align.CENTER), Column(21, Align.CENTER), Column(29),
)
HEADER = ("TT", "Họ và tên", "Năm sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ", "Ghi chú")


def build_member_list(record: MemberListRecord) -> Document:
    """Members in the cell's list on ``as_of`` with birth year, admission, official date, card and status."""
    if not record.rows:
        raise missing("đảng viên trong danh sách", "rows")
    require(record.signer_name, "họ tên người ký", "signer_name")
    rows = []
    for position, row in enumerate(record.rows, start=1):
        require(row.name, f"họ tên đảng viên ở dòng {position}", f"rows[{position - 1}].name")
        rows.append((
            str(position), nfc(row.name), str(row.birth_date.year) if row.birth_date else "",
            short_date(row.admitted_on), short_date(row.official_on), row.card_number, nfc(row.note),
        ))
    official = sum(1 for row in record.rows if row.official_on is not None)
    blocks: list[Block] = [
        p(f"(Tính đến {long_date(record.as_of)})", indent=False, align=Align.CENTER),
        Table(columns=COLUMNS, header=HEADER, rows=tuple(rows)),
        p(f"Tổng số: {len(record.rows)} đảng viên (chính thức {official}, dự bị {len(record.rows) - official})."),
        signed(record.signer_name, title=record.signer_title, authority=record.authority,
               recipients=report_recipients(record.cell.superior_body)),
    ]
    return Document(
        header=header(record.cell, date=record.as_of),
        doc_type_name="DANH SÁCH",
        subject=f"đảng viên {nfc(record.cell.cell_name)}",
        blocks=tuple(blocks),
    )
