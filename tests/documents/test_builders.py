"""Each builder, read back from the PDF and the Word file as a secretary would check it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest

from exporters import Paragraph
from secretary_app.documents import agenda, dues_ledger, member_list, minutes, plan, report, resolution
from secretary_app.documents.records import (
    DuesLedgerRecord,
    DuesLedgerRow,
    MeetingRecord,
    MemberListRecord,
    MemberListRow,
    ResolutionRecord,
    SectionEntry,
    VoteEntry,
)
from secretary_app.errors import ValidationFailed
from tests.documents.conftest import CELL, docx_text, pdf_text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _resolution(**changes) -> ResolutionRecord:
    record = ResolutionRecord(
        cell=CELL, doc_type="NQ", number=3, issued_on=dt.date(2026, 2, 5),
        subject="về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026",
        sections=(SectionEntry("I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 01/2026", ("1- Công tác chính trị, tư tưởng",
                                                                             "Tư tưởng đảng viên ổn định.")),
                  SectionEntry("II- NHIỆM VỤ THÁNG 02/2026", ("Phấn đấu 95% số hộ phân loại rác.",))),
        signer_name="Nguyễn Thị Hường", meeting_date=dt.date(2026, 2, 5), present=21, total=23,
        chair="Nguyễn Thị Hường", vote=VoteEntry("Nghị quyết", yes=19, base=19),
        recipients=("Đảng ủy phường Hoàn Kiếm (để báo cáo)", "Đảng viên trong chi bộ"),
    )
    return dataclasses.replace(record, **changes)


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_minutes_follow_section_3(meeting: MeetingRecord, read) -> None:
    text = read(minutes.build_minutes(meeting))
    assert "BIÊN BẢN" in text
    assert "sinh hoạt chi bộ thường kỳ tháng 02 năm 2026" in text
    assert "Vào lúc 19 giờ 30 phút, ngày 05 tháng 02 năm 2026" in " ".join(_lines(text))
    flat = " ".join(_lines(text))
    assert "Tổng số đảng viên: 25 đồng chí (chính thức 23, dự bị 2)" in flat
    assert "Có mặt: 21 đồng chí (chính thức 19, dự bị 2)" in flat
    assert "có lý do: đồng chí Phạm Thị Hằng (ốm)" in flat and "không lý do: đồng chí Đỗ Quang Vinh" in flat
    assert "Vũ Minh Tuấn" in flat
    # speakers in the order they spoke, then the vote on that item
    assert flat.index("Phạm Văn Nghĩa") < flat.index("Ngô Thị Thủy") < flat.index("Tán thành: 19/20 đồng chí")
    assert "Ý kiến khác: 1/20 đồng chí" in flat
    assert "kết thúc lúc 21 giờ 15 phút cùng ngày (thời lượng 105 phút)" in flat
    # double signature: THƯ KÝ left, CHỦ TRÌ right, names last; no Nơi nhận on minutes
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text and "Nơi nhận" not in text
    assert flat.rstrip().endswith("Lê Thị Ánh Nguyễn Thị Hường") or flat.rstrip().endswith("Nguyễn Thị Hường")


def test_minutes_signatures_sit_left_and_right(meeting: MeetingRecord) -> None:
    import io

    import pdfplumber

    from exporters import render_pdf

    stream = io.BytesIO()
    render_pdf(minutes.build_minutes(meeting), stream)
    with pdfplumber.open(stream) as pdf:
        words = pdf.pages[-1].extract_words()
    x = {w["text"]: w["x0"] for w in words}
    assert x["KÝ"] < x["TRÌ"]


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_resolution_skeleton_and_archive_line_last(read) -> None:
    text = read(resolution.build_resolution(_resolution()))
    lines = _lines(text)
    assert "Số 03-NQ/CB" in text and "NGHỊ QUYẾT" in text and "QUYẾT NGHỊ:" in text
    assert "Hoàn Kiếm, ngày 05 tháng 02 năm 2026" in text
    assert "T/M CHI BỘ" in text and "BÍ THƯ" in text and "Nguyễn Thị Hường" in text
    assert "có mặt 21/23 đảng viên" in " ".join(lines)
    assert "19/19 đồng chí tán thành (đạt 100%)" in " ".join(lines)
    recipients = [line for line in lines if line.startswith("- ") and ("Lưu" in line or "Đảng" in line)]
    assert recipients[-1].startswith("- Lưu Chi bộ.")


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_conclusion_uses_kl(read) -> None:
    text = read(resolution.build_resolution(_resolution(doc_type="KL", number=1, vote=None)))
    assert "Số 01-KL/CB" in text and "KẾT LUẬN" in text and "QUYẾT NGHỊ" not in text


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_agenda_lists_items_and_presenters(meeting: MeetingRecord, read) -> None:
    text = read(agenda.build_agenda(meeting))
    assert "CHƯƠNG TRÌNH" in text and "sinh hoạt chi bộ thường kỳ tháng 02 năm 2026" in text
    assert "Thảo luận dự thảo nghị quyết" in text and "Trần Văn Đức" in text
    assert _lines(text)[-1].startswith("Nguyễn Thị Hường") or "- Lưu Chi bộ." in text


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_minutes_extract_keeps_only_voted_items(meeting: MeetingRecord, read) -> None:
    text = read(minutes.build_minutes_extract(meeting))
    assert "TRÍCH BIÊN BẢN" in text and "Thảo luận dự thảo nghị quyết" in text
    assert "Thông tin thời sự" not in text
    assert "T/M CHI BỘ" in text and "- Lưu Chi bộ." in text


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_report_and_plan(read) -> None:
    day = dt.date(2026, 3, 2)
    text = read(report.build_report(report.demo_report(CELL, number=4, issued_on=day, signer_name="Lê Thị Ánh",
                                                       month=dt.date(2026, 2, 1), present=21, total=23)))
    assert "BÁO CÁO" in text and "Số 04-BC/CB" in text and "có mặt 21/23" in text and "- Lưu Chi bộ." in text
    text = read(plan.build_plan(plan.demo_plan(CELL, number=1, issued_on=day, signer_name="Lê Thị Ánh", year=2026)))
    assert "KẾ HOẠCH" in text and "Số 01-KH/CB" in text and "Quý IV" in text


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_member_list(read) -> None:
    rows = (MemberListRow("Nguyễn Văn Hùng", dt.date(1958, 3, 1), admitted_on=dt.date(1985, 2, 11),
                          official_on=dt.date(1986, 2, 11), card_number="39968745"),
            MemberListRow("Hồ Thị Yến", dt.date(1995, 1, 2), admitted_on=dt.date(2026, 1, 29), note="Dự bị"))
    text = read(member_list.build_member_list(MemberListRecord(CELL, dt.date(2026, 11, 25), rows, "Nguyễn Văn Hùng")))
    assert "DANH SÁCH" in text and "Hồ Thị Yến" in text and "11/02/1986" in text
    assert "Tổng số: 2 đảng viên (chính thức 1, dự bị 1)" in " ".join(_lines(text))


@pytest.mark.parametrize("read", [pdf_text, docx_text], ids=["pdf", "docx"])
def test_dues_ledger_amounts_and_totals(read) -> None:
    months = tuple(dt.date(2026, m, 1) for m in range(1, 13))
    rows = (DuesLedgerRow("Nguyễn Văn Hùng", (12420,) * 12), DuesLedgerRow("Hồ Thị Yến", (None,) * 11 + (20000,)))
    record = DuesLedgerRecord(CELL, months, rows, "Nguyễn Văn Hùng", dt.date(2026, 12, 31))
    text = read(dues_ledger.build_dues_ledger(record), dues_ledger.PROFILE)
    assert "12.420" in text and "149.040" in text  # 12 × 12.420
    assert "169.040" in text  # grand total
    assert "SỔ THU NỘP ĐẢNG PHÍ" in text


def test_dues_ledger_is_landscape() -> None:
    assert dues_ledger.PROFILE.page_width_mm > dues_ledger.PROFILE.page_height_mm


def test_decomposed_input_is_composed(meeting: MeetingRecord) -> None:
    """Unikey "Unicode tổ hợp" input must not print detached tone marks: every run is NFC, and the PDF
    reads back the composed names."""
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    decomposed = dataclasses.replace(meeting, chair=nfd, place=unicodedata.normalize("NFD", "Nhà văn hóa"))
    for doc in (minutes.build_minutes(decomposed), agenda.build_agenda(decomposed),
                resolution.build_resolution(_resolution(signer_name=nfd, subject=unicodedata.normalize(
                    "NFD", "về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026")))):
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                assert all(unicodedata.is_normalized("NFC", run.text) for run in block.runs)
        text = pdf_text(doc)
        assert "Nguyễn Thị Hường" in text
        assert nfd not in text


@pytest.mark.parametrize(("change", "field"), [
    ({"signer_name": ""}, "signer_name"),
    ({"subject": "  "}, "subject"),
    ({"number": None}, "number"),
    ({"sections": ()}, "sections"),
])
def test_resolution_missing_field_is_named(change: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        resolution.build_resolution(_resolution(**change))
    assert caught.value.field == field and f"({field})" in caught.value.message


@pytest.mark.parametrize(("change", "field"), [
    ({"place": ""}, "meeting.place"),
    ({"chair": ""}, "meeting.chair"),
    ({"recorder": ""}, "meeting.recorder"),
    ({"attendance": None}, "meeting.attendance"),
    ({"ends_at": None}, "meeting.ends_at"),
    ({"agenda": ()}, "meeting.agenda"),
])
def test_minutes_missing_field_is_named(meeting: MeetingRecord, change: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        minutes.build_minutes(dataclasses.replace(meeting, **change))
    assert caught.value.field == field and field in caught.value.message


def test_cell_without_superior_body_is_named(meeting: MeetingRecord) -> None:
    broken = dataclasses.replace(meeting, cell=dataclasses.replace(CELL, superior_body=""))
    with pytest.raises(ValidationFailed, match=r"cell\.superior_body"):
        agenda.build_agenda(broken)
