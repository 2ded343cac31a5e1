"""Danh sách đảng viên: the member list as a Party document (.docx/.pdf) through the exporters engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporters import (
    Align,
    Column,
    Document,
    Header,
    Paragraph,
    Run,
    Signature,
    Signer,
    Table,
    render_docx,
    render_pdf,
)
from exporters.errors import DocumentError
from secretary_app.errors import UserError
from secretary_app.services.cell import get_cell
from secretary_app.services.roster import MemberRow, list_members
from secretary_app.store import Store

_COLUMNS = (Column(12, Align.CENTER), Column(38), Column(15, Align.CENTER), Column(26, Align.CENTER),
            Column(26, Align.CENTER), Column(22, Align.CENTER), Column(26))
_HEADER = ("STT", "Họ và tên", "Năm sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ", "Ghi chú")


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def build_member_list(store: Store, today: dt.date | None = None) -> Document:
    """The members in the cell's list on ``today`` (official and probationary), in Vietnamese list order."""
    from secretary_app.services.roster import get_member_data

    today = today or dt.date.today()
    cell = get_cell(store)
    if cell is None:
        raise UserError("Chưa có thông tin chi bộ; hãy thiết lập chi bộ trước khi xuất danh sách.")
    rows: list[MemberRow] = [r for r in list_members(store, today) if r.counted_here]
    if not rows:
        raise UserError("Chi bộ chưa có đảng viên nào trong danh sách; không có gì để xuất.")
    data = get_member_data(store, [r.id for r in rows])
    table_rows = []
    for number, row in enumerate(rows, start=1):
        record = data[row.id]
        note = "" if row.status in ("Chính thức", "Dự bị") else row.status.split(" · ", 1)[-1]
        if row.membership == "probationary":
            note = "Dự bị" + (f" · {note}" if note else "")
        table_rows.append((str(number), row.full_name, str(row.birth_year or ""),
                           _date(record.admission_decision_date), _date(record.official_date),
                           record.card_number, note))
    official = sum(1 for r in rows if r.membership == "official")
    secretary = next((r.full_name for r in rows if r.position.casefold().startswith("bí thư chi bộ")), "")
    return Document(
        header=Header(cell.superior_name.upper(), cell.name.upper(), place=cell.place_name, date=today),
        doc_type_name="DANH SÁCH ĐẢNG VIÊN",
        subject=f"{cell.name} (đến ngày {_date(today)})",
        blocks=(
            Table(_COLUMNS, _HEADER, tuple(table_rows)),
            Paragraph((Run(f"Tổng số: {len(rows)} đảng viên ({official} chính thức, "
                           f"{len(rows) - official} dự bị)."),), indent_first_line=False),
            Signature(Signer("BÍ THƯ", secretary or " ", authority="T/M CHI BỘ")),
        ),
    )


def export_member_list(store: Store, path: Path, today: dt.date | None = None) -> Path:
    document = build_member_list(store, today)
    try:
        (render_pdf if Path(path).suffix.lower() == ".pdf" else render_docx)(document, path)
    except DocumentError as exc:
        raise UserError(f"Không tạo được danh sách: {exc}") from exc
    return Path(path)
