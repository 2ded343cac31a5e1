"""Headings stay with what follows them, signature blocks never split, and no table cell breaks a number:
checked on the rendered PDF (where each text falls) and in the Word file's layout flags."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from exporters import Block, Document, DoubleSignature, Heading, Paragraph, Signature, Signer, Table
from exporters.table_layout import table_widths_mm
from secretary_app.documents import dues_ledger
from secretary_app.documents.records import CellHeader, DuesLedgerRecord, DuesLedgerRow
from tests.exporters.conftest import docx_bytes, open_pdf, pdf_bytes
from tests.exporters.samples import sample_minutes

_CLOSING = "IV- KẾT THÚC"
_LAST = "Buổi sinh hoạt kết thúc lúc 21 giờ 15 phút cùng ngày; biên bản đã được đọc lại và thông qua."


def _filler(count: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph.from_markup(f"Đoạn thứ {i + 1}: ý kiến về công tác vệ sinh môi trường, an ninh trật tự "
                                       "của tổ dân phố trong tháng.") for i in range(count))


def _minutes_ending(count: int) -> Document:
    base = sample_minutes()
    head = tuple(b for b in base.blocks[:5])  # attendance lines only
    blocks = (*head, *_filler(count), Heading(_CLOSING), Paragraph.from_markup(_LAST),
              DoubleSignature(Signer("THƯ KÝ", "Trần Thị Thu Hà"), Signer("CHỦ TRÌ", "Phạm Minh Đức")))
    return Document(header=base.header, doc_type_name=base.doc_type_name, subject=base.subject, blocks=blocks)


def _page_of(pages: list[str], text: str) -> int:
    found = [index for index, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"“{text}” on pages {found}"
    return found[0]


def _pages(data: bytes) -> list[str]:
    with open_pdf(data) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


def test_closing_heading_its_paragraph_and_the_signatures_share_a_page_wherever_the_page_breaks() -> None:
    pushed = 0
    for count in range(22, 36):
        pages = _pages(pdf_bytes(_minutes_ending(count)))
        heading = _page_of(pages, _CLOSING)
        assert _page_of(pages, "Buổi sinh hoạt kết thúc lúc") == heading, count
        for text in ("THƯ KÝ", "CHỦ TRÌ", "Trần Thị Thu Hà", "Phạm Minh Đức"):
            assert _page_of(pages, text) == heading, (count, text)
        last_filler = _page_of(pages, f"Đoạn thứ {count}:")
        pushed += heading > last_filler
    # The sweep crosses page ends: at least once the whole ending moved to a new page as one piece.
    assert pushed >= 1


def test_a_heading_in_the_middle_is_never_the_last_line_of_a_page() -> None:
    base = sample_minutes()
    crossed = 0
    for count in range(22, 36):
        blocks: tuple[Block, ...] = (*_filler(count), Heading("2- Thảo luận dự thảo nghị quyết", level=2),
                  Paragraph.from_markup("Đồng chí Trần Văn Đức trình bày dự thảo nghị quyết tháng 02/2026."),
                  *_filler(5)[::-1])
        doc = Document(header=base.header, doc_type_name=base.doc_type_name, subject=base.subject, blocks=blocks)
        pages = _pages(pdf_bytes(doc))
        heading = _page_of(pages, "2- Thảo luận dự thảo nghị quyết")
        assert _page_of(pages, "Đồng chí Trần Văn Đức trình bày") == heading, count
        crossed += heading > _page_of(pages, f"Đoạn thứ {count}:")
    assert crossed >= 1


def test_word_keeps_headings_with_next_and_never_splits_a_signature_or_table_row() -> None:
    word = docx.Document(io.BytesIO(docx_bytes(_minutes_ending(20))))
    closing = next(p for p in word.paragraphs if p.text == _CLOSING)
    last = next(p for p in word.paragraphs if p.text.startswith("Buổi sinh hoạt kết thúc"))
    assert closing.paragraph_format.keep_with_next is True
    assert last.paragraph_format.keep_with_next is True  # the paragraph goes with the signature block
    signature_table = word.tables[-1]
    assert "THƯ KÝ" in signature_table.rows[0].cells[0].text
    for table in word.tables[1:]:  # every table after the header row: rows never break across pages
        for row in table.rows:
            flag = row._tr.trPr.find(qn("w:cantSplit")) if row._tr.trPr is not None else None
            assert flag is not None and flag.get(qn("w:val")) == "true"


def _ledger(total_per_month: int) -> Document:
    months = tuple(dt.date(2026, m, 1) for m in range(1, 13))
    third = total_per_month // 3
    shares = (total_per_month - 2 * third, third, third)
    rows = tuple(DuesLedgerRow(name, tuple(share for _ in months))
                 for name, share in zip(("Võ Thị Diệu Linh", "Nguyễn Thị Phương Thảo", "Đinh Công Thành"), shares,
                                        strict=True))
    return dues_ledger.build_dues_ledger(DuesLedgerRecord(
        CellHeader("Đảng bộ phường Hoàn Kiếm", "Chi bộ Tổ dân phố số 5", "Hoàn Kiếm"), months, rows,
        "Nguyễn Văn Hùng", dt.date(2026, 12, 31)))


@pytest.mark.parametrize("monthly", [635_000, 1_905_000])
def test_ledger_totals_and_names_are_never_broken_inside_a_cell(monthly: int) -> None:
    doc = _ledger(monthly)
    total = f"{monthly:,}".replace(",", ".")
    with open_pdf(pdf_bytes(doc, profile=dues_ledger.PROFILE)) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words(x_tolerance=1)]
    assert words.count(total) == 12  # the total row: one whole number per month
    yearly = f"{12 * monthly:,}".replace(",", ".")
    assert yearly in words
    # A long name may wrap between its words when the numbers need the room, never inside one.
    for part in ["Võ", "Thị", "Diệu", "Linh", "Nguyễn", "Thị", "Phương", "Thảo"]:
        assert part in words


def test_columns_are_widened_for_their_longest_word_in_both_renderers() -> None:
    doc = _ledger(635_000)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    widths = table_widths_mm(table, dues_ledger.PROFILE)
    assert sum(widths) == pytest.approx(dues_ledger.PROFILE.text_width_mm, abs=0.01)
    word = docx.Document(io.BytesIO(docx_bytes(doc, profile=dues_ledger.PROFILE)))
    grid = word.tables[1]
    assert [round(c.width.mm, 1) for c in grid.columns] == [round(w, 1) for w in widths]


def test_a_signature_without_paragraph_before_is_still_rendered() -> None:
    base = sample_minutes()
    doc = Document(header=base.header, doc_type_name="NGHỊ QUYẾT", subject="về thử nghiệm",
                   blocks=(Signature(Signer("BÍ THƯ", "Nguyễn Văn Hùng", authority="T/M CHI BỘ")),))
    assert "Nguyễn Văn Hùng" in _pages(pdf_bytes(doc))[0]


def test_ledger_names_the_committee_the_dues_went_to() -> None:
    import dataclasses

    from tests.documents.conftest import pdf_text

    months = (dt.date(2026, 11, 1),)
    record = DuesLedgerRecord(CellHeader("Đảng bộ phường Hoàn Kiếm", "Chi bộ Tổ dân phố số 5", "Hoàn Kiếm"),
                              months, (DuesLedgerRow("Lê Văn Đức", (35_000,)),), "Nguyễn Văn Hùng",
                              dt.date(2026, 11, 30))
    text = " ".join(pdf_text(dues_ledger.build_dues_ledger(dataclasses.replace(record, remitted=35_000)),
                             dues_ledger.PROFILE).split())
    assert "Đã nộp lên Đảng ủy phường Hoàn Kiếm: 35.000 đồng." in text and "cấp trên" not in text


def _vote_doc(count: int) -> Document:
    from exporters import VoteLine

    base = sample_minutes()
    blocks: tuple[Block, ...] = (*_filler(count), Paragraph.from_markup("Chi bộ biểu quyết thông qua nghị quyết tháng 02/2026, kết quả:"),
              VoteLine(19, 20), VoteLine(0, 20, label="Không tán thành", verb="chiếm"),
              VoteLine(1, 20, label="Ý kiến khác", verb="chiếm"), *_filler(4))
    return Document(header=base.header, doc_type_name=base.doc_type_name, subject=base.subject, blocks=blocks)


def test_a_vote_is_read_on_one_page_with_its_lead_in() -> None:
    crossed = 0
    for count in range(26, 34):
        pages = _pages(pdf_bytes(_vote_doc(count)))
        lead_in = _page_of(pages, "kết quả:")
        for line in ("Tán thành: 19/20", "Không tán thành: 0/20", "Ý kiến khác: 1/20"):
            assert _page_of(pages, line) == lead_in, (count, line)
        crossed += lead_in > _page_of(pages, f"Đoạn thứ {count}:")
    assert crossed >= 1
    word = docx.Document(io.BytesIO(docx_bytes(_vote_doc(3))))
    flags = {p.text.split(":")[0]: p.paragraph_format.keep_with_next for p in word.paragraphs
             if "kết quả:" in p.text or "/20" in p.text}
    assert flags == {"Chi bộ biểu quyết thông qua nghị quyết tháng 02/2026, kết quả": True, "Tán thành": True,
                     "Không tán thành": True, "Ý kiến khác": None}
