"""Read the DOCX back through python-docx and its XML."""

from __future__ import annotations

import io
import re
import unicodedata

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from exporters import render_docx
from exporters.docx_renderer import FONT
from exporters.profile import HD36_2018
from tests.exporters.conftest import MM, docx_bytes, open_pdf
from tests.exporters.samples import sample_minutes, sample_resolution

THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_a4_and_margins(resolution_docx: bytes) -> None:
    section = _open(resolution_docx).sections[0]
    margins = HD36_2018.margins
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for actual, expected in ((section.top_margin, margins.top_mm), (section.bottom_margin, margins.bottom_mm),
                             (section.left_margin, margins.left_mm), (section.right_margin, margins.right_mm)):
        assert actual is not None and abs(actual - Mm(expected)) < Mm(0.1)
    assert section.header_distance is not None and abs(section.header_distance - Mm(10)) < Mm(0.1)


def _check_run_properties(rpr) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert rfonts.get(qn(f"w:{slot}")) == "Times New Roman", slot
    for attribute in THEME_ATTRIBUTES:
        assert rfonts.get(qn(f"w:{attribute}")) is None, attribute
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_times_new_roman_in_all_slots_without_theme_fonts_and_vietnamese(resolution_docx: bytes) -> None:
    word = _open(resolution_docx)
    styles = word.styles.element
    _check_run_properties(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = word.styles["Normal"]
    _check_run_properties(normal.element.find(qn("w:rPr")))
    assert normal.font.size.pt == 14
    for rfonts in styles.iter(qn("w:rFonts")):
        assert not any(rfonts.get(qn(f"w:{a}")) for a in THEME_ATTRIBUTES)
    assert FONT == "Times New Roman"


def test_body_is_justified_with_first_line_indent_and_exact_spacing(resolution_docx: bytes) -> None:
    word = _open(resolution_docx)
    fmt = word.styles["Normal"].paragraph_format
    assert fmt.line_spacing.pt == pytest.approx(19)
    assert fmt.space_after.pt == pytest.approx(6)
    body = next(p for p in word.paragraphs if p.text.startswith("Ngày 05/02/2026"))
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(body.paragraph_format.first_line_indent - Mm(10)) < Mm(0.1)


def test_first_table_is_the_borderless_two_column_header(resolution_docx: bytes) -> None:
    word = _open(resolution_docx)
    header = word.tables[0]
    assert len(header.columns) == 2 and len(header.rows) == 1
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert edges == dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), "nil")
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ PHƯỜNG HOÀN KIẾM", "CHI BỘ TỔ DÂN PHỐ SỐ 5", "*", "Số 03-NQ/CB"]
    assert all(run.bold for run in left.paragraphs[1].runs)
    assert not any(run.bold for run in left.paragraphs[0].runs)
    title = right.paragraphs[0]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and all(run.bold for run in title.runs)
    rule = right.paragraphs[1]
    assert rule.text == "" and rule._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
    # The rule's indents leave exactly the title's width (Liberation Serif = Times New Roman metrics).
    width_mm = HD36_2018.column_widths_mm[1] - 2 * rule.paragraph_format.left_indent.mm
    assert width_mm == pytest.approx(72.9, abs=0.5)
    date_line = right.paragraphs[2]
    assert date_line.text == "Hoàn Kiếm, ngày 05 tháng 02 năm 2026"
    assert all(run.italic for run in date_line.runs)
    widths = [column.width.mm for column in header.columns]
    assert widths == pytest.approx(list(HD36_2018.column_widths_mm), abs=0.1)


def test_page_number_field_from_page_two(resolution_docx: bytes) -> None:
    section = _open(resolution_docx).sections[0]
    assert section.different_first_page_header_footer
    assert section._sectPr.find(qn("w:titlePg")) is not None
    instructions = [node.text for node in section.header._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    assert not section.first_page_header.is_linked_to_previous
    assert all(not p.text for p in section.first_page_header.paragraphs)
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_row_with_recipients(resolution_docx: bytes) -> None:
    word = _open(resolution_docx)
    closing = word.tables[-1]
    left, right = closing.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Nơi nhận:", "- Đảng ủy phường Hoàn Kiếm (để báo cáo),", "- Đảng viên trong chi bộ,", "- Lưu Chi bộ."
    ]
    assert left.paragraphs[0].runs[0].underline
    assert left.paragraphs[1].runs[0].font.size.pt == 12
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Thị Hường"]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+(?:[/.,-]\w+)*", unicodedata.normalize("NFC", text).casefold()))


def _docx_text(word: docx.document.Document) -> str:
    # Every w:t in the body, tables included, in document order; header and footer parts are separate.
    return " ".join(node.text or "" for node in word.element.body.iter(qn("w:t")))


@pytest.mark.parametrize("build", [sample_resolution, sample_minutes])
def test_same_visible_text_as_the_pdf(build) -> None:
    from tests.exporters.conftest import pdf_bytes

    doc = build()
    with open_pdf(pdf_bytes(doc)) as pdf:
        # Below the top margin, so the page numbers are left out as they live in the DOCX header part.
        pdf_text = " ".join(page.crop((0, 18 * MM, page.width, page.height)).extract_text() for page in pdf.pages)
    docx_words = _words(_docx_text(_open(docx_bytes(doc))))
    assert docx_words == _words(pdf_text)
    assert {"đảng", "nguyễn", "hường", "biên", "nghị"} & docx_words


def test_writes_to_a_path(out_dir) -> None:
    target = out_dir / "bb.docx"
    render_docx(sample_minutes(), target)
    assert _open(target.read_bytes()).tables[0].rows[0].cells[0].paragraphs[1].text == "CHI BỘ TỔ DÂN PHỐ SỐ 5"
    assert [p.name for p in out_dir.iterdir()] == ["bb.docx"]


def test_minutes_end_with_two_signers() -> None:
    word = _open(docx_bytes(sample_minutes()))
    left, right = word.tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ", "Lê Thị Ánh"]
    assert [p.text for p in right.paragraphs if p.text] == ["CHỦ TRÌ", "Nguyễn Thị Hường"]
    assert all(run.bold for p in right.paragraphs for run in p.runs)


def test_mirror_margins_setting() -> None:
    word = _open(docx_bytes(sample_minutes(), profile=HD36_2018.replace(mirror_margins=True)))
    assert word.settings.element.find(qn("w:mirrorMargins")) is not None
    assert _open(docx_bytes(sample_minutes())).settings.element.find(qn("w:mirrorMargins")) is None
