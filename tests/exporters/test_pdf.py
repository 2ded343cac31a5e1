"""Read the PDF back: positions, fonts, page numbers, Vietnamese text."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from exporters import Document, Header, Paragraph, render_pdf
from exporters.profile import HD36_2018, Margins
from tests.exporters.conftest import MM, open_pdf, pdf_bytes
from tests.exporters.samples import sample_minutes, sample_resolution

A4 = (595.28, 841.89)


def _find(page, text: str) -> dict:
    matches = page.search(text, regex=False)
    assert matches, f"{text!r} not found on page {page.page_number}"
    return matches[0]


def _body_chars(page) -> list[dict]:
    """Characters below the top margin, i.e. everything except the page number."""
    return [char for char in page.chars if char["top"] >= 18 * MM and char["text"].strip()]


def test_page_size_is_a4(resolution_pdf: bytes) -> None:
    with open_pdf(resolution_pdf) as pdf:
        for page in pdf.pages:
            assert page.width == pytest.approx(A4[0], abs=0.5)
            assert page.height == pytest.approx(A4[1], abs=0.5)


def test_party_title_top_right_with_a_rule_of_its_length(resolution_pdf: bytes) -> None:
    with open_pdf(resolution_pdf) as pdf:
        page = pdf.pages[0]
        title = _find(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
        assert title["x0"] > page.width / 2
        assert title["top"] < 30 * MM
        assert all("Bold" in char["fontname"] for char in title["chars"])
        rules = [line for line in page.lines if abs(line["top"] - title["bottom"]) < 6]
        assert len(rules) == 1
        assert rules[0]["x0"] == pytest.approx(title["x0"], abs=1)
        assert rules[0]["x1"] == pytest.approx(title["x1"], abs=1)


def test_issuing_body_bold_left_and_superior_body_regular(resolution_pdf: bytes) -> None:
    with open_pdf(resolution_pdf) as pdf:
        page = pdf.pages[0]
        issuing = _find(page, "CHI BỘ TỔ DÂN PHỐ SỐ 5")
        assert issuing["x1"] < page.width / 2
        assert all("Bold" in char["fontname"] for char in issuing["chars"] if char["text"].strip())
        superior = _find(page, "ĐẢNG BỘ PHƯỜNG HOÀN KIẾM")
        assert superior["top"] < issuing["top"]
        assert not any("Bold" in char["fontname"] for char in superior["chars"])
        # The superior body shares the first line with the Party title.
        assert superior["top"] == pytest.approx(_find(page, "ĐẢNG CỘNG SẢN VIỆT NAM")["top"], abs=3)


def test_number_is_centred_under_the_star(resolution_pdf: bytes) -> None:
    with open_pdf(resolution_pdf) as pdf:
        page = pdf.pages[0]
        issuing = _find(page, "CHI BỘ TỔ DÂN PHỐ SỐ 5")
        stars = [char for char in page.chars if char["text"] == "*" and char["x1"] < page.width / 2]
        assert len(stars) == 1
        star = stars[0]
        number = _find(page, "Số 03-NQ/CB")
        assert issuing["bottom"] <= star["top"] + 2 and star["bottom"] < number["top"] + 2
        centre = lambda box: (box["x0"] + box["x1"]) / 2  # noqa: E731
        assert centre(star) == pytest.approx(centre(number), abs=1.5)
        assert centre(star) == pytest.approx(centre(issuing), abs=1.5)


def test_date_line_is_italic_and_zero_padded(resolution_pdf: bytes) -> None:
    with open_pdf(resolution_pdf) as pdf:
        page = pdf.pages[0]
        date_line = _find(page, "Hoàn Kiếm, ngày 05 tháng 02 năm 2026")
        assert date_line["x0"] > page.width / 2
        assert all("Italic" in char["fontname"] for char in date_line["chars"] if char["text"].strip())


def test_april_is_not_zero_padded() -> None:
    header = dataclass_replace(sample_resolution().header, date=dt.date(2026, 4, 3))
    doc = Document(header, "NGHỊ QUYẾT", None, (Paragraph.from_markup("Nội dung."),))
    with open_pdf(pdf_bytes(doc)) as pdf:
        assert "Hoàn Kiếm, ngày 03 tháng 4 năm 2026" in pdf.pages[0].extract_text()


def dataclass_replace(header: Header, **changes) -> Header:
    import dataclasses

    return dataclasses.replace(header, **changes)


@pytest.mark.parametrize("sample", ["resolution_pdf", "minutes_pdf"])
def test_text_stays_inside_the_margins(sample: str, request: pytest.FixtureRequest) -> None:
    margins = HD36_2018.margins
    with open_pdf(request.getfixturevalue(sample)) as pdf:
        for page in pdf.pages:
            chars = _body_chars(page)
            assert min(c["x0"] for c in chars) >= (margins.left_mm - 1) * MM
            assert max(c["x1"] for c in chars) <= page.width - (margins.right_mm - 1) * MM
            assert min(c["top"] for c in chars) >= (margins.top_mm - 1) * MM
            assert max(c["bottom"] for c in chars) <= page.height - (margins.bottom_mm - 1) * MM
        # Justified body lines start at the left margin and reach the right one (within 1 mm).
        chars = _body_chars(pdf.pages[1])
        assert min(c["x0"] for c in chars) == pytest.approx(margins.left_mm * MM, abs=1 * MM)
        assert max(c["x1"] for c in chars) == pytest.approx(page.width - margins.right_mm * MM, abs=1 * MM)


def test_other_margins_from_the_profile() -> None:
    profile = HD36_2018.replace(margins=Margins(top_mm=25, bottom_mm=25, left_mm=35, right_mm=15))
    with open_pdf(pdf_bytes(sample_minutes(), profile=profile)) as pdf:
        chars = _body_chars(pdf.pages[1])
        assert min(c["x0"] for c in chars) == pytest.approx(35 * MM, abs=1 * MM)


def test_mirror_margins_swap_sides_on_even_pages() -> None:
    profile = HD36_2018.replace(mirror_margins=True)
    with open_pdf(pdf_bytes(sample_minutes(), profile=profile)) as pdf:
        odd, even = _body_chars(pdf.pages[2]), _body_chars(pdf.pages[1])
        assert min(c["x0"] for c in odd) == pytest.approx(30 * MM, abs=1 * MM)
        assert min(c["x0"] for c in even) == pytest.approx(15 * MM, abs=1 * MM)
        assert max(c["x1"] for c in even) == pytest.approx(pdf.pages[1].width - 30 * MM, abs=1 * MM)


def test_minutes_sample_has_four_pages(minutes_pdf: bytes) -> None:
    assert len(PdfReader(io.BytesIO(minutes_pdf)).pages) == 4


@pytest.mark.parametrize("sample", ["resolution_pdf", "minutes_pdf"])
def test_only_embedded_liberation_serif(sample: str, request: pytest.FixtureRequest) -> None:
    reader = PdfReader(io.BytesIO(request.getfixturevalue(sample)))
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():  # type: ignore[index]  # pypdf types entries as bare PdfObject
            font = font.get_object()
            name = str(font["/BaseFont"])
            assert "LiberationSerif" in name, name
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), f"{name} is not embedded"
            seen.add(name.split("+")[-1])
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= seen


def test_page_numbers_from_page_two_centred_at_the_top(minutes_pdf: bytes) -> None:
    margins = HD36_2018.margins
    with open_pdf(minutes_pdf) as pdf:
        assert not [c for c in pdf.pages[0].chars if c["top"] < margins.top_mm * MM and c["text"].strip()]
        for number, page in enumerate(pdf.pages[1:], start=2):
            chars = [c for c in page.chars if c["top"] < margins.top_mm * MM and c["text"].strip()]
            assert "".join(c["text"] for c in chars) == str(number)
            centre = (chars[0]["x0"] + chars[-1]["x1"]) / 2
            assert centre == pytest.approx((margins.left_mm * MM + page.width - margins.right_mm * MM) / 2, abs=2)
            assert chars[0]["top"] == pytest.approx(HD36_2018.page_number_top_mm * MM, abs=2 * MM)
            assert chars[0]["size"] == pytest.approx(14, abs=0.1)


def test_decomposed_input_prints_precomposed_glyphs() -> None:
    body = "Nghị quyết được Nguyễn Thị Hường, Trần Văn Đức, Lê Thị Ánh ký; chữ ữ ặ ẫ ỗ ự ỷ Ữ Ỡ Ặ Ẩ Ệ."
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    assert nfd(body) != body
    doc = Document(
        Header(superior_body=nfd("Đảng bộ phường Hoàn Kiếm"), issuing_body=nfd("Chi bộ Tổ dân phố số 5"),
               number="Số 03-NQ/CB", place=nfd("Hoàn Kiếm"), date=dt.date(2026, 2, 5)),
        nfd("NGHỊ QUYẾT"),
        nfd("về lãnh đạo thực hiện nhiệm vụ tháng 02 năm 2026"),
        (Paragraph.from_markup(nfd(body)),),
    )
    with open_pdf(pdf_bytes(doc)) as pdf:
        page = pdf.pages[0]
        text = " ".join(page.extract_text().split())
        assert not [c["text"] for c in page.chars if unicodedata.combining(c["text"][0])]
        assert "Nghi\u0323" not in text
        for expected in ("Nghị quyết", "Nguyễn Thị Hường", "ữ ặ ẫ ỗ ự ỷ Ữ Ỡ Ặ Ẩ Ệ", "CHI BỘ TỔ DÂN PHỐ SỐ 5",
                         "Hoàn Kiếm, ngày 05 tháng 02 năm 2026", "NGHỊ QUYẾT"):
            assert expected in text
        assert unicodedata.normalize("NFC", text) == text


def test_markup_characters_are_printed_literally() -> None:
    doc = Document(sample_resolution().header, "THÔNG BÁO", None,
                   (Paragraph.from_markup("Giá trị <b>a</b> & b > c; **đậm**"),))
    with open_pdf(pdf_bytes(doc)) as pdf:
        assert "Giá trị <b>a</b> & b > c; đậm" in pdf.pages[0].extract_text()


def test_writes_to_a_path(out_dir) -> None:
    target = out_dir / "nq.pdf"
    render_pdf(sample_resolution(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out_dir.iterdir()] == ["nq.pdf"]
