"""The dues ledger (S01/ĐP) and the report upward (B01/ĐP) from the dues service: DOCX, PDF and XLSX
with real numbers, a frozen header row, widths that fit, and a total row equal to the sum of the rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import pdfplumber
import pytest
from openpyxl import load_workbook

from secretary_app.errors import ValidationFailed
from secretary_app.services import documents, dues, roster
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import MemberData
from secretary_app.store import Store
from tests.support import run_cli

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def paid_cell(store: Store) -> Store:
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 5", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 3,
                               dt.date(2025, 7, 1)))
    ids = []
    for name, born in (("Nguyễn Văn Hùng", dt.date(1958, 3, 1)), ("Trần Thị Thu Hà", dt.date(1985, 6, 2)),
                       ("Lê Văn Đức", dt.date(1990, 1, 9))):
        member_id, _ = roster.create_member(store, MemberData(
            name, birth_date=born, gender="Nam" if "Văn" in name else "Nữ", admission_decision_date=dt.date(2005, 1, 5),
            official_date=dt.date(2006, 1, 5), position="Bí thư chi bộ" if name == "Nguyễn Văn Hùng" else ""))
        ids.append(member_id)
    dues.set_basis(store, ids[1], "insured", 7_488_000, dt.date(2026, 1, 1))
    for month in range(1, 11):
        for member_id in ids:
            dues.record_payment(store, dues.PaymentInput(member_id, dt.date(2026, month, 1)), today=TODAY)
    dues.add_cell_override(store, "kept_percent", 40, dt.date(2026, 7, 1))
    return store


def test_ledger_record_totals_are_the_sum_of_member_rows(paid_cell: Store) -> None:
    with paid_cell.transaction() as session:
        record = documents.dues_ledger_record(session, paid_cell.cell_id, 2026, as_of=TODAY)
        report = documents.dues_report_record(session, paid_cell.cell_id, 2026, as_of=TODAY)
    collected = sum(a or 0 for row in record.rows for a in row.amounts)
    # Hùng, retired age: 2.500 in January (342) then 0.2 % × 4.140.000; Hà 74.880; Đức 5.000 then 12.420.
    assert collected == (2_500 + 9 * 8_280) + 10 * 74_880 + (5_000 + 9 * 12_420)
    assert report.collected == collected and report.members_at_end == 3
    # Kept: 30 % to June, 40 % from July (the dated setting), per month.
    assert record.kept_percent == "30% (01–06/2026), 40% (07–12/2026)"
    assert record.kept == report.kept and report.kept + report.remitted == collected
    assert report.due == collected + 2 * (8_280 + 74_880 + 12_420)  # November and December not yet paid


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_ledger_and_report_documents(paid_cell: Store, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"so.{fmt}"
    documents.export(paid_cell, "dues-ledger", target, fmt, as_of=TODAY, year=2026)
    report = tmp_path / f"bc.{fmt}"
    documents.export(paid_cell, "dues-report", report, fmt, as_of=TODAY, year=2026, month=10)
    if fmt == "pdf":
        with pdfplumber.open(target) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "SỔ THU NỘP ĐẢNG PHÍ" in text and "74.880" in text and "Nộp lên Đảng ủy phường Hoàn Kiếm" in text
        with pdfplumber.open(report) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "kết quả thu, nộp đảng phí tháng 10/2026" in text and "95.580" in text  # 8.280+74.880+12.420
    assert target.stat().st_size > 1000 and report.stat().st_size > 1000


def test_ledger_xlsx_has_numbers_a_frozen_header_and_a_total_row(paid_cell: Store, tmp_path: Path) -> None:
    target = tmp_path / "so.xlsx"
    documents.export(paid_cell, "dues-ledger", target, "xlsx", as_of=TODAY, year=2026)
    sheet = load_workbook(target).active
    assert sheet is not None
    header_row = 3  # two title lines, then the header
    assert [c.value for c in sheet[header_row]][:3] == ["TT", "Họ và tên", "01/2026"]
    assert sheet.freeze_panes == f"A{header_row + 1}" and sheet.auto_filter.ref.startswith(f"A{header_row}:")
    members = [[c.value for c in row] for row in sheet.iter_rows(min_row=header_row + 1, max_row=header_row + 3)]
    total = [c.value for c in sheet[header_row + 4]]
    assert total[1] == "Cộng"
    assert members[1][1] == "Trần Thị Thu Hà" and members[1][2] == 74_880 and isinstance(members[1][2], int)
    for column in range(2, 15):  # each month and the row total: the total row is the sum of member rows
        assert total[column] == sum(cast(int, row[column] or 0) for row in members)  # money cells hold ints
    assert sheet.cell(header_row + 1, 3).number_format == "#,##0"
    width = sheet.column_dimensions["B"].width
    assert width is not None and width >= len("Trần Thị Thu Hà")


def test_xlsx_only_for_the_dues_documents(paid_cell: Store, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="xlsx"):
        documents.export(paid_cell, "roster", tmp_path / "ds.xlsx", "xlsx", as_of=TODAY)
    assert not (tmp_path / "ds.xlsx").exists()


def test_cli_exports_the_ledger_of_a_year_and_a_month(data_dir: Path, tmp_path: Path) -> None:
    run = ["--data-dir", str(data_dir)]
    assert run_cli(*run, "demo").returncode == 0
    for args, name in ((["--year", "2026", "--format", "xlsx"], "so.xlsx"),
                       (["--year", "2026", "--month", "10", "--format", "pdf"], "so-10.pdf")):
        result = run_cli(*run, "export", "dues-ledger", *args, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert "Đã xuất sổ thu nộp đảng phí" in result.stdout
    bad = run_cli(*run, "export", "dues-ledger", "--year", "2026", "--month", "13", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 1 and "Tháng “13” không có" in bad.stderr


def test_a_big_organisations_ledger_is_set_smaller_so_every_column_stays_on_the_page(paid_cell: Store) -> None:
    """A cell's ledger prints at 11 pt. 5,000 members make monthly totals such as "165.300.395": at 11 pt
    the twelve months then ran past the page edge (the "Cộng" column cut off) and each name took three
    lines, so the table is set in the largest smaller size at which every name and amount fits one line."""
    import dataclasses

    from exporters import Table
    from exporters.table_layout import one_line_width_mm, table_widths_mm
    from secretary_app.documents import dues_ledger
    from secretary_app.documents.records import DuesLedgerRow

    with paid_cell.transaction() as session:
        record = documents.dues_ledger_record(session, paid_cell.cell_id, 2026, as_of=TODAY)
    cell = dues_ledger.build_dues_ledger(record)
    assert dues_ledger.profile_for(cell) == dues_ledger.PROFILE and dues_ledger.PROFILE.table_size_pt == 11
    rows = tuple(DuesLedgerRow(f"Bùi Văn An {i}", tuple(143_290 - i for _ in range(12))) for i in range(5000))
    big = dues_ledger.build_dues_ledger(dataclasses.replace(record, rows=rows))
    profile = dues_ledger.profile_for(big)
    table = next(block for block in big.blocks if isinstance(block, Table))
    assert "703.952.500" in table.rows[-1]  # a month's total: 5.000 × 143.290 − (0 + 1 + … + 4.999)
    assert 8 <= profile.table_size_pt < 11
    assert one_line_width_mm(table, profile.table_size_pt) <= profile.text_width_mm
    assert sum(table_widths_mm(table, profile)) <= profile.text_width_mm + 0.01
    larger = profile.replace(table_size_pt=profile.table_size_pt + 0.5)
    assert one_line_width_mm(table, larger.table_size_pt) > larger.text_width_mm  # the largest size that fits
