"""Sổ thu nộp đảng phí: members × months, integer VND as "12.420", on A4 landscape (a wide table)."""

from __future__ import annotations

from exporters import HD36_2018, Align, Column, Document, Table, landscape
from models.text import nfc
from secretary_app.documents.common import header, p, report_recipients, signed, superior_committee, vnd
from secretary_app.documents.records import DuesLedgerRecord, ValidationFailed, missing, require

#: Render the ledger with this profile: twelve month columns do not fit A4 portrait, and at 11 pt twelve
#: monthly totals ("635.000") and a member's full name each fit on one line of A4 landscape.
PROFILE = landscape(HD36_2018).replace(table_size_pt=11)


def build_dues_ledger(record: DuesLedgerRecord) -> Document:
    if not record.months:
        raise missing("các tháng của sổ thu nộp", "months")
    if len(record.months) > 12:
        raise ValidationFailed("Sổ thu nộp đảng phí (months) chỉ in tối đa 12 tháng một trang.", field="months")
    if not record.rows:
        raise missing("đảng viên trong sổ thu nộp", "rows")
    require(record.signer_name, "họ tên người ký", "signer_name")
    months = len(record.months)
    month_width = 180 / max(months, 1) if months > 6 else 22
    columns = (Column(9, Align.CENTER), Column(44), *(Column(month_width, Align.RIGHT) for _ in range(months)),
               Column(22, Align.RIGHT))
    head = ("TT", "Họ và tên", *(f"{m.month:02d}/{m.year % 100:02d}" for m in record.months), "Cộng")
    rows = []
    totals = [0] * months
    for position, row in enumerate(record.rows, start=1):
        require(row.name, f"họ tên đảng viên ở dòng {position}", f"rows[{position - 1}].name")
        if len(row.amounts) != months:
            raise ValidationFailed(
                f"Dòng {position} ({row.name}) có {len(row.amounts)} tháng, sổ có {months} tháng (rows.amounts).",
                field=f"rows[{position - 1}].amounts")
        for index, amount in enumerate(row.amounts):
            totals[index] += amount or 0
        rows.append((str(position), nfc(row.name), *(vnd(a) if a else "" for a in row.amounts),
                     vnd(sum(a or 0 for a in row.amounts))))
    rows.append(("", "Cộng", *(vnd(t) for t in totals), vnd(sum(totals))))
    first, last = record.months[0], record.months[-1]
    blocks = [
        p(f"Từ tháng {first.month:02d}/{first.year} đến tháng {last.month:02d}/{last.year} "
          "(đơn vị: đồng)", indent=False, align=Align.CENTER),
        Table(columns=columns, header=head, rows=tuple(rows)),
        p(f"Tổng số đảng phí đã thu: **{vnd(sum(totals))} đồng**."
          + (f" Đã nộp lên {superior_committee(record.cell.superior_body)}: {vnd(record.remitted)} đồng."
             if record.remitted is not None else "")),
        *(p(nfc(note)) for note in record.notes if note.strip()),
        signed(record.signer_name, title=record.signer_title, authority=record.authority,
               recipients=report_recipients(record.cell.superior_body)),
    ]
    return Document(
        header=header(record.cell, date=record.issued_on),
        doc_type_name="SỔ THU NỘP ĐẢNG PHÍ",
        subject=nfc(record.cell.cell_name),
        blocks=tuple(blocks),
    )
