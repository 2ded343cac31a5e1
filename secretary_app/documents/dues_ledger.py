"""Sổ thu nộp đảng phí (S01/ĐP): members × months, integer VND as "12.420", on A4 landscape (a wide
table), and the periodic report upward (B01/ĐP); both also as .xlsx tables with real numbers."""

from __future__ import annotations

from exporters import HD36_2018, Align, Block, Column, Document, LayoutProfile, Table, landscape
from exporters.table_layout import one_line_width_mm
from exporters.xlsx_renderer import ColumnKind, SheetColumn, SheetTable
from models.text import nfc
from secretary_app.documents.common import header, p, report_recipients, signed, superior_committee, vnd
from secretary_app.documents.records import (
    DuesLedgerRecord,
    DuesReportRecord,
    ValidationFailed,
    missing,
    require,
)

#: Render the ledger with this profile: twelve month columns do not fit A4 portrait, and at 11 pt twelve
#: monthly totals ("635.000") and a member's full name each fit on one line of A4 landscape.
PROFILE = landscape(HD36_2018).replace(table_size_pt=11)
#: Smaller table sizes for a ledger whose names and amounts do not fit on one line each at 11 pt.
_SMALLER_PT = (10.5, 10, 9.5, 9, 8.5, 8)


def profile_for(document: Document) -> LayoutProfile:
    """``PROFILE``, with the table set smaller (down to 8 pt) when its names and amounts would not each
    stand on one line at 11 pt: a big organisation's monthly totals ("165.300.395 đ") make the month
    columns so wide that at 11 pt the table ran off the page (the "Cộng" column cut) and each name took
    three lines. A cell's ledger (totals of a few million đồng) stays at 11 pt."""
    table = next(block for block in document.blocks if isinstance(block, Table))
    for size in (PROFILE.table_size_pt, *_SMALLER_PT):
        if one_line_width_mm(table, size) <= PROFILE.text_width_mm:
            return PROFILE if size == PROFILE.table_size_pt else PROFILE.replace(table_size_pt=size)
    return PROFILE.replace(table_size_pt=_SMALLER_PT[-1])


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
    blocks: list[Block] = [
        p(f"{_period(record)} (đơn vị: đồng)", indent=False, align=Align.CENTER),
        Table(columns=columns, header=head, rows=tuple(rows)),
        p(f"Tổng số đảng phí đã thu: **{vnd(sum(totals))} đồng**."
          + (f" Số phải thu theo quy định: {vnd(record.due)} đồng." if record.due is not None else "")),
        *([p(f"Chi bộ giữ lại ({record.kept_percent}): {vnd(record.kept)} đồng. "
             f"Nộp lên {superior_committee(record.cell.superior_body)}: "
             f"{vnd(record.remitted if record.remitted is not None else sum(totals) - record.kept)} đồng.")]
          if record.kept is not None else
          [p(f"Đã nộp lên {superior_committee(record.cell.superior_body)}: {vnd(record.remitted)} đồng.")]
          if record.remitted is not None else []),
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


def _period(record: DuesLedgerRecord) -> str:
    first, last = record.months[0], record.months[-1]
    if first == last:
        return f"Tháng {first.month:02d}/{first.year}"
    return f"Từ tháng {first.month:02d}/{first.year} đến tháng {last.month:02d}/{last.year}"


def ledger_sheets(record: DuesLedgerRecord) -> tuple[SheetTable, ...]:
    """The ledger as a worksheet: one row per member, a number per month, the total row = sum of rows."""
    months = [f"{m.month:02d}/{m.year}" for m in record.months]
    columns = (SheetColumn("TT", ColumnKind.INTEGER), SheetColumn("Họ và tên"),
               *(SheetColumn(m, ColumnKind.MONEY) for m in months), SheetColumn("Cộng", ColumnKind.MONEY))
    rows = tuple((index, nfc(row.name), *row.amounts, sum(a or 0 for a in row.amounts))
                 for index, row in enumerate(record.rows, start=1))
    totals = [sum(row.amounts[i] or 0 for row in record.rows) for i in range(len(record.months))]
    notes = [f"Tổng số đã thu: {vnd(sum(totals))} đồng."]
    if record.due is not None:
        notes.append(f"Số phải thu theo quy định: {vnd(record.due)} đồng.")
    if record.kept is not None:
        notes.append(f"Chi bộ giữ lại ({record.kept_percent}): {vnd(record.kept)} đồng; nộp lên cấp trên: "
                     f"{vnd(sum(totals) - record.kept)} đồng.")
    return (SheetTable(
        name="Sổ thu nộp đảng phí", columns=columns, rows=rows, total=(None, "Cộng", *totals, sum(totals)),
        title_lines=(nfc(record.cell.cell_name).upper(), f"SỔ THU NỘP ĐẢNG PHÍ — {_period(record).lower()} (đơn vị: đồng)"),
        notes=tuple(notes)),)


def _report_lines(record: DuesReportRecord) -> tuple[tuple[str, int], ...]:
    return (("Tổng số đảng viên cuối kỳ", record.members_at_end),
            ("Số đảng phí phải thu theo quy định (đồng)", record.due),
            ("Số đảng phí đã thu (đồng)", record.collected),
            (f"Chi bộ được giữ lại, {record.kept_percent} (đồng)", record.kept),
            ("Số phải nộp lên cấp trên (đồng)", record.remitted))


def _report_period(record: DuesReportRecord) -> str:
    first, last = record.first_month, record.last_month
    if first == last:
        return f"tháng {first.month:02d}/{first.year}"
    return f"từ tháng {first.month:02d}/{first.year} đến tháng {last.month:02d}/{last.year}"


def build_dues_report(record: DuesReportRecord) -> Document:
    """B01/ĐP: members at the end of the period, dues owed, collected, kept and remitted."""
    require(record.signer_name, "họ tên người ký", "signer_name")
    rows = tuple((str(i), label, vnd(value)) for i, (label, value) in enumerate(_report_lines(record), start=1))
    blocks: list[Block] = [
        p(f"Chi bộ báo cáo kết quả thu, nộp đảng phí {_report_period(record)} như sau:"),
        Table(columns=(Column(12, Align.CENTER), Column(110), Column(40, Align.RIGHT)),
              header=("TT", "Nội dung", "Số liệu"), rows=rows),
        *([p(f"Người lập báo cáo: {nfc(record.preparer_name)}.")] if record.preparer_name.strip() else []),
        signed(record.signer_name, title=record.signer_title, authority=record.authority,
               recipients=("Đảng ủy cấp trên (để báo cáo)", "Lưu Chi bộ")),
    ]
    return Document(
        header=header(record.cell, date=record.issued_on),
        doc_type_name="BÁO CÁO",
        subject=f"kết quả thu, nộp đảng phí {_report_period(record)}",
        blocks=tuple(blocks),
    )


def report_sheets(record: DuesReportRecord) -> tuple[SheetTable, ...]:
    return (SheetTable(
        name="Báo cáo đảng phí",
        columns=(SheetColumn("TT", ColumnKind.INTEGER), SheetColumn("Nội dung"), SheetColumn("Số liệu", ColumnKind.MONEY)),
        rows=tuple((i, label, value) for i, (label, value) in enumerate(_report_lines(record), start=1)),
        title_lines=(nfc(record.cell.cell_name).upper(),
                     f"BÁO CÁO KẾT QUẢ THU, NỘP ĐẢNG PHÍ {_report_period(record).upper()}")),)
