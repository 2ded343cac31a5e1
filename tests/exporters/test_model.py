from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from exporters import (
    HD36_2018,
    Document,
    DocumentError,
    Header,
    Heading,
    Margins,
    Paragraph,
    Recipients,
    Run,
    Signer,
    Table,
    VoteLine,
    format_date_line,
    format_number,
    runs_from_markup,
)
from exporters.model import Column
from tests.exporters.samples import sample_minutes, sample_resolution

HEADER = Header(superior_body="Đảng bộ phường Hoàn Kiếm", issuing_body="Chi bộ Tổ dân phố số 5")


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 2, 5), "Hoàn Kiếm, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 31), "Hoàn Kiếm, ngày 31 tháng 01 năm 2026"),
        (dt.date(2018, 4, 3), "Hoàn Kiếm, ngày 03 tháng 4 năm 2018"),
        (dt.date(2026, 11, 20), "Hoàn Kiếm, ngày 20 tháng 11 năm 2026"),
        (dt.date(2026, 3, 9), "Hoàn Kiếm, ngày 09 tháng 3 năm 2026"),
    ],
)
def test_date_line_pads_days_and_only_months_1_and_2(date: dt.date, expected: str) -> None:
    assert format_date_line("Hoàn Kiếm", date) == expected


def test_number_has_two_digits_at_least_and_no_colon() -> None:
    assert format_number(3, "NQ", "CB") == "Số 03-NQ/CB"
    assert format_number(127, "QĐ", "TW") == "Số 127-QĐ/TW"
    with pytest.raises(DocumentError):
        format_number(0, "NQ", "CB")


def test_markup_gives_bold_and_italic_runs_and_keeps_a_lone_star() -> None:
    assert runs_from_markup("Chi bộ **quyết nghị**: *thông qua* * x") == (
        Run("Chi bộ "),
        Run("quyết nghị", bold=True),
        Run(": "),
        Run("thông qua", italic=True),
        Run(" * x"),
    )


def test_vote_line_text() -> None:
    assert VoteLine(20, 20).text == "Tán thành: 20/20 đồng chí, đạt 100%"
    assert VoteLine(19, 21).text == "Tán thành: 19/21 đồng chí, đạt 90,48%"
    assert VoteLine(1, 3, label="Không tán thành", verb="chiếm").text == "Không tán thành: 1/3 đồng chí, chiếm 33,33%"
    with pytest.raises(DocumentError, match=r"VoteLine\.count"):
        VoteLine(21, 20)


def test_recipients_add_the_archive_line_last_and_punctuate() -> None:
    lines = Recipients(("Đảng ủy phường Hoàn Kiếm (để báo cáo);", "- Đảng viên trong chi bộ")).formatted(",")
    assert lines == ("- Đảng ủy phường Hoàn Kiếm (để báo cáo),", "- Đảng viên trong chi bộ,", "- Lưu Chi bộ.")
    lines = Recipients(("Lưu Chi ủy", "Các đảng viên")).formatted(";")
    assert lines == ("- Các đảng viên;", "- Lưu Chi ủy.")
    assert Recipients().formatted() == ("- Lưu Chi bộ.",)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Header(superior_body="Đảng bộ phường Hoàn Kiếm", issuing_body="  "), "issuing body"),
        (lambda: Header(superior_body="", issuing_body="Chi bộ 5"), "superior body"),
        (lambda: dataclasses.replace(HEADER, date=dt.date(2026, 2, 5)), "place"),
        (lambda: dataclasses.replace(HEADER, place="Hoàn Kiếm"), "date"),
        (lambda: dataclasses.replace(HEADER, number="03-NQ/CB"), "number"),
        (lambda: dataclasses.replace(HEADER, number="Số: 03-NQ/CB"), "number"),
        (lambda: Document(HEADER, "", None, (Paragraph.from_markup("x"),)), "doc_type_name"),
        (lambda: Document(HEADER, "NGHỊ QUYẾT", " ", (Paragraph.from_markup("x"),)), "subject"),
        (lambda: Document(HEADER, "NGHỊ QUYẾT", None, ()), "blocks"),
        (lambda: Document(HEADER, "NGHỊ QUYẾT", None, ("văn bản thô",)), "blocks"),  # type: ignore[arg-type]  # on purpose
        (lambda: Paragraph.from_markup("   "), "Paragraph.runs"),
        (lambda: Heading("I- MỞ ĐẦU", level=4), "Heading.level"),
        (lambda: Signer(title="BÍ THƯ", name=""), "Signer.name"),
        (lambda: Table(columns=(Column(20),), header=("a", "b"), rows=(("x",),)), "Table.header"),
        (lambda: Table(columns=(Column(20),), header=(), rows=(("x", "y"),)), "Table.rows"),
    ],
)
def test_incomplete_models_are_refused_with_the_field_named(make, field: str) -> None:
    with pytest.raises(DocumentError) as caught:
        make()
    assert field in str(caught.value)


def test_empty_issuing_body_message_is_vietnamese() -> None:
    with pytest.raises(DocumentError, match=r"Thiếu tên chi bộ \(issuing body\)"):
        Header(superior_body="Đảng bộ phường Hoàn Kiếm", issuing_body="")


def test_models_are_frozen_and_lists_become_tuples() -> None:
    doc = Document(HEADER, "NGHỊ QUYẾT", None, [Paragraph.from_markup("x")])  # type: ignore[arg-type]  # a list, on purpose
    assert isinstance(doc.blocks, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.subject = "khác"  # type: ignore[misc]  # frozen: the assignment the test expects to fail


def test_samples_are_valid() -> None:
    sample_minutes().validate()
    sample_resolution().validate()


def test_profile_is_replaceable_and_fits_wide_tables() -> None:
    profile = HD36_2018.replace(margins=Margins(25, 25, 35, 15))
    assert profile.text_width_mm == 160
    assert HD36_2018.text_width_mm == 165
    assert sum(HD36_2018.fit_widths_mm((100, 100))) == pytest.approx(165)
    assert HD36_2018.column_widths_mm[0] == pytest.approx(165 * 0.45)
