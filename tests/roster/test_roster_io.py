"""Roster import/export: the round trip, and each kind of bad input with the message the user sees."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from secretary_app.cli import main
from secretary_app.errors import UserError
from secretary_app.paths import resolve_paths
from secretary_app.roster_io.dates import DateProblem, parse_date
from secretary_app.roster_io.exporting import export_roster
from secretary_app.roster_io.importing import (
    REJECT,
    SKIP,
    WARNING,
    apply_import,
    import_roster,
    preview_import,
    write_report,
)
from secretary_app.services.cell import CellInput, save_cell
from secretary_app.services.roster import (
    MemberData,
    create_member,
    delete_member,
    get_member,
    get_member_data,
    list_members,
    update_member,
)
from secretary_app.store import Store

TODAY = dt.date(2026, 11, 25)
HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ"]


@pytest.fixture
def cell_store(store):
    save_cell(store, CellInput("Chi bộ Tổ dân phố số 7", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1,
                               dt.date(2025, 8, 20)))
    return store


def _xlsx(path: Path, rows: list[list[object]], title_rows: int = 0) -> Path:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    if title_rows:
        sheet["A1"] = "DANH SÁCH ĐẢNG VIÊN CHI BỘ TỔ DÂN PHỐ SỐ 7"
        sheet.merge_cells("A1:G1")
        for _ in range(title_rows - 1):
            sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _cp1258(text: str) -> bytes:
    """What Windows writes in code page 1258: base letters (ă â ê ô ơ ư đ) with combining tone marks."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
            out += (base + tones).encode("cp1258")
    return out


def _csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    text = "\n".join(lines)
    path.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def _records(store: Store) -> list:
    rows = list_members(store)
    data = get_member_data(store, [r.id for r in rows])
    return sorted(data.values(), key=lambda d: (d.full_name, d.card_number))


def _events(store: Store) -> dict[tuple[str, str], list[tuple]]:
    """Each member's events as the Đảng viên page lists them, by (name, card number)."""
    out = {}
    for row in list_members(store, TODAY):
        detail = get_member(store, row.id, TODAY)
        out[(row.full_name, row.card_number)] = [(e.kind, e.event_date, e.end_date, e.reason, e.detail,
                                                  e.decision_ref) for e in detail.events]
    return out


def test_demo_roster_round_trips_through_xlsx(demo_store, tmp_path):
    exported = export_roster(demo_store, tmp_path / "ds.xlsx", TODAY)
    fresh = Store(resolve_paths(tmp_path / "fresh"))
    try:
        save_cell(fresh, CellInput("Chi bộ mới", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1, dt.date(2025, 8, 20)))
        result = import_roster(fresh, exported, today=TODAY)
        # 8 events beyond admission and recognition (transfers, exemptions, death, discipline), and the decision
        # number of the 25 admissions, which the first sheet has no column for.
        assert result.summary() == ("imported 25, updated 0, unchanged 0, rejected 0; "
                                    "events added 33, unchanged 0, rejected 0")
        assert _records(fresh) == _records(demo_store)
        # Status comes from the dated events: with the "Quá trình" sheet every member keeps theirs, the
        # deceased, the transferred-out and the exempt included, and no row needs a warning.
        source = {(r.full_name, r.card_number): r.status for r in list_members(demo_store, TODAY)}
        assert {(r.full_name, r.card_number): r.status for r in list_members(fresh, TODAY)} == source
        assert {"Từ trần", "Đã chuyển đi", "Chính thức · Miễn sinh hoạt"} <= set(source.values())
        assert [r.messages for r in result.preview.rows if r.messages] == []
        assert _events(fresh) == _events(demo_store)
        # Importing the same file again changes nothing and duplicates nobody, nor any event.
        again = import_roster(fresh, exported, today=TODAY)
        assert again.summary() == ("imported 0, updated 0, unchanged 25, rejected 0; "
                                   "events added 0, unchanged 33, rejected 0")
        assert len(list_members(fresh)) == 25 and _events(fresh) == _events(demo_store)
    finally:
        fresh.close()


def test_without_the_history_sheet_the_status_warning_names_each_member(demo_store, tmp_path):
    """A workbook whose "Quá trình" sheet was deleted imports the records, and names every member whose
    status the import cannot know, with what to do."""
    from openpyxl import load_workbook

    exported = export_roster(demo_store, tmp_path / "ds.xlsx", TODAY)
    book = load_workbook(exported)
    assert book.sheetnames == ["Danh sách đảng viên", "Quá trình"]
    del book["Quá trình"]
    book.save(exported)
    fresh = Store(resolve_paths(tmp_path / "fresh"))
    try:
        save_cell(fresh, CellInput("Chi bộ mới", "Đảng bộ phường Hoàn Kiếm", "Hoàn Kiếm", 1, dt.date(2025, 8, 20)))
        result = import_roster(fresh, exported, today=TODAY)
        assert result.summary() == "imported 25, updated 0, unchanged 0, rejected 0"
        source = {r.full_name: r.status for r in list_members(demo_store, TODAY)}
        expected = {name for name, status in source.items() if status not in ("Chính thức", "Dự bị")}
        warned = {r.name: r.messages for r in result.preview.rows if r.messages}
        assert set(warned) == expected and len(expected) >= 5
        for name, messages in warned.items():
            assert f"«{source[name]}»" in messages[0] and "ghi sự kiện" in messages[0]
    finally:
        fresh.close()


def test_csv_export_reimports_unchanged(demo_store, tmp_path):
    exported = export_roster(demo_store, tmp_path / "ds.csv", TODAY)
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to show Vietnamese
    again = import_roster(demo_store, exported, today=TODAY)
    assert again.summary() == "imported 0, updated 0, unchanged 25, rejected 0"
    assert [r.messages for r in again.preview.rows if r.messages] == []  # the statuses agree with the records


def test_reimport_updates_matching_member_instead_of_duplicating(cell_store, tmp_path):
    first = _xlsx(tmp_path / "a.xlsx", [HEADERS, [1, "Nguyễn Thị Hường", "12/03/1964", "Nữ", "19/11/1991",
                                                  "19/11/1992", "83256520"]])
    import_roster(cell_store, first)
    second = _xlsx(tmp_path / "b.xlsx", [HEADERS, [1, "Nguyễn Thị Hường", "12/03/1964", "Nữ", "19/11/1991",
                                                   "19/11/1992", "83256520"],
                                         [2, "Trần Văn An", "23/10/1976", "Nam", "05/10/2003", "", ""]])
    # A new phone column is not there: unmapped fields keep their value; the card number finds her.
    result = import_roster(cell_store, second)
    assert result.summary() == "imported 1, updated 0, unchanged 1, rejected 0"
    renamed = _xlsx(tmp_path / "c.xlsx", [HEADERS, [1, "Nguyễn Thị Hương", "12/03/1964", "Nữ", "19/11/1991",
                                                    "19/11/1992", "83256520"]])
    assert import_roster(cell_store, renamed).summary() == "imported 0, updated 1, unchanged 0, rejected 0"
    names = sorted(r.full_name for r in list_members(cell_store))
    assert names == ["Nguyễn Thị Hương", "Trần Văn An"]


def test_a_file_that_is_not_a_spreadsheet(cell_store, tmp_path):
    fake = tmp_path / "ds.xlsx"
    fake.write_text("Đây là một bức thư, không phải bảng tính.", encoding="utf-8")
    with pytest.raises(UserError, match="không phải bảng tính đọc được"):
        preview_import(cell_store, fake)
    with pytest.raises(UserError, match="không phải bảng tính"):
        preview_import(cell_store, _csv(tmp_path / "anh.png", ["x"]))
    with pytest.raises(UserError, match=r"Excel cũ \(\.xls\)"):
        preview_import(cell_store, _csv(tmp_path / "cu.xls", ["x"]))


def test_an_empty_sheet(cell_store, tmp_path):
    with pytest.raises(UserError, match="không có dữ liệu"):
        preview_import(cell_store, _xlsx(tmp_path / "trong.xlsx", []))


def test_a_sheet_without_recognisable_headers(cell_store, tmp_path):
    with pytest.raises(UserError, match="Không tìm thấy dòng tiêu đề"):
        preview_import(cell_store, _xlsx(tmp_path / "x.xlsx", [["a", "b"], [1, 2]]))


def test_headers_on_row_3_under_a_merged_title(cell_store, tmp_path):
    path = _xlsx(tmp_path / "ds.xlsx", [HEADERS, [1, "Lê Văn Đức", "01/02/1950", "Nam", "20/01/1972", "", "70351650"]],
                 title_rows=2)
    preview = preview_import(cell_store, path, today=TODAY)
    assert preview.header_row == 3
    assert [(r.row, r.name) for r in preview.rows] == [(4, "Lê Văn Đức")]


def test_blank_and_duplicate_rows(cell_store, tmp_path):
    row = [1, "Lê Văn Đức", "01/02/1950", "Nam", "20/01/1972", "", "70351650"]
    path = _xlsx(tmp_path / "ds.xlsx", [HEADERS, row, [], [None] * 7, row, [2, "Trần An", "", "", "", "", ""]])
    preview = preview_import(cell_store, path, today=TODAY)
    assert preview.blank_rows == (3, 4)
    duplicate = next(r for r in preview.rows if r.row == 5)
    assert (duplicate.state, duplicate.action) == (WARNING, SKIP)
    assert duplicate.messages == ("Trùng hoàn toàn với dòng 2; chỉ nhập một lần.",)
    assert import_roster(cell_store, path).summary() == "imported 2, updated 0, unchanged 1, rejected 0"


def test_impossible_dates_and_birth_after_admission_are_rejected_with_reason(cell_store, tmp_path):
    path = _xlsx(tmp_path / "ds.xlsx", [
        HEADERS,
        [1, "Nguyễn Văn A", "31/02/1970", "Nam", "01/01/1995", "", ""],
        [2, "Trần Thị B", "01/01/2000", "Nữ", "01/01/1990", "", ""],
        [3, "Lê Văn C", "05/06/1960", "Nam", "01/01/1990", "01/01/1991", ""],
    ])
    result = import_roster(cell_store, path, today=TODAY)
    assert result.summary() == "imported 1, updated 0, unchanged 0, rejected 2"
    reasons = {r.row: r.messages for r in result.preview.rejected}
    assert reasons[2] == ('Ngày sinh: "31/02/1970" không phải ngày có thật (tháng 2/1970 không có ngày 31).',)
    assert reasons[3] == ("Ngày sinh 01/01/2000 không thể sau ngày vào Đảng 01/01/1990; hãy kiểm tra lại hai ngày này.",)
    report = write_report(result.preview, tmp_path / "loi.csv").read_text(encoding="utf-8-sig")
    assert "31/02/1970" in report and "Trần Thị B" in report


def test_decomposed_names_are_normalised_and_found(cell_store, tmp_path):
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    path = _csv(tmp_path / "nfd.csv", [",".join(HEADERS), f"1,{nfd},12/03/1964,Nữ,19/11/1991,,"])
    result = import_roster(cell_store, path, today=TODAY)
    assert result.preview.rows[0].state == WARNING
    assert "tổ hợp (NFD)" in result.preview.rows[0].messages[0]
    [member] = list_members(cell_store)
    assert member.full_name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", member.full_name)
    assert member.search_key == "nguyen thi huong"


def test_duplicate_card_numbers_in_a_file(cell_store, tmp_path):
    path = _xlsx(tmp_path / "ds.xlsx", [HEADERS, [1, "Lê Văn Đức", "01/02/1950", "Nam", "20/01/1972", "", "70351650"],
                                        [2, "Phan Văn Khải", "03/04/1952", "Nam", "17/08/1974", "", "70351650"]])
    result = import_roster(cell_store, path, today=TODAY)
    assert result.summary() == "imported 1, updated 0, unchanged 0, rejected 1"
    assert result.preview.rejected[0].messages == ("Số thẻ 70351650 trùng với dòng 2 (Lê Văn Đức).",)


def test_a_100000_row_file_is_refused_quickly_and_nothing_is_written(cell_store, tmp_path):
    lines = [",".join(HEADERS)] + [f"{i},Người {i},01/01/1970,Nam,01/01/2000,," for i in range(100_000)]
    path = _csv(tmp_path / "big.csv", lines)
    with pytest.raises(UserError, match=r"hơn 20\.000 dòng"):
        import_roster(cell_store, path)
    assert list_members(cell_store) == []


def test_windows_1258_csv_and_all_date_forms(cell_store, tmp_path):
    lines = ["Họ và tên;Ngày sinh;Ngày vào Đảng;Ngày chính thức",
             "Đỗ Minh Tuấn;5/3/85;1985-12-01;31123"]  # d/m/yy, ISO, Excel serial number (31/03/1985)
    path = _csv(tmp_path / "cp.csv", lines, encoding="cp1258")
    preview = preview_import(cell_store, path, today=TODAY)
    assert preview.source == "CSV Windows-1258"
    data = preview.rows[0].data
    assert data.full_name == "Đỗ Minh Tuấn"
    assert (data.birth_date, data.admission_decision_date) == (dt.date(1985, 3, 5), dt.date(1985, 12, 1))
    assert preview.rows[0].action == REJECT  # the serial 31123 is 17/03/1985, before the admission date
    assert "Ngày chính thức 17/03/1985 phải sau ngày vào Đảng" in preview.rows[0].messages[0]


def test_date_parser():
    assert parse_date("05/02/2026") == dt.date(2026, 2, 5)
    assert parse_date("5/2/26", today=TODAY) == dt.date(2026, 2, 5)
    assert parse_date("5/2/48", today=TODAY) == dt.date(1948, 2, 5)
    assert parse_date(46058) == dt.date(2026, 2, 5)
    assert parse_date("") is None
    with pytest.raises(DateProblem, match="không có tháng 13"):
        parse_date("01/13/2020")


def test_cli_import_summary_rejected_rows_and_exit_codes(tmp_path, capsys):
    data = str(tmp_path / "cli")
    assert main(["--data-dir", data, "demo"]) == 0
    exported = tmp_path / "ds.xlsx"
    assert main(["--data-dir", data, "roster", "export", str(exported)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "roster", "import", str(exported)]) == 0
    assert capsys.readouterr().out == ("imported 0, updated 0, unchanged 25, rejected 0; "
                                       "events added 0, unchanged 33, rejected 0\n")
    bad = _csv(tmp_path / "bad.csv", [",".join(HEADERS), "1,Nguyễn A,31/02/1970,Nam,01/01/1995,,",
                                      "2,Trần B,01/01/1960,Nam,01/01/1995,,"])
    assert main(["--data-dir", data, "roster", "import", str(bad), "--dry-run"]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "imported 1, updated 0, unchanged 0, rejected 1"
    assert out[1].startswith("dòng 2: Nguyễn A: Ngày sinh: \"31/02/1970\" không phải ngày có thật")
    assert main(["--data-dir", data, "roster", "import", str(tmp_path / "none.xlsx")]) == 1
    assert main(["--data-dir", data, "roster", "export", str(tmp_path / "ds.docx")]) == 0
    assert (tmp_path / "ds.docx").stat().st_size > 0


def test_imported_member_is_stored_like_one_typed_in_the_form(cell_store, tmp_path):
    """The import writes new members in bulk; the record, events, status and party age must be what the
    member form would have saved for the same facts."""
    path = _xlsx(tmp_path / "ds.xlsx", [HEADERS, [1, unicodedata.normalize("NFD", "Đặng Thị Ánh"), "12/03/1964", "Nữ",
                                                  "19/11/1991", "19/11/1992", "83256520"]])
    import_roster(cell_store, path, today=TODAY)
    [imported] = list_members(cell_store, TODAY)
    typed_id, _ = create_member(cell_store, MemberData(
        full_name="Đặng Thị Ánh", birth_date=dt.date(1964, 3, 12), gender="Nữ",
        admission_decision_date=dt.date(1991, 11, 19), official_date=dt.date(1992, 11, 19), card_number="83256521"))
    typed = next(r for r in list_members(cell_store, TODAY) if r.id == typed_id)
    assert imported.full_name == "Đặng Thị Ánh" and imported.search_key == "dang thi anh"
    assert dataclasses.replace(imported, id=typed.id, card_number=typed.card_number) == typed
    assert typed.status == "Chính thức" and typed.party_years == 35
    a, b = get_member(cell_store, imported.id, TODAY), get_member(cell_store, typed_id, TODAY)
    assert [(e.kind, e.event_date) for e in a.events] == [(e.kind, e.event_date) for e in b.events] == [
        ("admission", dt.date(1991, 11, 19)), ("recognition", dt.date(1992, 11, 19))]
    assert (a.status, a.party_age, a.next_badge) == (b.status, b.party_age, b.next_badge)
    # Editing an imported member works like editing any other (version, events follow the dates).
    update_member(cell_store, imported.id, dataclasses.replace(a.data, official_date=None))
    assert [e.kind for e in get_member(cell_store, imported.id, TODAY).events] == ["admission"]


def test_an_import_that_fails_while_saving_writes_nothing(cell_store, tmp_path, monkeypatch):
    first = _xlsx(tmp_path / "a.xlsx", [HEADERS, [1, "Lê Văn Đức", "01/02/1950", "Nam", "20/01/1972", "", "70351650"]])
    import_roster(cell_store, first, today=TODAY)
    rows = [[1, "Lê Văn Đức", "01/02/1950", "Nam", "20/01/1972", "20/01/1973", "70351650"]]
    rows += [[i + 2, f"Nguyễn Văn {i}", "01/01/1970", "Nam", "01/01/2000", "", f"9{i:07d}"] for i in range(600)]
    second = _xlsx(tmp_path / "b.xlsx", [HEADERS, *rows])
    preview = preview_import(cell_store, second, today=TODAY)
    assert preview.summary() == "imported 600, updated 1, unchanged 0, rejected 0"
    before = _records(cell_store)

    def disk_full(*args, **kwargs):
        raise OSError("database or disk is full")

    monkeypatch.setattr(cell_store, "audit", disk_full)  # fails after the members have been written
    with pytest.raises(OSError):
        apply_import(cell_store, preview)
    assert _records(cell_store) == before
    monkeypatch.undo()
    # The member to update was deleted after the preview: refused with the row, nothing written.
    delete_member(cell_store, list_members(cell_store)[0].id)
    with pytest.raises(UserError, match="dòng 2 vừa bị xóa"):
        apply_import(cell_store, preview)
    assert list_members(cell_store) == []


def test_a_too_long_sheet_is_refused_naming_its_declared_size(cell_store, tmp_path):
    rows = [[i + 1, f"Người {i}", "01/01/1970", "Nam", "01/01/2000", "", ""] for i in range(40)]
    path = _xlsx(tmp_path / "dai.xlsx", [HEADERS, *rows])  # Excel writes the sheet's size: 41 rows
    with pytest.raises(UserError, match=r"khoảng 41\b.*chia thành các tệp nhỏ hơn"):
        preview_import(cell_store, path, max_rows=10)
    assert list_members(cell_store) == []


HISTORY = ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Sự kiện", "Từ ngày", "Đến ngày", "Hình thức/Chi tiết",
           "Lý do", "Số quyết định"]


def _with_history(path: Path, members: list[list[object]], events: list[list[object]]) -> Path:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)
    first.title = "Danh sách"
    first.append(HEADERS)
    for row in members:
        first.append(row)
    sheet = book.create_sheet("QUA TRINH")  # found ignoring case and marks, like the headers
    sheet.append(HISTORY)
    for event in events:
        sheet.append(event)
    book.save(path)
    return path


def _bad_history_file(store: Store, tmp_path: Path) -> Path:
    """Two members in the file, one already in the cell only, one row of the first sheet refused; then a
    history sheet with three good rows and one of each kind of mistake."""
    create_member(store, MemberData(full_name="Phạm Văn Cường", birth_date=dt.date(1955, 4, 4),
                                    admission_decision_date=dt.date(1980, 3, 3),
                                    official_date=dt.date(1981, 3, 3), card_number="70000003"))
    return _with_history(tmp_path / "qt.xlsx", [
        [1, "Nguyễn Văn An", "01/01/1960", "Nam", "01/01/1990", "01/01/1991", "70000001"],
        [2, "Trần Thị Bình", "02/02/1962", "Nữ", "02/02/1992", "02/02/1993", ""],
        [3, "Lê Văn Dũng", "30/02/1965", "Nam", "03/03/1993", "", ""],
    ], [
        [1, "Nguyễn Văn An", "01/01/1960", "70000001", "Từ trần", "01/01/1985", "", "", "", ""],
        [1, "Nguyễn Văn An", "01/01/1960", "70000001", "Miễn công tác và sinh hoạt đảng", "01/02/2020",
         "01/01/2020", "", "Ốm", ""],
        [1, "Nguyễn Văn An", "01/01/1960", "70000001", "Đi du lịch", "01/01/2020", "", "", "", ""],
        [1, "Nguyễn Văn An", "01/01/1960", "70000001", "Chuyển sinh hoạt tạm thời đi", "31/02/2020", "", "", "",
         ""],
        [9, "Hoàng Văn Lạ", "09/09/1959", "79999999", "Từ trần", "01/01/2020", "", "", "", ""],
        [3, "Lê Văn Dũng", "", "", "Kết nạp lại", "01/01/2024", "", "", "", ""],
        [2, "Trần Thị Bình", "02/02/1962", "", "Chuyển sinh hoạt đảng chính thức đi", "01/03/2024", "",
         "Đảng bộ phường Hà Đông", "Chuyển nơi cư trú", "15-QĐ/ĐU"],
        ["", "Phạm Văn Cường", "04/04/1955", "70000003", "Kỷ luật", "05/05/2022", "", "Khiển trách",
         "Vi phạm quy định nộp đảng phí", ""],
        [1, "Nguyễn Văn An", "01/01/1960", "70000001", "Từ trần", "10/10/2023", "", "", "", ""],
    ])


def test_bad_history_rows_are_refused_with_the_reason_and_the_rest_imported(cell_store, tmp_path):
    path = _bad_history_file(cell_store, tmp_path)
    result = import_roster(cell_store, path, today=TODAY)
    preview = result.preview
    assert preview.summary() == ("imported 2, updated 0, unchanged 0, rejected 1; "
                                 "events added 3, unchanged 0, rejected 6")
    reasons = {r.row: r.messages for r in preview.history_rejected}
    assert reasons == {
        2: ("Không ghi được sự kiện này vào quá trình của đồng chí Nguyễn Văn An: Có sự kiện ngày 01/01/1990 "
            "sau khi đảng viên đã từ trần. Có sự kiện ngày 01/01/1991 sau khi đảng viên đã từ trần. "
            "Sự kiện ngày 01/01/1985 trước khi kết nạp.",),
        3: ("Đến ngày 01/01/2020 phải sau từ ngày 01/02/2020.",),
        4: ("Không rõ sự kiện «Đi du lịch». Hãy ghi như ở trang Đảng viên: Kết nạp vào Đảng; Kết nạp lại; "
            "Công nhận đảng viên chính thức; Chuyển sinh hoạt đảng chính thức đến; Chuyển sinh hoạt đảng chính "
            "thức đi; Sinh hoạt đảng tạm thời tại chi bộ; Chuyển sinh hoạt đảng tạm thời đi; Kết thúc sinh hoạt "
            "tạm thời; Miễn công tác và sinh hoạt đảng; Trở lại công tác và sinh hoạt đảng; Kỷ luật; Từ trần; "
            "Xóa tên; Khai trừ; Xin ra khỏi Đảng.",),
        5: ('Từ ngày: "31/02/2020" không phải ngày có thật (tháng 2/2020 không có ngày 31).',),
        6: ("Không tìm thấy đồng chí Hoàng Văn Lạ (số thẻ 79999999, sinh ngày 09/09/1959) trong trang danh sách "
            "của tệp hay trong chi bộ. Hãy ghi họ tên, ngày sinh và số thẻ như ở trang danh sách.",),
        7: ("Đồng chí Lê Văn Dũng ở dòng 4 của trang danh sách không nhập được, nên sự kiện này cũng chưa nhập; "
            "hãy sửa dòng đó rồi nhập lại tệp.",),
    }
    # The good rows went in, in the same import: a member created by it, one already in the cell, and the
    # death of the first member in its right place (after the admission the first sheet gives).
    status = {r.full_name: r.status for r in list_members(cell_store, TODAY)}
    assert status == {"Nguyễn Văn An": "Từ trần", "Trần Thị Bình": "Đã chuyển đi", "Phạm Văn Cường": "Chính thức"}
    binh = next(r for r in list_members(cell_store) if r.full_name == "Trần Thị Bình")
    moved = get_member(cell_store, binh.id, TODAY).events[-1]
    assert (moved.kind, moved.event_date, moved.detail, moved.reason, moved.decision_ref) == (
        "transfer_out_official", dt.date(2024, 3, 1), "Đảng bộ phường Hà Đông", "Chuyển nơi cư trú", "15-QĐ/ĐU")
    cuong = next(r for r in list_members(cell_store) if r.full_name == "Phạm Văn Cường")
    assert get_member(cell_store, cuong.id, TODAY).events[-1].label == "Kỷ luật: khiển trách"
    with write_report(preview, tmp_path / "loi.csv").open(encoding="utf-8-sig", newline="") as handle:
        report = list(csv.reader(handle))
    assert report[0] == ["Trang", "Dòng", "Họ và tên", "Kết quả", "Lý do"]
    assert report[1][:3] == ["Danh sách", "4", "Lê Văn Dũng"]
    assert ["QUA TRINH", "5", "Nguyễn Văn An", "Không nhập", "Chuyển sinh hoạt tạm thời đi: " + reasons[5][0]] \
        in report
    assert sum(line[0] == "QUA TRINH" for line in report) == 6
    # The same file again: the added events are there, nothing is added twice.
    assert import_roster(cell_store, path, today=TODAY).summary() == (
        "imported 0, updated 0, unchanged 2, rejected 1; events added 0, unchanged 3, rejected 6")


def test_cli_dry_run_prints_the_history_counts_and_refused_rows(cell_store, data_dir, tmp_path, capsys):
    path = _bad_history_file(cell_store, tmp_path)
    assert main(["--data-dir", str(data_dir), "roster", "import", str(path), "--dry-run"]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "imported 2, updated 0, unchanged 0, rejected 1; events added 3, unchanged 0, rejected 6"
    assert out[1].startswith("dòng 4: Lê Văn Dũng: Ngày sinh:")
    assert out[2] == "QUA TRINH, dòng 2: Nguyễn Văn An: Từ trần: Không ghi được sự kiện này vào quá trình " \
                     "của đồng chí Nguyễn Văn An: Có sự kiện ngày 01/01/1990 sau khi đảng viên đã từ trần. " \
                     "Có sự kiện ngày 01/01/1991 sau khi đảng viên đã từ trần. Sự kiện ngày 01/01/1985 trước khi " \
                     "kết nạp."
    assert len(out) == 1 + 1 + 6
    assert [r.full_name for r in list_members(cell_store)] == ["Phạm Văn Cường"]  # a dry run writes nothing


def test_roster_xlsx_has_real_dates_a_frozen_filtered_header_and_widths_that_fit(demo_store, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(export_roster(demo_store, tmp_path / "ds.xlsx", TODAY))["Danh sách đảng viên"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}26"
    headers = [c.value for c in sheet[1]]
    birth = sheet.cell(2, headers.index("Ngày sinh") + 1)
    assert isinstance(birth.value, dt.datetime) and birth.number_format == "DD/MM/YYYY"
    names = [sheet.cell(r, 2).value for r in range(2, 27)]
    assert sheet.column_dimensions["B"].width >= max(len(n) for n in names)


def test_a_new_member_with_a_stored_members_name_and_another_birth_date_is_flagged(cell_store, tmp_path):
    first = _xlsx(tmp_path / "a.xlsx", [HEADERS, [1, "Nguyễn Thị Hường", "12/03/1964", "Nữ", "19/11/1991",
                                                  "19/11/1992", ""]])
    import_roster(cell_store, first)
    second = _xlsx(tmp_path / "b.xlsx", [HEADERS, [1, "Nguyen Thi Huong", "12/03/1964", "Nữ", "19/11/1991",
                                                   "19/11/1992", ""],
                                         [2, "Nguyễn Thị Hường", "07/08/1980", "Nữ", "03/02/2010", "", ""],
                                         [3, "Nguyễn Thị Hường", "01/01/1990", "Nữ", "03/02/2015", "", ""]])
    preview = preview_import(cell_store, second)
    by_row = {r.row: r for r in preview.rows}
    assert by_row[3].action == "create" and by_row[3].state == "warning"
    assert by_row[3].messages == ("Cùng họ tên với đảng viên đã có sinh ngày 12/03/1964 nhưng khác ngày sinh: "
                                  "sẽ thêm một người mới. Nếu là cùng một người, hãy sửa ngày sinh cho khớp.",)
    assert by_row[4].state == "warning" and "khác ngày sinh" in by_row[4].messages[0]
    assert not any("khác ngày sinh" in m for m in by_row[2].messages), "a different spelling, no birth date clash"
